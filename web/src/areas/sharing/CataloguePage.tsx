import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../app/api.ts';
import { useSession } from '../../app/session.tsx';
import type { Page } from '../../app/types.ts';
import { PageHeading, Pagination, QueryView } from '../../app/ui.tsx';
import { useDistricts } from '../../features/profile/ProfilePage.tsx';
import { sharingKeys } from './queries.ts';
import { ResourceCard } from './ResourceCard.tsx';
import { filterQuery, hasFilters, ResourceFilters, readFilters } from './ResourceFilters.tsx';
import { SharingNav } from './SharingNav.tsx';
import type { Resource } from './types.ts';

const pageSize = 10;

/**
 * /teilen: the catalogue of rooms, equipment, vehicles, give-aways, skills and services — results
 * first: on a phone a search line and a "Filter" button come before them; on a wide screen the
 * filters stand beside them.
 */
export default function CataloguePage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const [params, setParams] = useSearchParams();
  const districts = useDistricts();
  const filters = readFilters(params);
  const offset = Math.max(0, Number(params.get('ab') ?? 0) || 0);
  const query = filterQuery(filters, districts.data);
  const waitForDistricts = Boolean(filters.near && filters.near !== 'standort') && !districts.data;
  const list = useQuery({
    queryKey: sharingKeys.resources(query, offset),
    queryFn: () => api<Page<Resource>>('/resources', { query: { ...query, limit: pageSize, offset } }),
    placeholderData: keepPreviousData,
    enabled: !waitForDistricts,
  });

  function goTo(next: number) {
    const p = new URLSearchParams(params);
    if (next > 0) p.set('ab', String(next));
    else p.delete('ab');
    setParams(p);
    document.getElementById('results')?.focus();
  }

  return (
    <>
      <PageHeading title={t('sharing.catalogue.title')}>
        <p className="lead">{t('sharing.catalogue.lead')}</p>
      </PageHeading>
      <SharingNav />
      {session.account && (
        <p>
          <Link className="button secondary" to="/teilen/neu">
            {t('sharing.catalogue.offer')}
          </Link>
        </p>
      )}
      <div className="catalogue-layout">
        <div className="catalogue-filters">
          <ResourceFilters />
        </div>
        <section id="results" tabIndex={-1} aria-labelledby="results-title" className="results">
          <h2 id="results-title">{t('sharing.catalogue.results')}</h2>
          <QueryView
            query={list}
            isEmpty={(p) => p.items.length === 0}
            empty={hasFilters(filters) ? t('sharing.catalogue.noMatch') : t('sharing.catalogue.none')}
          >
            {(p) => (
              <>
                <p role="status">{t('sharing.catalogue.count', { count: p.total })}</p>
                <ul className="card-list">
                  {p.items.map((r) => (
                    <ResourceCard key={r.id} r={r} districts={districts.data} />
                  ))}
                </ul>
                <Pagination total={p.total} limit={p.limit} offset={p.offset} onOffset={goTo} />
              </>
            )}
          </QueryView>
        </section>
      </div>
    </>
  );
}
