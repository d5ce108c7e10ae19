import '../../app/map.css';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, apiUrl } from '../../app/api.ts';
import { formatDateTime } from '../../app/localTime.ts';
import { Loading, PageHeading, QueryView } from '../../app/ui.tsx';
import { Subscribe } from '../../features/data/Subscribe.tsx';
import {
  filterQuery,
  hasFilters,
  LevelBadge,
  OpportunityFilters,
  ParticipationNav,
  readFilters,
} from './common.tsx';
import { participationKeys } from './queries.ts';
import { ladderLevels, type MapItem } from './types.ts';

const PinMap = lazy(() => import('../../app/PinMap.tsx'));

/** The whole town and then some: the map shows every published opportunity with a place. */
const box = { south: -90, west: -180, north: 90, east: 180 };

/**
 * /mitmachen/karte: opportunities with a place on the shared Leaflet map (the network's background,
 * the districts drawn always), with the list's filters, and the same opportunities as a list — the
 * equivalent for keyboard and screen-reader users. Online-only opportunities have no place and are
 * in the list page.
 */
export default function MapPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const filters = readFilters(params);
  const query = filterQuery(filters);
  const items = useQuery({
    queryKey: participationKeys.opportunities('map', query),
    queryFn: () =>
      api<{ items: MapItem[]; truncated: boolean }>('/opportunities/map', { query: { ...box, ...query } }),
    placeholderData: keepPreviousData,
  });
  const data = items.data;
  const pins = useMemo(
    () =>
      (data?.items ?? []).map((o) => ({
        id: o.id,
        lat: o.lat,
        lng: o.lng,
        letter: String(ladderLevels.indexOf(o.level) + 1),
        label: `${o.title} (${t(`participation.level.${o.level}`)})`,
        title: o.title,
        href: `/mitmachen/${o.id}`,
        meta: `${t(`participation.level.${o.level}`)} · ${t(`participation.mode.${o.mode}`)}${o.nextShiftAt ? ` · ${formatDateTime(o.nextShiftAt)}` : ''}`,
      })),
    [data, t],
  );
  const clusterLabel = useCallback((count: number) => t('participation.map.cluster', { count }), [t]);

  return (
    <>
      <PageHeading title={t('participation.map.title')}>
        <p className="lead">{t('participation.map.lead')}</p>
      </PageHeading>
      <ParticipationNav />
      <OpportunityFilters />
      <QueryView
        query={items}
        isEmpty={(d) => d.items.length === 0}
        empty={hasFilters(filters) ? t('participation.list.noMatch') : t('participation.map.none')}
      >
        {(d) => (
          <>
            <p role="status">
              {t('participation.map.count', { count: d.items.length })}
              {d.truncated && ` ${t('participation.map.capped')}`}
            </p>
            <div className="map-layout">
              <Suspense fallback={<Loading label={t('participation.map.loading')} />}>
                <PinMap pins={pins} label={t('participation.map.label')} clusterLabel={clusterLabel} />
              </Suspense>
              <section aria-labelledby="map-list-title" className="map-list">
                <h2 id="map-list-title">{t('participation.map.listTitle')}</h2>
                <ul className="card-list">
                  {d.items.map((o) => (
                    <li key={o.id} className="card opportunity-card">
                      <p className="meta">
                        <LevelBadge level={o.level} />
                      </p>
                      <h3>
                        <Link to={`/mitmachen/${o.id}`}>{o.title}</Link>
                      </h3>
                      <p className="meta">
                        {t(`participation.mode.${o.mode}`)}
                        {' · '}
                        {o.nextShiftAt
                          ? t('participation.opportunity.next', { when: formatDateTime(o.nextShiftAt) })
                          : t('participation.opportunity.noShift')}
                      </p>
                    </li>
                  ))}
                </ul>
              </section>
            </div>
          </>
        )}
      </QueryView>
      <Subscribe links={[{ format: 'geojson', href: apiUrl('/opportunities/geojson', query) }]} />
    </>
  );
}
