import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../../app/api.ts';
import { RemoteFrom, RemoteLink } from '../../../app/Remote.tsx';
import { useSession } from '../../../app/session.tsx';
import type { Organisation, Page } from '../../../app/types.ts';
import { Empty, formatDate, PageHeading, Pagination, QueryView } from '../../../app/ui.tsx';
import { FlagButton } from '../../../features/organisations/FlagButton.tsx';
import { FollowButton } from '../digests/FollowButton.tsx';
import {
  FeedLinks,
  newsPath,
  PostMeta,
  postPath,
  useFollowsOrganisation,
  useWritableOrganisations,
} from './NewsParts.tsx';
import { newsKeys } from './queries.ts';
import type { PostSummary, RemotePostList } from './types.ts';

const pageSize = 10;

/**
 * "Aus anderen Orten": the latest posts of groups elsewhere that the town follows (ActivityPub), in a
 * block of their own under the town's news — so nobody takes them for the town's — each saying where it
 * is from and linking there. Nothing is shown while there are none (or federation is off).
 */
function RemoteNews() {
  const { t } = useTranslation();
  const { session } = useSession();
  const remote = useQuery({
    queryKey: newsKeys.posts('remote'),
    queryFn: () => api<RemotePostList>('/news/remote', { query: { limit: 5 } }),
    staleTime: 60_000,
  });
  const items = remote.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section className="news-remote" aria-labelledby="news-remote-title">
      <h2 id="news-remote-title">{t('news.remote.title')}</h2>
      <p>{t('news.remote.lead')}</p>
      <ul className="card-list">
        {items.map((post) => (
          <li key={post.id} className="card">
            <h3>
              <RemoteLink remote={post.remote}>{post.title}</RemoteLink>
            </h3>
            <p className="meta">
              <time dateTime={post.publishedAt}>{formatDate(post.publishedAt)}</time> ·{' '}
              <RemoteFrom remote={post.remote} />
            </p>
            {post.excerpt && <p>{post.excerpt}</p>}
            {session.account && (
              <div className="actions">
                <FlagButton entityType="remote_post" entityId={post.id} />
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * /wissen/neuigkeiten — the news of all organisations, newest first; with ?organisation=<id or slug>
 * one organisation's (its drafts too, for its staff and admins), to follow and to subscribe to as a feed.
 */
export function NewsListPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const [params, setParams] = useSearchParams();
  const orgParam = params.get('organisation') ?? '';
  const offset = Math.max(0, Number(params.get('ab') ?? 0) || 0);
  const mine = useWritableOrganisations();
  const organisation = useQuery({
    queryKey: ['organisation', orgParam],
    queryFn: () => api<Organisation>(`/organisations/${encodeURIComponent(orgParam)}`),
    enabled: Boolean(orgParam),
  });
  const org = orgParam ? organisation.data : undefined;
  const following = useFollowsOrganisation(org?.id);
  const list = useQuery({
    queryKey: newsKeys.posts(org?.id ?? 'all', offset),
    queryFn: () =>
      api<Page<PostSummary>>('/news', { query: { organisationId: org?.id, limit: pageSize, offset } }),
    enabled: !orgParam || Boolean(org),
    placeholderData: keepPreviousData,
  });
  const writesFor = org ? mine.some((m) => m.organisationId === org.id) : mine.length > 0;

  if (orgParam && organisation.isError)
    return (
      <>
        <PageHeading title={t('news.title')} />
        <Empty>
          {t('news.organisationMissing')} <Link to={newsPath}>{t('news.allNews')}</Link>
        </Empty>
      </>
    );

  return (
    <div className="news-list">
      <PageHeading title={org ? t('news.titleOf', { name: org.name }) : t('news.title')}>
        <p className="lead">{org ? t('news.leadOf', { name: org.name }) : t('news.lead')}</p>
      </PageHeading>
      {org && (
        <p>
          <Link to={`/organisationen/${org.slug}`}>{t('news.aboutOrganisation', { name: org.name })}</Link>
          {' · '}
          <Link to={newsPath}>{t('news.allNews')}</Link>
        </p>
      )}
      {(writesFor || (org && session.account)) && (
        <div className="actions">
          {writesFor && (
            <Link
              className="button primary"
              to={org ? `${newsPath}/neu?organisation=${org.id}` : `${newsPath}/neu`}
            >
              {t('news.write')}
            </Link>
          )}
          {org && session.account && following.isSuccess && (
            <FollowButton
              targetType="organisation"
              targetId={org.id}
              following={following.data}
              invalidate={['follows']}
            />
          )}
        </div>
      )}
      {(!orgParam || org) && <FeedLinks organisationId={org?.id} name={org?.name} />}
      <section id="news-results" tabIndex={-1} aria-labelledby="news-results-title">
        <h2 id="news-results-title" className="visually-hidden">
          {t('news.results')}
        </h2>
        <QueryView
          query={list}
          isEmpty={(p) => p.items.length === 0}
          empty={org ? t('news.noneOf', { name: org.name }) : t('news.none')}
        >
          {(p) => (
            <>
              <ul className="card-list">
                {p.items.map((post) => (
                  <li key={post.id} className="card">
                    <h3>
                      <Link to={postPath(post.id)}>{post.title}</Link>
                    </h3>
                    <PostMeta p={post} withOrganisation={!org} />
                    {post.excerpt && <p>{post.excerpt}</p>}
                    {post.status === 'published' && (
                      <p className="meta">{t('news.comments.count', { count: post.commentCount })}</p>
                    )}
                  </li>
                ))}
              </ul>
              <Pagination
                total={p.total}
                limit={p.limit}
                offset={p.offset}
                onOffset={(o) => {
                  const next = new URLSearchParams(params);
                  if (o > 0) next.set('ab', String(o));
                  else next.delete('ab');
                  setParams(next);
                  document.getElementById('news-results')?.focus();
                }}
              />
            </>
          )}
        </QueryView>
      </section>
      {!org && !orgParam && offset === 0 && <RemoteNews />}
    </div>
  );
}
