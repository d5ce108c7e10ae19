import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../app/api.ts';
import { SelectField, TextField } from '../../app/forms.tsx';
import type { Page, SearchHit } from '../../app/types.ts';
import { PageHeading, Pagination, QueryView } from '../../app/ui.tsx';

const pageSize = 10;
const types = ['organisation'] as const;

/** Full-text search over everything public in the network. */
export function SearchPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const type = params.get('art') ?? '';
  const offset = Math.max(0, Number(params.get('ab') ?? 0) || 0);
  const [draft, setDraft] = useState(q);
  const [draftType, setDraftType] = useState(type);
  const results = useQuery({
    queryKey: ['search', { q, type, offset }],
    queryFn: () =>
      api<Page<SearchHit>>('/search', { query: { q, type: type || undefined, limit: pageSize, offset } }),
    enabled: q.trim().length > 0,
    placeholderData: keepPreviousData,
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const next = new URLSearchParams();
    if (draft.trim()) next.set('q', draft.trim());
    if (draftType) next.set('art', draftType);
    setParams(next);
  }

  function goTo(o: number) {
    const next = new URLSearchParams(params);
    next.set('ab', String(o));
    setParams(next);
  }

  return (
    <>
      <PageHeading title={t('search.title')}>
        <p className="lead">{t('search.lead')}</p>
      </PageHeading>
      <search>
        <form className="filters" onSubmit={submit}>
          <TextField
            label={t('search.query')}
            name="q"
            type="search"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
          />
          <SelectField
            label={t('search.type')}
            name="type"
            value={draftType}
            onChange={(e) => setDraftType(e.target.value)}
            options={[
              { value: '', label: t('search.allTypes') },
              ...types.map((ty) => ({ value: ty, label: t(`search.types.${ty}`) })),
            ]}
          />
          <button type="submit" className="button primary">
            {t('search.submit')}
          </button>
        </form>
      </search>
      {q.trim() === '' ? (
        <p className="state state-empty">{t('search.start')}</p>
      ) : (
        <section aria-labelledby="search-results">
          <h2 id="search-results">{t('search.resultsFor', { q })}</h2>
          <QueryView query={results} isEmpty={(p) => p.items.length === 0} empty={t('search.none', { q })}>
            {(p) => (
              <>
                <p role="status">{t('search.count', { count: p.total })}</p>
                <ul className="card-list">
                  {p.items.map((h) => (
                    <li key={`${h.entityType}:${h.entityId}`} className="card">
                      <h3>
                        <Link to={h.link}>{h.title}</Link>
                      </h3>
                      <p className="meta">
                        {t(`search.types.${h.entityType}`, { defaultValue: h.entityType })}
                      </p>
                      {h.snippet && <p>{h.snippet}</p>}
                    </li>
                  ))}
                </ul>
                <Pagination total={p.total} limit={p.limit} offset={p.offset} onOffset={goTo} />
              </>
            )}
          </QueryView>
        </section>
      )}
    </>
  );
}
