import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, apiUrl } from '../../app/api.ts';
import { SelectField, TextField } from '../../app/forms.tsx';
import { useSession } from '../../app/session.tsx';
import type { Organisation, Page } from '../../app/types.ts';
import { PageHeading, Pagination, QueryView } from '../../app/ui.tsx';
import { Subscribe } from '../data/Subscribe.tsx';
import { sectorOptions } from './labels.ts';

const pageSize = 10;

export function OrganisationCard({ org }: { org: Organisation }) {
  const { t } = useTranslation();
  return (
    <li className="card org-card">
      <h3>
        <Link to={`/organisationen/${org.slug}`}>{org.name}</Link>
      </h3>
      <p className="meta">
        {t(`sector.${org.sector}`)} · {t(`kind.${org.kind}`)} ·{' '}
        {t('organisation.memberCount', { count: org.memberCount })}
      </p>
      {org.description && <p className="clamp">{org.description}</p>}
    </li>
  );
}

/** The directory: search by name and text, filter by sector, ten at a time. State lives in the URL. */
export function OrganisationsPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const sector = params.get('sektor') ?? '';
  const offset = Math.max(0, Number(params.get('ab') ?? 0) || 0);
  const [draftQ, setDraftQ] = useState(q);
  const [draftSector, setDraftSector] = useState(sector);

  const list = useQuery({
    queryKey: ['organisations', { q, sector, offset }],
    queryFn: () =>
      api<Page<Organisation>>('/organisations', {
        query: { q: q || undefined, sector: sector || undefined, limit: pageSize, offset },
      }),
    placeholderData: keepPreviousData,
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const next = new URLSearchParams();
    if (draftQ.trim()) next.set('q', draftQ.trim());
    if (draftSector) next.set('sektor', draftSector);
    setParams(next);
  }

  function goTo(nextOffset: number) {
    const next = new URLSearchParams(params);
    if (nextOffset > 0) next.set('ab', String(nextOffset));
    else next.delete('ab');
    setParams(next);
    document.getElementById('results')?.focus();
  }

  return (
    <>
      <PageHeading title={t('organisations.title')}>
        <p className="lead">{t('organisations.lead')}</p>
      </PageHeading>
      {session.abilities.createOrganisation && (
        <p>
          <Link className="button secondary" to="/organisationen/neu">
            {t('organisations.create')}
          </Link>
        </p>
      )}
      <search>
        <form className="filters" onSubmit={submit} aria-label={t('organisations.filter')}>
          <TextField
            label={t('organisations.search')}
            name="q"
            type="search"
            value={draftQ}
            onChange={(e) => setDraftQ(e.target.value)}
          />
          <SelectField
            label={t('organisations.sector')}
            name="sector"
            value={draftSector}
            onChange={(e) => setDraftSector(e.target.value)}
            options={[{ value: '', label: t('organisations.allSectors') }, ...sectorOptions(t)]}
          />
          <button type="submit" className="button primary">
            {t('organisations.apply')}
          </button>
        </form>
      </search>
      <section id="results" tabIndex={-1} aria-labelledby="results-title" className="results">
        <h2 id="results-title" className="visually-hidden">
          {t('organisations.results')}
        </h2>
        <QueryView
          query={list}
          isEmpty={(p) => p.items.length === 0}
          empty={q || sector ? t('organisations.noMatch') : t('organisations.none')}
        >
          {(p) => (
            <>
              <p role="status">{t('organisations.count', { count: p.total })}</p>
              <ul className="card-list">
                {p.items.map((o) => (
                  <OrganisationCard key={o.id} org={o} />
                ))}
              </ul>
              <Pagination total={p.total} limit={p.limit} offset={p.offset} onOffset={goTo} />
            </>
          )}
        </QueryView>
      </section>
      <Subscribe
        links={[
          { format: 'geojson', href: apiUrl('/organisations/geojson', { sector: sector || undefined }) },
          { format: 'hsds', href: apiUrl('/hsds/export') },
        ]}
      />
    </>
  );
}
