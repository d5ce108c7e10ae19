import '../../../app/map.css';
import './reports.css';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type FormEvent, lazy, Suspense, useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, apiUrl } from '../../../app/api.ts';
import { SelectField, TextField } from '../../../app/forms.tsx';
import { Loading, PageHeading, Pagination, QueryView } from '../../../app/ui.tsx';
import { useUrlFilters } from '../../../app/urlFilters.ts';
import { Subscribe } from '../../../features/data/Subscribe.tsx';
import { useDistricts } from '../../../features/profile/ProfilePage.tsx';
import { mapReportKeys } from './queries.ts';
import { ReportCard } from './ReportParts.tsx';
import { categories, kinds, type MapReportFeatures, type MapReportPage, statuses } from './types.ts';

const PinMap = lazy(() => import('../../../app/PinMap.tsx'));

interface Filters {
  kind: string;
  category: string;
  status: string;
  districtId: string;
  q: string;
}
const filterNames = ['kind', 'category', 'status', 'districtId', 'q'] as const;

function readFilters(params: URLSearchParams): Filters {
  const out = {} as Filters;
  for (const k of filterNames) out[k] = params.get(k) ?? '';
  return out;
}

function filterQuery(f: Filters) {
  return {
    kind: f.kind || undefined,
    category: f.category || undefined,
    status: f.status || undefined,
    districtId: f.districtId || undefined,
    q: f.q.trim() || undefined,
  };
}

const pageSize = 20;
/** The most pins the map shows (the most supported first); the list below has them all. */
const mapPins = 500;

/**
 * /wissen/karte: the neighbourhood knowledge map — the reports on the shared Leaflet map and the same
 * reports as a list beside it (the equivalent for keyboard and screen-reader users), with filters
 * (kind, category, status, district, words) and pages; "Neue Meldung" first, for the quickest way in.
 */
export default function MapReportsPage() {
  const { t } = useTranslation();
  const { current, draft, set, setParams } = useUrlFilters(readFilters);
  const districts = useDistricts();
  const query = filterQuery(current);
  const [params] = useSearchParams();
  const offset = Math.max(0, Number(params.get('offset')) || 0);

  const list = useQuery({
    queryKey: mapReportKeys.list(query, offset),
    queryFn: () => api<MapReportPage>('/map-reports', { query: { ...query, limit: pageSize, offset } }),
    placeholderData: keepPreviousData,
  });
  const features = useQuery({
    queryKey: mapReportKeys.map(query),
    queryFn: () => api<MapReportFeatures>('/map-reports/geojson', { query: { ...query, limit: mapPins } }),
    placeholderData: keepPreviousData,
  });
  const pins = useMemo(
    () =>
      (features.data?.features ?? []).map((f) => ({
        id: f.id,
        lat: f.geometry.coordinates[1] ?? 0,
        lng: f.geometry.coordinates[0] ?? 0,
        letter: t(`mapReports.letter.${f.properties.kind}`),
        label: `${f.properties.title} (${t(`mapReports.kind.${f.properties.kind}`)}, ${t(`mapReports.status.${f.properties.status}`)})`,
        title: f.properties.title,
        href: `/wissen/karte/${f.id}`,
        meta: `${t(`mapReports.status.${f.properties.status}`)} · ${t('mapReports.meToo.count', { count: f.properties.supportCount })}`,
      })),
    [features.data, t],
  );
  const clusterLabel = useCallback((count: number) => t('mapReports.map.cluster', { count }), [t]);

  function submit(e: FormEvent) {
    e.preventDefault();
    const next = new URLSearchParams();
    for (const k of filterNames) if (draft[k].trim()) next.set(k, draft[k].trim());
    setParams(next);
  }
  function goTo(nextOffset: number) {
    const next = new URLSearchParams(params);
    if (nextOffset > 0) next.set('offset', String(nextOffset));
    else next.delete('offset');
    setParams(next);
  }
  const filtered = Object.values(current).some(Boolean);

  return (
    <>
      <PageHeading title={t('mapReports.map.title')}>
        <p className="lead">{t('mapReports.map.lead')}</p>
      </PageHeading>
      <p className="actions">
        <Link className="button primary big-action" to="/wissen/karte/neu">
          <span aria-hidden="true">+ </span>
          {t('mapReports.map.new')}
        </Link>
      </p>
      <search>
        <form className="map-report-filters" onSubmit={submit} aria-label={t('mapReports.filters.label')}>
          <div className="field-row">
            <TextField
              label={t('mapReports.filters.q')}
              name="q"
              type="search"
              value={draft.q}
              onChange={set('q')}
            />
            <SelectField
              label={t('mapReports.filters.kind')}
              name="kind"
              value={draft.kind}
              onChange={set('kind')}
              options={[
                { value: '', label: t('mapReports.filters.all') },
                ...kinds.map((k) => ({ value: k, label: t(`mapReports.kind.${k}`) })),
              ]}
            />
            <SelectField
              label={t('mapReports.filters.status')}
              name="status"
              value={draft.status}
              onChange={set('status')}
              options={[
                { value: '', label: t('mapReports.filters.all') },
                ...statuses.map((s) => ({ value: s, label: t(`mapReports.status.${s}`) })),
              ]}
            />
            <SelectField
              label={t('mapReports.filters.category')}
              name="category"
              value={draft.category}
              onChange={set('category')}
              options={[
                { value: '', label: t('mapReports.filters.all') },
                ...categories.map((c) => ({ value: c, label: t(`mapReports.category.${c}`) })),
              ]}
            />
            <SelectField
              label={t('mapReports.filters.district')}
              name="districtId"
              value={draft.districtId}
              onChange={set('districtId')}
              options={[
                { value: '', label: t('mapReports.filters.allDistricts') },
                ...(districts.data ?? []).map((d) => ({ value: d.id, label: d.name })),
              ]}
            />
          </div>
          <p className="actions">
            <button type="submit" className="button secondary">
              {t('mapReports.filters.apply')}
            </button>
            {filtered && (
              <button type="button" className="button link" onClick={() => setParams(new URLSearchParams())}>
                {t('mapReports.filters.reset')}
              </button>
            )}
          </p>
        </form>
      </search>
      <div className="map-layout">
        <Suspense fallback={<Loading label={t('mapReports.map.loading')} />}>
          <PinMap pins={pins} label={t('mapReports.map.label')} clusterLabel={clusterLabel} />
        </Suspense>
        <section aria-labelledby="map-list-title" className="map-list">
          <h2 id="map-list-title">{t('mapReports.map.listTitle')}</h2>
          <QueryView
            query={list}
            isEmpty={(d) => d.items.length === 0}
            empty={filtered ? t('mapReports.map.noMatch') : t('mapReports.map.none')}
          >
            {(d) => (
              <>
                <p role="status">
                  {t(d.moreThanCounted ? 'mapReports.map.countMore' : 'mapReports.map.count', {
                    count: d.total,
                  })}
                </p>
                <ul className="card-list">
                  {d.items.map((r) => (
                    <ReportCard key={r.id} r={r} />
                  ))}
                </ul>
                <Pagination
                  total={d.total}
                  limit={d.limit}
                  offset={d.offset}
                  moreThanCounted={d.moreThanCounted}
                  onOffset={goTo}
                />
              </>
            )}
          </QueryView>
        </section>
      </div>
      <Subscribe links={[{ format: 'geojson', href: apiUrl('/map-reports/geojson', query) }]} />
    </>
  );
}
