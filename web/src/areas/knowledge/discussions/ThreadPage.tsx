import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, apiUrl } from '../../../app/api.ts';
import { useSession } from '../../../app/session.tsx';
import type { Page } from '../../../app/types.ts';
import { ErrorState, PageHeading, Pagination, QueryView } from '../../../app/ui.tsx';
import { Subscribe } from '../../../features/data/Subscribe.tsx';
import { FlagButton } from '../../../features/organisations/FlagButton.tsx';
import { FollowButton } from '../digests/FollowButton.tsx';
import { DiscussionsNav, ThreadBadges, ThreadMeta } from './DiscussionParts.tsx';
import { PostItem, type Quote, quoteOf, ReplyForm } from './PostParts.tsx';
import { discussionKeys } from './queries.ts';
import { ThreadEditForm } from './ThreadEditForm.tsx';
import type { Post, Thread } from './types.ts';

const perPage = 20;

/** /wissen/diskussionen/:id — a thread: its posts in order (paged), quoting, the solution, replying. */
export function ThreadPage() {
  const { id = '' } = useParams();
  const thread = useQuery({
    queryKey: discussionKeys.thread(id),
    queryFn: () => api<Thread>(`/discussions/threads/${id}`),
  });
  const { t } = useTranslation();
  if (thread.isError)
    return (
      <>
        <PageHeading title={t('discussions.notFound')} />
        <DiscussionsNav />
        <ErrorState error={thread.error} />
      </>
    );
  return <QueryView query={thread}>{(th) => <ThreadView thread={th} />}</QueryView>;
}

function ThreadView({ thread }: { thread: Thread }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const client = useQueryClient();
  const [params, setParams] = useSearchParams();
  const offsetParam = params.get('ab');
  const position = Number(params.get('beitrag')) || undefined;
  const offset = Math.max(0, Number(offsetParam ?? 0) || 0);
  const [body, setBody] = useState('');
  const [quote, setQuote] = useState<Quote | null>(null);
  const [editing, setEditing] = useState(false);
  const posts = useQuery({
    queryKey: discussionKeys.posts(thread.id, offsetParam === null ? position : undefined, offset),
    queryFn: () =>
      api<Page<Post>>(`/discussions/threads/${thread.id}/posts`, {
        query: { limit: perPage, offset, position: offsetParam === null ? position : undefined },
      }),
    placeholderData: keepPreviousData,
  });
  // a link to one post (a notification, a quote) opens its page and goes to it
  useEffect(() => {
    if (!position || !posts.data) return;
    const el = document.getElementById(`beitrag-${position}`);
    if (el) {
      el.scrollIntoView({ block: 'start' });
      el.focus({ preventScroll: true });
    }
  }, [position, posts.data]);
  const closing = useMutation({
    mutationFn: (close: boolean) =>
      api(`/discussions/threads/${thread.id}/closed`, { method: close ? 'PUT' : 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: discussionKeys.thread(thread.id) }),
    meta: {
      done: (_r: unknown, close: unknown) =>
        close ? t('discussions.closedDone') : t('discussions.reopenedDone'),
    },
  });
  const quotePost = (p: Post) => {
    setQuote({ id: p.id, position: p.position, authorName: p.author?.name ?? null });
    setBody(`${quoteOf(p)}${body}`);
    requestAnimationFrame(() => {
      const area = document.querySelector<HTMLTextAreaElement>('#antworten textarea');
      area?.focus();
      area?.setSelectionRange(area.value.length, area.value.length);
    });
  };
  const signedIn = Boolean(session.account);
  return (
    <>
      <PageHeading title={thread.title}>
        <p>
          <ThreadBadges thread={thread} />
        </p>
        <ThreadMeta thread={thread} />
      </PageHeading>
      <DiscussionsNav />
      {thread.reviewStatus === 'pending' && <p className="notice">{t('discussions.pendingThreadHint')}</p>}
      <div className="discussion-actions">
        {signedIn && thread.reviewStatus === 'visible' && (
          <FollowButton
            targetType="discussion_thread"
            targetId={thread.id}
            following={thread.following}
            invalidate={discussionKeys.thread(thread.id)}
          />
        )}
        {thread.abilities.edit && !editing && (
          <button
            type="button"
            className="button secondary"
            aria-expanded={false}
            onClick={() => setEditing(true)}
          >
            {t('discussions.edit.open')}
          </button>
        )}
        {thread.abilities.steward && thread.reviewStatus === 'visible' && (
          <button
            type="button"
            className="button secondary"
            disabled={closing.isPending}
            onClick={() => closing.mutate(!thread.closed)}
          >
            {thread.closed ? t('discussions.reopen') : t('discussions.close')}
          </button>
        )}
        {thread.abilities.flag && <FlagButton entityType="discussion_thread" entityId={thread.id} />}
      </div>
      {editing && <ThreadEditForm thread={thread} onClose={() => setEditing(false)} />}
      <section id="beitraege" tabIndex={-1} aria-labelledby="beitraege-titel">
        <h2 id="beitraege-titel">{t('discussions.posts', { count: thread.postCount })}</h2>
        <QueryView query={posts} isEmpty={(p) => p.items.length === 0} empty={t('discussions.noPosts')}>
          {(p) => (
            <>
              <ol className="discussion-posts">
                {p.items.map((post) => (
                  <PostItem
                    key={post.id}
                    thread={thread}
                    post={post}
                    onQuote={thread.abilities.reply ? quotePost : undefined}
                  />
                ))}
              </ol>
              <Pagination
                total={p.total}
                limit={p.limit}
                offset={p.offset}
                onOffset={(o) => {
                  setParams(o > 0 ? { ab: String(o) } : { ab: '0' });
                  document.getElementById('beitraege')?.focus();
                }}
              />
            </>
          )}
        </QueryView>
      </section>
      {thread.reviewStatus === 'visible' && !thread.hidden && !thread.community && (
        // a thread of no community is public: its replies as a feed (a community's may be members-only)
        <Subscribe
          title={thread.title}
          links={[
            { format: 'rss', href: apiUrl(`/discussions/threads/${thread.id}/feed.rss`) },
            { format: 'atom', href: apiUrl(`/discussions/threads/${thread.id}/feed.atom`) },
          ]}
        />
      )}
      {thread.closed ? (
        <p className="notice">{t('discussions.closedHint')}</p>
      ) : !signedIn ? (
        <p>
          <Link to={`/anmelden?next=/wissen/diskussionen/${thread.id}`}>
            {t('discussions.signInToReply')}
          </Link>
        </p>
      ) : thread.community && !thread.abilities.reply && thread.reviewStatus !== 'rejected' ? (
        <p className="notice">
          {t('discussions.communityMembersWrite', { name: thread.community.name })}{' '}
          <Link to={`/raeume/gemeinschaften/${encodeURIComponent(thread.community.slug)}`}>
            {t('discussions.toCommunity')}
          </Link>
        </p>
      ) : thread.abilities.reply ? (
        <ReplyForm
          thread={thread}
          body={body}
          setBody={setBody}
          quote={quote}
          setQuote={setQuote}
          onPosted={async (r) => {
            await client.invalidateQueries({ queryKey: discussionKeys.thread(thread.id) });
            await client.invalidateQueries({ queryKey: discussionKeys.posts(thread.id) });
            await client.invalidateQueries({ queryKey: discussionKeys.threads() });
            const last = await api<Page<Post>>(`/discussions/threads/${thread.id}/posts`, {
              query: { limit: perPage, position: r.position },
            });
            setParams({ ab: String(last.offset), beitrag: String(r.position) });
          }}
        />
      ) : null}
    </>
  );
}
