import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../app/api.ts';
import { TextField } from '../../app/forms.tsx';
import type { Page } from '../../app/types.ts';
import { PageHeading, Pagination, QueryView } from '../../app/ui.tsx';
import { ParticipationNav } from './common.tsx';
import { Byline, useCanEdit } from './PlaybookParts.tsx';
import { participationKeys } from './queries.ts';
import type { PlaybookRevision } from './types.ts';

/** /mitmachen/praxis — the playbook shared by all organisations: what worked, which channel reached whom. */
export function PlaybookListPage() {
  const { t } = useTranslation();
  const canEdit = useCanEdit();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const tag = params.get('thema') ?? '';
  const offset = Math.max(0, Number(params.get('ab') ?? 0) || 0);
  const [draft, setDraft] = useState(q);
  const list = useQuery({
    queryKey: participationKeys.playbook('list', q, tag, offset),
    queryFn: () =>
      api<Page<PlaybookRevision>>('/playbook/pages', {
        query: { q: q || undefined, tag: tag || undefined, limit: 10, offset },
      }),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <PageHeading title={t('participation.playbook.title')}>
        <p className="lead">{t('participation.playbook.lead')}</p>
      </PageHeading>
      <ParticipationNav />
      {canEdit && (
        <p>
          <Link className="button secondary" to="/mitmachen/praxis/neu">
            {t('participation.playbook.create')}
          </Link>
        </p>
      )}
      <search>
        <form
          className="inline-search"
          onSubmit={(e) => {
            e.preventDefault();
            const next = new URLSearchParams();
            if (draft.trim()) next.set('q', draft.trim());
            if (tag) next.set('thema', tag);
            setParams(next);
          }}
        >
          <TextField
            label={t('participation.playbook.search')}
            name="q"
            type="search"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
          />
          <button type="submit" className="button primary">
            {t('participation.filters.apply')}
          </button>
        </form>
      </search>
      {tag && (
        <p>
          {t('participation.playbook.tagFilter', { tag })}{' '}
          <button type="button" className="button secondary" onClick={() => setParams(q ? { q } : {})}>
            {t('participation.filters.reset')}
          </button>
        </p>
      )}
      <section id="playbook-results" tabIndex={-1} aria-labelledby="playbook-results-title">
        <h2 id="playbook-results-title" className="visually-hidden">
          {t('participation.playbook.results')}
        </h2>
        <QueryView
          query={list}
          isEmpty={(p) => p.items.length === 0}
          empty={q || tag ? t('participation.playbook.noMatch') : t('participation.playbook.none')}
        >
          {(p) => (
            <>
              <p role="status">{t('participation.playbook.count', { count: p.total })}</p>
              <ul className="card-list">
                {p.items.map((r) => (
                  <li key={r.pageId} className="card">
                    <h3>
                      <Link to={`/mitmachen/praxis/${r.pageId}`}>{r.title}</Link>
                    </h3>
                    <p className="meta">
                      <Byline r={r} /> ·{' '}
                      {t('participation.playbook.revisionCount', { count: r.currentRevision })}
                    </p>
                    <ul className="tags" aria-label={t('participation.playbook.tags')}>
                      {r.tags.map((x) => (
                        <li key={x} className="tag">
                          <Link to={`/mitmachen/praxis?thema=${encodeURIComponent(x)}`}>{x}</Link>
                        </li>
                      ))}
                    </ul>
                  </li>
                ))}
              </ul>
              <Pagination
                total={p.total}
                limit={p.limit}
                offset={p.offset}
                onOffset={(o) => {
                  const next = new URLSearchParams(params);
                  if (o > 0) next.set('ab', String(o));
                  else next.delete('ab');
                  setParams(next);
                  document.getElementById('playbook-results')?.focus();
                }}
              />
            </>
          )}
        </QueryView>
      </section>
    </>
  );
}
