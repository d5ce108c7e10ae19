import './circles.css';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../app/api.ts';
import { useSession } from '../../app/session.tsx';
import { PageHeading, QueryView } from '../../app/ui.tsx';
import { ClosedInAssistedSession } from './CircleFrame.tsx';
import { supportKeys } from './queries.ts';
import type { CircleListItem } from './types.ts';

/** /kreise: the circles I belong to, with what nobody has taken on yet this week. */
export function CirclesPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const list = useQuery({
    queryKey: supportKeys.circles(),
    queryFn: () => api<{ items: CircleListItem[] }>('/circles'),
    enabled: !session.assisted,
  });
  if (session.assisted) {
    return (
      <>
        <PageHeading title={t('circles.list.title')} />
        <ClosedInAssistedSession />
      </>
    );
  }
  return (
    <>
      <PageHeading title={t('circles.list.title')}>
        <p className="lead">{t('circles.list.lead')}</p>
      </PageHeading>
      <p>
        <Link to="/kreise/neu" className="button primary">
          {t('circles.list.create')}
        </Link>
      </p>
      <QueryView query={list} isEmpty={(d) => d.items.length === 0} empty={t('circles.list.empty')}>
        {(d) => (
          <ul className="card-list circle-list">
            {d.items.map((c) => (
              <li key={c.id} className="card">
                <h2>
                  <Link to={`/kreise/${c.id}`}>{t('circles.circleOf', { name: c.personLabel })}</Link>
                </h2>
                <p className="meta">
                  {t(`circles.role.${c.myRole}`)}
                  {c.status !== 'active' && (
                    <>
                      {' · '}
                      <span className="pill pill-warn">{t(`circles.status.${c.status}`)}</span>
                    </>
                  )}
                  {c.status === 'active' && c.awaitingOwner && (
                    <>
                      {' · '}
                      <span className="pill">{t('circles.status.preparing')}</span>
                    </>
                  )}
                </p>
                {c.status === 'active' && (
                  <p className={c.unclaimedThisWeek > 0 ? 'circle-open' : 'muted'}>
                    {c.unclaimedThisWeek > 0
                      ? t('circles.list.unclaimed', { count: c.unclaimedThisWeek })
                      : t('circles.list.allClaimed')}
                  </p>
                )}
              </li>
            ))}
          </ul>
        )}
      </QueryView>
    </>
  );
}
