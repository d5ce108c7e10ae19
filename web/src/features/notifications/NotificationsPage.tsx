import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../app/api.ts';
import { FormError, useAction } from '../../app/forms.tsx';
import type { Notification, NotificationPage } from '../../app/types.ts';
import { formatDate, PageHeading, Pagination, QueryView } from '../../app/ui.tsx';
import { notificationText } from './text.ts';

const pageSize = 20;

export function NotificationsPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [offset, setOffset] = useState(0);
  const [unreadOnly, setUnreadOnly] = useState(false);
  const markAll = useAction({ done: t('notification.done.allRead') });
  const list = useQuery({
    queryKey: ['notifications', { offset, unreadOnly }],
    queryFn: () =>
      api<NotificationPage>('/notifications', {
        query: { unread: unreadOnly || undefined, limit: pageSize, offset },
      }),
    placeholderData: keepPreviousData,
  });
  const refresh = () => qc.invalidateQueries({ queryKey: ['notifications'] });

  async function read(n: Notification) {
    if (n.readAt) return;
    await api(`/notifications/${n.id}/read`, { method: 'POST' });
    await refresh();
  }

  return (
    <>
      <PageHeading title={t('notification.title')} />
      <div className="toolbar">
        <label className="check">
          <input
            type="checkbox"
            checked={unreadOnly}
            onChange={(e) => {
              setUnreadOnly(e.target.checked);
              setOffset(0);
            }}
          />
          {t('notification.unreadOnly')}
        </label>
        {(list.data?.unreadCount ?? 0) > 0 && (
          <button
            type="button"
            className="button secondary"
            disabled={markAll.pending}
            onClick={() =>
              void markAll.run(async () => {
                await api('/notifications/read-all', { method: 'POST' });
                await refresh();
              })
            }
          >
            {t('notification.markAll')}
          </button>
        )}
      </div>
      <FormError error={markAll.error} />
      <QueryView
        query={list}
        isEmpty={(p) => p.items.length === 0}
        empty={unreadOnly ? t('notification.noneUnread') : t('notification.none')}
      >
        {(p) => (
          <>
            <p role="status">{t('notification.unreadCount', { count: p.unreadCount })}</p>
            <ul className="card-list">
              {p.items.map((n) => (
                <li key={n.id} className={n.readAt ? 'card notification' : 'card notification unread'}>
                  <p>
                    {!n.readAt && <span className="pill">{t('notification.new')}</span>}{' '}
                    {notificationText(t, n)}
                  </p>
                  <p className="meta">{formatDate(n.createdAt, true)}</p>
                  <div className="actions">
                    {n.link && (
                      <Link to={n.link} onClick={() => void read(n)}>
                        {t('notification.open')}
                      </Link>
                    )}
                    {!n.readAt && (
                      <button type="button" className="button secondary" onClick={() => void read(n)}>
                        {t('notification.markRead')}
                      </button>
                    )}
                  </div>
                </li>
              ))}
            </ul>
            <Pagination total={p.total} limit={p.limit} offset={p.offset} onOffset={setOffset} />
          </>
        )}
      </QueryView>
    </>
  );
}
