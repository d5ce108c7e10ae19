import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../../app/api.ts';
import { RichText } from '../../../app/RichText.tsx';
import { useSession } from '../../../app/session.tsx';
import type { Page } from '../../../app/types.ts';
import { ConfirmButton, Empty, formatDate, PageHeading, Pagination, QueryView } from '../../../app/ui.tsx';
import { DiscussionsNav } from './DiscussionParts.tsx';
import { discussionKeys } from './queries.ts';
import type { ReviewPost } from './types.ts';

/**
 * /wissen/diskussionen/pruefen — first posts of new accounts waiting for the network's coordinators
 * (instance admins): approve (it appears as if posted now) or reject (gone for everyone).
 */
export function ReviewPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const admin = Boolean(session.account?.isInstanceAdmin);
  const [offset, setOffset] = useState(0);
  const client = useQueryClient();
  const queue = useQuery({
    queryKey: discussionKeys.review(offset),
    queryFn: () => api<Page<ReviewPost>>('/discussions/review', { query: { limit: 20, offset } }),
    placeholderData: keepPreviousData,
    enabled: admin,
  });
  const refresh = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: discussionKeys.review() }),
      client.invalidateQueries({ queryKey: discussionKeys.threads() }),
    ]);
  return (
    <>
      <PageHeading title={t('discussions.review.title')}>
        <p className="lead">{t('discussions.review.lead')}</p>
      </PageHeading>
      <DiscussionsNav />
      {!admin ? (
        <Empty>{t('discussions.review.notAllowed')}</Empty>
      ) : (
        <section id="pruefen" tabIndex={-1} aria-labelledby="pruefen-titel">
          <h2 id="pruefen-titel" className="visually-hidden">
            {t('discussions.review.waiting')}
          </h2>
          <QueryView query={queue} isEmpty={(p) => p.items.length === 0} empty={t('discussions.review.none')}>
            {(p) => (
              <>
                <p role="status">{t('discussions.review.count', { count: p.total })}</p>
                <ul className="card-list">
                  {p.items.map((x) => (
                    <li key={x.id} className="card">
                      <article aria-labelledby={`pruefen-${x.id}`}>
                        <h3 id={`pruefen-${x.id}`}>
                          {x.opening
                            ? t('discussions.review.newThread', { title: x.threadTitle })
                            : t('discussions.review.replyIn', { title: x.threadTitle })}
                        </h3>
                        <p className="meta">
                          {t('discussions.review.by', {
                            name: x.author?.name ?? t('discussions.post.someone'),
                            since: formatDate(x.accountCreatedAt),
                          })}{' '}
                          · {formatDate(x.createdAt, true)}
                        </p>
                        <RichText html={x.html} />
                        <p>
                          <Link to={`/wissen/diskussionen/${x.threadId}?beitrag=${x.position}`}>
                            {t('discussions.review.context')}
                          </Link>
                        </p>
                        <div className="actions">
                          <ConfirmButton
                            className="button primary"
                            label={t('discussions.review.approve')}
                            accessibleName={t('discussions.review.approveName', {
                              name: x.author?.name ?? t('discussions.post.someone'),
                            })}
                            title={t('discussions.review.approveTitle')}
                            message={<p>{t('discussions.review.approveText')}</p>}
                            confirmLabel={t('discussions.review.approve')}
                            onConfirm={async () => {
                              await api(`/discussions/posts/${x.id}/approve`, { method: 'POST' });
                              await refresh();
                            }}
                            done={t('discussions.review.approved')}
                          />
                          <ConfirmButton
                            label={t('discussions.review.reject')}
                            accessibleName={t('discussions.review.rejectName', {
                              name: x.author?.name ?? t('discussions.post.someone'),
                            })}
                            title={t('discussions.review.rejectTitle')}
                            message={
                              <p>
                                {x.opening
                                  ? t('discussions.review.rejectThreadText')
                                  : t('discussions.review.rejectText')}
                              </p>
                            }
                            confirmLabel={t('discussions.review.reject')}
                            onConfirm={async () => {
                              await api(`/discussions/posts/${x.id}/reject`, { method: 'POST' });
                              await refresh();
                            }}
                            done={t('discussions.review.rejected')}
                          />
                        </div>
                      </article>
                    </li>
                  ))}
                </ul>
                <Pagination total={p.total} limit={p.limit} offset={p.offset} onOffset={setOffset} />
              </>
            )}
          </QueryView>
        </section>
      )}
    </>
  );
}
