import '../../app/map.css';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, apiUrl } from '../../app/api.ts';
import { defaultView, useDistrictShapes, useMapSettings } from '../../app/mapData.ts';
import type { Page } from '../../app/types.ts';
import { Loading, PageHeading, Pagination, QueryView } from '../../app/ui.tsx';
import { Subscribe } from '../../features/data/Subscribe.tsx';
import { useDistricts } from '../../features/profile/ProfilePage.tsx';
import { sharingKeys } from './queries.ts';
import { ResourceCard } from './ResourceCard.tsx';
import { filterQuery, ResourceFilters, readFilters } from './ResourceFilters.tsx';
import { SharingNav } from './SharingNav.tsx';
import type { MapCell, MapView, Resource } from './types.ts';

const ResourceMap = lazy(() => import('./ResourceMap.tsx'));

const pageSize = 20;

/**
 * /teilen/karte: the resources on a Leaflet map (the network's background, the districts drawn
 * always) with the catalogue's filters, and beside it the resources in view as a list, centre
 * first — the equivalent for keyboard and screen-reader users.
 */
export default function MapPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const districts = useDistricts();
  const network = useMapSettings();
  const shapes = useDistrictShapes();
  const filters = readFilters(params);
  const query = filterQuery(filters, districts.data);
  const s = network.data?.settings;
  const [view, setView] = useState<MapView | null>(null);
  const [offset, setOffset] = useState(0);
  const filterKey = JSON.stringify(query);
  // a new view or new filters start the list from its first page
  // biome-ignore lint/correctness/useExhaustiveDependencies: the keys are what should reset it
  useEffect(() => setOffset(0), [view?.bbox, filterKey]);

  // Where to look: the point or district the filters name, otherwise the network's map centre.
  const district = districts.data?.find((d) => d.id === filters.district);
  const target = useMemo((): { center: [number, number]; zoom: number } => {
    const base = defaultView(s, shapes.data);
    if (query.lat !== undefined && query.lng !== undefined)
      return { center: [query.lat, query.lng], zoom: base.zoom + 1 };
    if (district?.centerLat != null && district.centerLng != null)
      return { center: [district.centerLat, district.centerLng], zoom: base.zoom + 1 };
    return base;
  }, [query.lat, query.lng, district, s, shapes.data]);

  const inView = view ? { bbox: view.bbox } : {};
  const cells = useQuery({
    queryKey: sharingKeys.resources('clusters', query, view),
    queryFn: () =>
      api<{ cells: MapCell[]; total: number; capped: boolean }>('/resources/clusters', {
        query: { ...query, bbox: view!.bbox, zoom: view!.zoom },
      }),
    enabled: view !== null,
    placeholderData: keepPreviousData,
  });
  const list = useQuery({
    queryKey: sharingKeys.resources('map-list', query, inView, offset),
    queryFn: () =>
      api<Page<Resource>>('/resources', { query: { ...query, ...inView, limit: pageSize, offset } }),
    // the list waits for the map to say what is in view
    enabled: view !== null,
    placeholderData: keepPreviousData,
  });
  const onView = useCallback((v: MapView) => setView(v), []);

  return (
    <>
      <PageHeading title={t('sharing.map.title')}>
        <p className="lead">{t('sharing.map.lead')}</p>
      </PageHeading>
      <SharingNav />
      <ResourceFilters fold="always" />
      <div className="map-layout">
        {network.isPending ? (
          <Loading />
        ) : (
          <Suspense fallback={<Loading label={t('sharing.map.loading')} />}>
            <ResourceMap
              cells={cells.data?.cells ?? []}
              center={target.center}
              zoom={target.zoom}
              onView={onView}
            />
          </Suspense>
        )}
        <section aria-labelledby="map-list-title" className="map-list">
          <h2 id="map-list-title">{t('sharing.map.listInView')}</h2>
          {list.isPending && !list.isFetching ? (
            <Loading label={t('sharing.map.loading')} />
          ) : (
            <QueryView query={list} isEmpty={(p) => p.items.length === 0} empty={t('sharing.map.noneInView')}>
              {(p) => (
                <>
                  <p role="status">{t('sharing.map.countInView', { count: p.total })}</p>
                  <ul className="card-list">
                    {p.items.map((r) => (
                      <ResourceCard key={r.id} r={r} districts={districts.data} />
                    ))}
                  </ul>
                  <Pagination total={p.total} limit={pageSize} offset={offset} onOffset={setOffset} />
                </>
              )}
            </QueryView>
          )}
        </section>
      </div>
      <Subscribe links={[{ format: 'geojson', href: apiUrl('/resources/geojson', query) }]} />
    </>
  );
}
