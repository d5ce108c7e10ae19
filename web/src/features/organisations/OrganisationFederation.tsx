import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../app/api.ts';
import { FormError, Saved, SubmitButton, TextField, useAction } from '../../app/forms.tsx';
import type { Organisation } from '../../app/types.ts';
import { ConfirmButton, Empty, formatDate, QueryView } from '../../app/ui.tsx';

interface OrgFederation {
  handle: string;
  follows: {
    remote: { id: string; handle: string; name: string; uri: string; url: string | null; domain: string };
    status: 'pending' | 'accepted';
    createdAt: string;
  }[];
  followers: { follower: string; domain: string; createdAt: string }[];
}

const keyOf = (orgId: string) => ['organisation-federation', orgId];

/**
 * The organisation's federation, or null when the server has it switched off (the API answers 404
 * then — and to anyone who may not administer it, whom the ability already keeps from asking).
 */
export function useOrganisationFederation(org: Organisation | undefined) {
  return useQuery({
    queryKey: keyOf(org?.id ?? ''),
    enabled: Boolean(org?.abilities.administerFederation),
    queryFn: async (): Promise<OrgFederation | null> => {
      try {
        return await api<OrgFederation>(`/organisations/${org?.id}/federation`);
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return null;
        throw e;
      }
    },
  });
}

function FollowForm({ org }: { org: Organisation }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [remote, setRemote] = useState('');
  const run = useAction();
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    void run.run(async () => {
      await api(`/organisations/${org.id}/federation/follows`, {
        method: 'POST',
        body: { remote: remote.trim() },
      });
      setRemote('');
      await qc.invalidateQueries({ queryKey: keyOf(org.id) });
    }, e.currentTarget);
  }
  return (
    <form onSubmit={submit} noValidate className="card">
      <h3>{t('orgFederation.followTitle')}</h3>
      <p>{t('orgFederation.followText')}</p>
      <FormError error={run.error} fields={['remote']} />
      <TextField
        label={t('orgFederation.remote')}
        name="remote"
        hint={t('orgFederation.remoteHint')}
        autoComplete="off"
        spellCheck={false}
        required
        value={remote}
        onChange={(e) => setRemote(e.target.value)}
        error={run.error}
      />
      <SubmitButton pending={run.pending}>{t('orgFederation.followSubmit')}</SubmitButton>
      <Saved show={run.done}>{t('orgFederation.followSent')}</Saved>
    </form>
  );
}

/**
 * On /organisationen/:slug/verwaltung, for its admins while federation is on: whom the organisation
 * follows on other servers (their public events and posts appear in our calendar and news, marked
 * as from elsewhere), who follows it, follow by handle or address, unfollow after a confirmation.
 */
export function OrganisationFederationSection({ org }: { org: Organisation }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const query = useOrganisationFederation(org);
  if (query.data === null) return null;
  const remoteName = (r: OrgFederation['follows'][number]['remote']) => r.name || r.handle || r.uri;
  return (
    <section aria-labelledby="federation-title" className="section stack">
      <h2 id="federation-title">{t('orgFederation.title')}</h2>
      <QueryView query={query}>
        {(f) =>
          f && (
            <>
              <p>{t('orgFederation.what')}</p>
              <p>{t('orgFederation.handle', { handle: f.handle })}</p>
              <FollowForm org={org} />
              <h3>{t('orgFederation.follows')}</h3>
              {f.follows.length === 0 ? (
                <Empty>{t('orgFederation.noFollows')}</Empty>
              ) : (
                <ul className="card-list">
                  {f.follows.map((x) => (
                    <li key={x.remote.id} className="card">
                      <p>
                        <strong>{remoteName(x.remote)}</strong>
                      </p>
                      <p className="muted">
                        {x.remote.handle || x.remote.uri} ·{' '}
                        {x.status === 'accepted' ? t('orgFederation.accepted') : t('orgFederation.pending')} ·{' '}
                        {formatDate(x.createdAt)}
                      </p>
                      <ConfirmButton
                        label={t('orgFederation.unfollow')}
                        accessibleName={t('orgFederation.unfollowName', { remote: remoteName(x.remote) })}
                        title={t('orgFederation.unfollowTitle', { remote: remoteName(x.remote) })}
                        message={<p>{t('orgFederation.unfollowText')}</p>}
                        confirmLabel={t('orgFederation.unfollow')}
                        done={t('orgFederation.unfollowed', { remote: remoteName(x.remote) })}
                        onConfirm={async () => {
                          await api(`/organisations/${org.id}/federation/follows/${x.remote.id}`, {
                            method: 'DELETE',
                          });
                          await qc.invalidateQueries({ queryKey: keyOf(org.id) });
                        }}
                      />
                    </li>
                  ))}
                </ul>
              )}
              <h3>{t('orgFederation.followers')}</h3>
              {f.followers.length === 0 ? (
                <Empty>{t('orgFederation.noFollowers')}</Empty>
              ) : (
                <ul>
                  {f.followers.map((x) => (
                    <li key={x.follower}>
                      {x.follower} · {formatDate(x.createdAt)}
                    </li>
                  ))}
                </ul>
              )}
            </>
          )
        }
      </QueryView>
    </section>
  );
}
