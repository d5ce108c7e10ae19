import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../../app/api.ts';
import type { Page } from '../../app/types.ts';
import { Loading, PageHeading, QueryView } from '../../app/ui.tsx';
import { useNetworkSettings } from '../organisations/OrganisationPage.tsx';
import { useDistricts } from '../profile/ProfilePage.tsx';
import {
  filterQuery,
  hasFilters,
  ResourceCard,
  ResourceFilters,
  readFilters,
  SharingNav,
} from './common.tsx';
import type { Resource } from './types.ts';

const ResourceMap = lazy(() => import('./ResourceMap.tsx'));

/** As many as one page of the API gives; the list beside the map shows the same ones. */
const mapLimit = 100;

/**
 * /teilen/karte: the resources on a Leaflet map (tiles from the admin's setting) with the catalogue's
 * filters, and the same resources as a list — the equivalent for keyboard and screen-reader users, and
 * the only view when no tile server is set.
 */
export default function MapPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const districts = useDistricts();
  const network = useNetworkSettings();
  const filters = readFilters(params);
  const query = filterQuery(filters, districts.data);
  const list = useQuery({
    queryKey: ['resources', 'map', query],
    queryFn: () => api<Page<Resource>>('/resources', { query: { ...query, limit: mapLimit, offset: 0 } }),
    placeholderData: keepPreviousData,
  });
  const s = network.data?.settings;
  const tileUrl = s?.tileUrl ?? null;

  return (
    <>
      <PageHeading title={t('sharing.map.title')}>
        <p className="lead">{t('sharing.map.lead')}</p>
      </PageHeading>
      <SharingNav />
      <ResourceFilters />
      <QueryView
        query={list}
        isEmpty={(p) => p.items.length === 0}
        empty={hasFilters(filters) ? t('sharing.catalogue.noMatch') : t('sharing.catalogue.none')}
      >
        {(p) => {
          const placed = p.items.filter((r) => r.lat !== null && r.lng !== null);
          return (
            <>
              <p role="status">
                {t('sharing.map.count', { count: p.total, placed: placed.length })}
                {p.total > p.items.length && ` ${t('sharing.map.capped', { count: p.items.length })}`}
              </p>
              <div className="map-layout">
                {network.isPending ? (
                  <Loading />
                ) : tileUrl ? (
                  <Suspense fallback={<Loading label={t('sharing.map.loading')} />}>
                    <ResourceMap
                      resources={placed}
                      tileUrl={tileUrl}
                      attribution={s?.tileAttribution ?? ''}
                      center={s?.mapCenter ?? null}
                      zoom={s?.mapZoom ?? 13}
                    />
                  </Suspense>
                ) : (
                  <p className="notice">{t('sharing.map.noTiles')}</p>
                )}
                <section aria-labelledby="map-list-title" className="map-list">
                  <h2 id="map-list-title">{t('sharing.map.listTitle')}</h2>
                  <ul className="card-list">
                    {p.items.map((r) => (
                      <ResourceCard key={r.id} r={r} districts={districts.data} />
                    ))}
                  </ul>
                </section>
              </div>
            </>
          );
        }}
      </QueryView>
    </>
  );
}
