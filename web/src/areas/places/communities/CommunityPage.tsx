import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../../app/api.ts';
import { FormError, SubmitButton, TextAreaField, TextField, useAction } from '../../../app/forms.tsx';
import { MarkdownField, RichText } from '../../../app/RichText.tsx';
import { useSession } from '../../../app/session.tsx';
import type { Page } from '../../../app/types.ts';
import {
  ConfirmButton,
  ErrorState,
  formatDate,
  PageHeading,
  Pagination,
  QueryView,
} from '../../../app/ui.tsx';
import { FlagButton } from '../../../features/organisations/FlagButton.tsx';
import { CommunityEvents } from '../events/index.ts';
import { BackToList, CommunityFacts, MeBadge } from './CommunityParts.tsx';
import { communityKeys, managePath, threadPath, useCommunity } from './queries.ts';
import type { Community, CommunityThread, Member } from './types.ts';

/** Joining, asking to join, taking a request back, leaving — whatever the person may do now. */
function Membership({ c }: { c: Community }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const qc = useQueryClient();
  const action = useAction();
  const [note, setNote] = useState('');
  const refresh = () => qc.invalidateQueries({ queryKey: communityKeys.all });
  if (!session.account) {
    if (c.archived) return null;
    return (
      <p>
        <Link to={`/anmelden?weiter=${encodeURIComponent(window.location.pathname)}`}>
          {t('placesCommunities.join.signIn')}
        </Link>
      </p>
    );
  }
  const join = (e?: FormEvent<HTMLFormElement>) => {
    e?.preventDefault();
    void action.run(
      async () => {
        await api(`/places/communities/${c.id}/join`, {
          method: 'POST',
          body: c.joining === 'request' && note.trim() ? { note: note.trim() } : {},
        });
        await refresh();
      },
      e?.currentTarget,
      c.joining === 'open' ? t('placesCommunities.join.done') : t('placesCommunities.join.asked'),
    );
  };
  const leave = async () => {
    await api(`/places/communities/${c.id}/leave`, { method: 'POST' });
    await refresh();
  };
  return (
    <section className="community-membership" aria-label={t('placesCommunities.join.region')}>
      {c.abilities.join && c.joining === 'open' && (
        <div className="community-actions">
          <FormError error={action.error} />
          <button type="button" className="button primary" disabled={action.pending} onClick={() => join()}>
            {t('placesCommunities.join.button')}
          </button>
        </div>
      )}
      {c.abilities.join && c.joining === 'request' && (
        <form className="card stack" onSubmit={join} noValidate>
          <h2>{t('placesCommunities.join.askTitle')}</h2>
          <p>{t('placesCommunities.join.askText')}</p>
          <FormError error={action.error} fields={['note']} />
          <TextAreaField
            label={t('placesCommunities.join.note')}
            hint={t('placesCommunities.join.noteHint')}
            name="note"
            maxLength={500}
            rows={3}
            value={note}
            error={action.error}
            onChange={(e) => setNote(e.target.value)}
          />
          <SubmitButton pending={action.pending}>{t('placesCommunities.join.ask')}</SubmitButton>
        </form>
      )}
      {c.me?.status === 'requested' && (
        <div className="notice">
          <p>{t('placesCommunities.join.waiting')}</p>
          <ConfirmButton
            className="button secondary"
            label={t('placesCommunities.join.withdraw')}
            title={t('placesCommunities.join.withdrawTitle')}
            message={t('placesCommunities.join.withdrawText')}
            confirmLabel={t('placesCommunities.join.withdraw')}
            onConfirm={leave}
            done={t('placesCommunities.join.withdrawn')}
          />
        </div>
      )}
      {c.me?.status === 'active' && (
        <div className="community-actions">
          <ConfirmButton
            className="button secondary"
            label={t('placesCommunities.join.leave')}
            title={t('placesCommunities.join.leaveTitle')}
            message={
              c.joining === 'request'
                ? t('placesCommunities.join.leaveTextClosed')
                : t('placesCommunities.join.leaveText')
            }
            confirmLabel={t('placesCommunities.join.leave')}
            onConfirm={leave}
            done={t('placesCommunities.join.left')}
          />
        </div>
      )}
    </section>
  );
}

/** Who is in it: the names for its members, else only how many. */
function Members({ c }: { c: Community }) {
  const { t } = useTranslation();
  const members = useQuery({
    queryKey: communityKeys.members(c.id),
    queryFn: () => api<Page<Member>>(`/places/communities/${c.id}/members`, { query: { limit: 100 } }),
    enabled: c.abilities.seeMembers,
  });
  return (
    <section aria-labelledby="community-members">
      <h2 id="community-members">{t('placesCommunities.membersTitle')}</h2>
      {!c.abilities.seeMembers ? (
        <p>
          {c.members === null
            ? t('placesCommunities.membersFew')
            : t('placesCommunities.members', { count: c.members })}
          . {t('placesCommunities.membersHidden')}
        </p>
      ) : (
        <QueryView query={members}>
          {(p) => (
            <>
              <ul className="community-people">
                {p.items.map((m) => (
                  <li key={m.id}>
                    <span>{m.name}</span>
                    {m.role !== 'member' && (
                      <span className="tag">{t(`placesCommunities.role.${m.role}`)}</span>
                    )}
                  </li>
                ))}
              </ul>
              {p.total > p.items.length && (
                <p className="meta">
                  {t('placesCommunities.moreMembers', { count: p.total - p.items.length })}
                </p>
              )}
            </>
          )}
        </QueryView>
      )}
    </section>
  );
}

/** Start a discussion: a Wissen thread of the community, read and answered on Wissen's page. */
function StartThread({ c }: { c: Community }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const action = useAction();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  return (
    <details className="card">
      <summary>{t('placesCommunities.threads.start')}</summary>
      <form
        className="stack"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void action.run(
            async () => {
              const r = await api<{ id: string; pending: boolean }>(`/places/communities/${c.id}/threads`, {
                method: 'POST',
                body: { title: title.trim(), body },
              });
              await qc.invalidateQueries({ queryKey: communityKeys.threads(c.id) });
              navigate(threadPath(r.id));
              return r;
            },
            e.currentTarget,
            (r) =>
              r.pending ? t('placesCommunities.threads.donePending') : t('placesCommunities.threads.done'),
          );
        }}
      >
        <FormError error={action.error} fields={['title', 'body']} />
        <TextField
          label={t('placesCommunities.threads.fieldTitle')}
          hint={t('placesCommunities.threads.titleHint')}
          name="title"
          required
          maxLength={160}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          error={action.error}
        />
        <MarkdownField
          label={t('placesCommunities.threads.body')}
          name="body"
          required
          maxLength={20000}
          value={body}
          onChange={setBody}
          error={action.error}
        />
        <SubmitButton pending={action.pending}>{t('placesCommunities.threads.submit')}</SubmitButton>
      </form>
    </details>
  );
}

/** Its discussions (Wissen's threads), newest activity first; for a by-request community only its members'. */
function Threads({ c }: { c: Community }) {
  const { t } = useTranslation();
  const [offset, setOffset] = useState(0);
  const threads = useQuery({
    queryKey: communityKeys.threads(c.id, offset),
    queryFn: () =>
      api<Page<CommunityThread>>(`/places/communities/${c.id}/threads`, { query: { limit: 10, offset } }),
    enabled: c.abilities.readThreads,
    placeholderData: keepPreviousData,
  });
  return (
    <section id="community-threads" tabIndex={-1} aria-labelledby="community-threads-title">
      <h2 id="community-threads-title">{t('placesCommunities.threads.title')}</h2>
      {!c.abilities.readThreads ? (
        <p>{t('placesCommunities.threads.membersOnly')}</p>
      ) : (
        <>
          {c.abilities.startThread && <StartThread c={c} />}
          {!c.abilities.startThread && !c.archived && c.me?.status !== 'active' && (
            <p className="hint">{t('placesCommunities.threads.joinToWrite')}</p>
          )}
          <QueryView
            query={threads}
            isEmpty={(p) => p.items.length === 0}
            empty={t('placesCommunities.threads.none')}
          >
            {(p) => (
              <>
                <ul className="card-list community-threads">
                  {p.items.map((x) => (
                    <li key={x.id} className="card">
                      <h3>
                        <Link to={threadPath(x.id)}>{x.title}</Link>
                        {x.pending && (
                          <span className="status-pill wait"> {t('placesCommunities.threads.pending')}</span>
                        )}
                        {x.solved && (
                          <span className="status-pill ok"> {t('placesCommunities.threads.solved')}</span>
                        )}
                        {x.closed && (
                          <span className="status-pill"> {t('placesCommunities.threads.closed')}</span>
                        )}
                      </h3>
                      <p className="meta community-facts">
                        {x.author && <span>{t('placesCommunities.threads.by', { name: x.author })}</span>}
                        <span>{t('placesCommunities.threads.replies', { count: x.replyCount })}</span>
                        <span>
                          {t('placesCommunities.threads.lastActivity', {
                            when: formatDate(x.lastPostAt, true),
                          })}
                        </span>
                      </p>
                    </li>
                  ))}
                </ul>
                <Pagination
                  total={p.total}
                  limit={p.limit}
                  offset={p.offset}
                  onOffset={(o) => {
                    setOffset(o);
                    document.getElementById('community-threads')?.focus();
                  }}
                />
              </>
            )}
          </QueryView>
        </>
      )}
    </section>
  );
}

/** /raeume/gemeinschaften/:slug — a community: what it is, who may join and how, who is in it, its talk. */
export function CommunityPage() {
  const { t } = useTranslation();
  const { slug } = useParams();
  const community = useCommunity(slug);
  if (community.isError)
    return (
      <>
        <PageHeading title={t('placesCommunities.page.notFound')} />
        <BackToList />
        <ErrorState error={community.error} />
      </>
    );
  return (
    <QueryView query={community}>
      {(c) => (
        <div className="community-page">
          <PageHeading title={c.name}>
            {c.summary && <p className="lead">{c.summary}</p>}
            <CommunityFacts c={c} />
            <p>
              <MeBadge c={c} />{' '}
              {c.archived && <span className="status-pill wait">{t('placesCommunities.archived')}</span>}
            </p>
          </PageHeading>
          <BackToList />
          {c.archived && <p className="notice">{t('placesCommunities.archivedNotice')}</p>}
          {c.abilities.manage && (
            <p className="community-actions">
              <Link className="button secondary" to={managePath(c.slug)}>
                {c.requests
                  ? t('placesCommunities.page.manageRequests', { count: c.requests })
                  : t('placesCommunities.page.manage')}
              </Link>
            </p>
          )}
          <Membership c={c} />
          <section aria-labelledby="community-about">
            <h2 id="community-about">{t('placesCommunities.page.about')}</h2>
            {c.html ? <RichText html={c.html} /> : <p>{t('placesCommunities.page.noDescription')}</p>}
          </section>
          <Members c={c} />
          <Threads c={c} />
          <CommunityEvents communityId={c.id} />
          {c.abilities.flag && (
            <p className="community-actions">
              <FlagButton entityType="community" entityId={c.id} />
            </p>
          )}
        </div>
      )}
    </QueryView>
  );
}
