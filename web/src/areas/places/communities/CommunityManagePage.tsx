import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../../app/api.ts';
import { FormError, SelectField, useAction } from '../../../app/forms.tsx';
import { useSession } from '../../../app/session.tsx';
import type { Page } from '../../../app/types.ts';
import { ConfirmButton, Empty, formatDate, PageHeading, QueryView } from '../../../app/ui.tsx';
import { CommunityForm } from './CommunityForm.tsx';
import { BackToList } from './CommunityParts.tsx';
import { communityKeys, communityPath, useCommunity } from './queries.ts';
import { type Community, type JoinRequest, type Member, type Role, roles } from './types.ts';

const refreshAll = (qc: ReturnType<typeof useQueryClient>) =>
  qc.invalidateQueries({ queryKey: communityKeys.all });

/** Requests waiting for an answer: take the person in, or not. */
function Requests({ c }: { c: Community }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const action = useAction();
  const requests = useQuery({
    queryKey: communityKeys.requests(c.id),
    queryFn: () => api<Page<JoinRequest>>(`/places/communities/${c.id}/requests`, { query: { limit: 100 } }),
  });
  const answer = (r: JoinRequest, verb: 'accept' | 'decline') =>
    void action.run(
      async () => {
        await api(`/places/communities/${c.id}/requests/${r.id}/${verb}`, { method: 'POST' });
        await refreshAll(qc);
      },
      undefined,
      verb === 'accept'
        ? t('placesCommunities.manage.accepted', { name: r.name })
        : t('placesCommunities.manage.declined', { name: r.name }),
    );
  return (
    <section aria-labelledby="community-requests">
      <h2 id="community-requests">{t('placesCommunities.manage.requests')}</h2>
      <FormError error={action.error} />
      <QueryView
        query={requests}
        isEmpty={(p) => p.items.length === 0}
        empty={t('placesCommunities.manage.noRequests')}
      >
        {(p) => (
          <ul className="card-list community-manage-list">
            {p.items.map((r) => (
              <li key={r.id} className="card">
                <h3>{r.name}</h3>
                <p className="meta">{t('placesCommunities.manage.askedOn', { when: formatDate(r.since) })}</p>
                {r.note && <blockquote>{r.note}</blockquote>}
                <div className="actions">
                  <button
                    type="button"
                    className="button primary"
                    disabled={action.pending}
                    onClick={() => answer(r, 'accept')}
                  >
                    {t('placesCommunities.manage.accept')}
                    <span className="visually-hidden">: {r.name}</span>
                  </button>
                  <button
                    type="button"
                    className="button secondary"
                    disabled={action.pending}
                    onClick={() => answer(r, 'decline')}
                  >
                    {t('placesCommunities.manage.decline')}
                    <span className="visually-hidden">: {r.name}</span>
                  </button>
                </div>
              </li>
            ))}
          </ul>
        )}
      </QueryView>
    </section>
  );
}

/** One member: the role (owners change it) and taking them out (owners anyone, moderators members). */
function MemberRow({ c, m, me }: { c: Community; m: Member; me: string | undefined }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const action = useAction({ done: t('placesCommunities.manage.roleSet') });
  const [role, setRole] = useState<Role>(m.role);
  const mayRemove = m.id !== me && (c.abilities.setRoles || m.role === 'member');
  return (
    <li className="card">
      <h3>
        {m.name} {m.id === me && <span className="meta">{t('placesCommunities.manage.you')}</span>}
      </h3>
      <FormError error={action.error} />
      <div className="actions">
        {c.abilities.setRoles ? (
          <>
            <SelectField
              label={t('placesCommunities.manage.roleLabel', { name: m.name })}
              name={`role-${m.id}`}
              value={role}
              onChange={(e) => setRole(e.target.value as Role)}
              options={roles.map((r) => ({ value: r, label: t(`placesCommunities.roleName.${r}`) }))}
            />
            <button
              type="button"
              className="button secondary"
              disabled={action.pending || role === m.role}
              onClick={() =>
                void action.run(async () => {
                  await api(`/places/communities/${c.id}/members/${m.id}/role`, {
                    method: 'PUT',
                    body: { role },
                  });
                  await refreshAll(qc);
                })
              }
            >
              {t('placesCommunities.manage.setRole')}
              <span className="visually-hidden">: {m.name}</span>
            </button>
          </>
        ) : (
          <p className="meta">{t(`placesCommunities.roleName.${m.role}`)}</p>
        )}
        {mayRemove && (
          <ConfirmButton
            label={t('placesCommunities.manage.remove')}
            accessibleName={t('placesCommunities.manage.removeNamed', { name: m.name })}
            title={t('placesCommunities.manage.removeTitle')}
            message={t('placesCommunities.manage.removeText', { name: m.name })}
            confirmLabel={t('placesCommunities.manage.remove')}
            onConfirm={async () => {
              await api(`/places/communities/${c.id}/members/${m.id}`, { method: 'DELETE' });
              await refreshAll(qc);
            }}
            done={t('placesCommunities.manage.removed', { name: m.name })}
          />
        )}
      </div>
    </li>
  );
}

function Members({ c }: { c: Community }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const members = useQuery({
    queryKey: communityKeys.members(c.id),
    queryFn: () => api<Page<Member>>(`/places/communities/${c.id}/members`, { query: { limit: 100 } }),
  });
  return (
    <section aria-labelledby="community-manage-members">
      <h2 id="community-manage-members">{t('placesCommunities.manage.members')}</h2>
      <p className="hint">{t('placesCommunities.manage.rolesHint')}</p>
      <QueryView query={members}>
        {(p) => (
          <ul className="card-list community-manage-list">
            {p.items.map((m) => (
              <MemberRow key={`${m.id}:${m.role}`} c={c} m={m} me={session.account?.id} />
            ))}
          </ul>
        )}
      </QueryView>
    </section>
  );
}

/** /raeume/gemeinschaften/:slug/verwalten — requests, roles, the community's words, archiving. */
export function CommunityManagePage() {
  const { t } = useTranslation();
  const { slug } = useParams();
  const community = useCommunity(slug);
  const qc = useQueryClient();
  return (
    <QueryView query={community}>
      {(c) => (
        <div className="community-manage">
          <PageHeading title={t('placesCommunities.manage.title', { name: c.name })} />
          <p>
            <Link to={communityPath(c.slug)}>{t('placesCommunities.manage.toPage')}</Link>
          </p>
          {!c.abilities.manage ? (
            <>
              <Empty>
                {c.archived
                  ? t('placesCommunities.archivedNotice')
                  : t('placesCommunities.manage.notAllowed')}
              </Empty>
              <BackToList />
            </>
          ) : (
            <>
              <Requests c={c} />
              <Members c={c} />
              <section aria-labelledby="community-edit">
                <h2 id="community-edit">{t('placesCommunities.manage.edit')}</h2>
                <CommunityForm key={c.id} existing={c} />
              </section>
              {c.abilities.archive && (
                <section aria-labelledby="community-archive">
                  <h2 id="community-archive">{t('placesCommunities.manage.archive')}</h2>
                  <p>{t('placesCommunities.manage.archiveText')}</p>
                  <ConfirmButton
                    label={t('placesCommunities.manage.archive')}
                    title={t('placesCommunities.manage.archiveTitle')}
                    message={t('placesCommunities.manage.archiveConfirm', { name: c.name })}
                    confirmLabel={t('placesCommunities.manage.archive')}
                    onConfirm={async () => {
                      const next = await api<Community>(`/places/communities/${c.id}/archive`, {
                        method: 'POST',
                      });
                      qc.setQueryData(communityKeys.one(c.slug), next);
                      await refreshAll(qc);
                    }}
                    done={t('placesCommunities.manage.archived')}
                  />
                </section>
              )}
            </>
          )}
        </div>
      )}
    </QueryView>
  );
}
