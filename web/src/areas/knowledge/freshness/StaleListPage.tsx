import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../../app/api.ts';
import { useSession } from '../../../app/session.tsx';
import type { Page } from '../../../app/types.ts';
import { Empty, formatDate, PageHeading, Pagination, QueryView, ScrollRegion } from '../../../app/ui.tsx';
import './freshness.css';
import { checkPath, contentPath } from './lib.ts';
import { freshnessKeys } from './queries.ts';
import type { StaleItem } from './types.ts';

const limit = 20;

/**
 * "Aktualität" (/wissen/aktualitaet): the wiki pages and map entries that should be checked — the
 * check is overdue, or a reader said something is no longer correct —, most overdue first. The
 * network's coordinator (an instance admin) sees all of them; everyone else what they may check
 * (their organisation's pages, the network's pages for staff, what they keep current or wrote).
 * A table with a caption; on a phone each row stands as a block with its cells labelled.
 */
export function StaleListPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const [offset, setOffset] = useState(0);
  const list = useQuery({
    queryKey: freshnessKeys.freshness('stale', offset),
    queryFn: () => api<Page<StaleItem>>('/freshness/stale', { query: { limit, offset } }),
    placeholderData: keepPreviousData,
  });
  const coordinator = Boolean(session.account?.isInstanceAdmin);
  return (
    <div className="stack">
      <PageHeading title={t('freshness.list.title')}>
        <p>{coordinator ? t('freshness.list.introCoordinator') : t('freshness.list.intro')}</p>
      </PageHeading>
      <QueryView query={list}>
        {(p) =>
          p.items.length === 0 ? (
            <Empty>{t('freshness.list.empty')}</Empty>
          ) : (
            <section id="stale-list" tabIndex={-1} aria-labelledby="stale-caption">
              <p>{t('freshness.list.count', { count: p.total })}</p>
              <ScrollRegion label={t('freshness.list.caption')}>
                <table className="freshness-list">
                  <caption id="stale-caption">{t('freshness.list.caption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('freshness.list.what')}</th>
                      <th scope="col">{t('freshness.list.owner')}</th>
                      <th scope="col">{t('freshness.list.due')}</th>
                      <th scope="col">{t('freshness.list.notes')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.items.map((i) => (
                      <tr key={`${i.target.type}:${i.target.id}`}>
                        <td>
                          <Link to={checkPath(i.target.type, i.target.id)}>{i.target.title}</Link>
                          <span className="hint">
                            {t(`freshness.kind.${i.target.type}`)}
                            {i.target.organisation && <> · {i.target.organisation.name}</>}
                            {' · '}
                            <Link
                              to={contentPath(i.target)}
                              aria-label={t('freshness.list.openNamed', { title: i.target.title })}
                            >
                              {t('freshness.list.open')}
                            </Link>
                          </span>
                        </td>
                        <td data-label={t('freshness.list.owner')}>
                          {i.freshness.ownerName ?? t('freshness.list.noOwner')}
                        </td>
                        <td data-label={t('freshness.list.due')}>
                          {formatDate(i.freshness.reviewDueAt)}
                          <span className="hint">
                            {i.overdueDays > 0
                              ? t('freshness.list.overdue', { count: i.overdueDays })
                              : t('freshness.list.notDue')}
                          </span>
                        </td>
                        <td data-label={t('freshness.list.notes')}>
                          {i.freshness.outdatedNotes > 0 ? (
                            <>
                              <span aria-hidden="true">⚠ </span>
                              {t('freshness.list.noteCount', { count: i.freshness.outdatedNotes })}
                            </>
                          ) : (
                            t('freshness.list.noNotes')
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollRegion>
              <Pagination
                total={p.total}
                limit={p.limit}
                offset={p.offset}
                onOffset={(o) => {
                  setOffset(o);
                  document.getElementById('stale-list')?.focus();
                }}
              />
            </section>
          )
        }
      </QueryView>
    </div>
  );
}
