import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../../app/api.ts';
import { SelectField, TextField } from '../../../app/forms.tsx';
import { useSession } from '../../../app/session.tsx';
import { formatDate, PageHeading, Pagination, QueryView } from '../../../app/ui.tsx';
import { StaleBadge } from '../freshness/FreshnessNote.tsx';
import { wikiKeys } from './queries.ts';
import type { WikiPageList } from './types.ts';
import { VisibilityNote, WikiName, wikiPath } from './WikiParts.tsx';

const limit = 20;

/** /wissen/wiki — every page the person may read: the network's wiki and the organisations'. */
export function WikiListPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const wiki = params.get('wiki') ?? '';
  const stale = params.get('veraltet') === '1';
  const archived = params.get('archiv') === '1';
  const offset = Math.max(0, Number(params.get('ab') ?? 0) || 0);
  const [draft, setDraft] = useState({ q, wiki, stale });
  const list = useQuery({
    queryKey: wikiKeys.list(q, wiki, stale, archived, offset),
    queryFn: () =>
      api<WikiPageList>('/wiki/pages', {
        query: {
          q: q || undefined,
          wiki: wiki || undefined,
          stale: stale || undefined,
          archived: archived || undefined,
          limit,
          offset,
        },
      }),
    placeholderData: keepPreviousData,
  });
  const orgs = session.account?.memberships ?? [];
  const canCreate = (list.data?.canCreateIn.length ?? 0) > 0;
  const set = (next: Record<string, string>) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) if (v) p.set(k, v);
    setParams(p);
  };

  return (
    <>
      <PageHeading title={archived ? t('wiki.archiveTitle') : t('wiki.title')}>
        <p className="lead">{t('wiki.lead')}</p>
      </PageHeading>
      <div className="actions">
        {canCreate && !archived && (
          <Link className="button primary" to="/wissen/wiki/neu">
            {t('wiki.create')}
          </Link>
        )}
        {canCreate &&
          (archived ? (
            <Link className="button secondary" to="/wissen/wiki">
              {t('wiki.showCurrent')}
            </Link>
          ) : (
            <Link className="button secondary" to="/wissen/wiki?archiv=1">
              {t('wiki.showArchive')}
            </Link>
          ))}
      </div>
      <search>
        <form
          className="wiki-filters"
          onSubmit={(e) => {
            e.preventDefault();
            set({
              q: draft.q.trim(),
              wiki: draft.wiki,
              veraltet: draft.stale ? '1' : '',
              archiv: archived ? '1' : '',
            });
          }}
        >
          <TextField
            label={t('wiki.search')}
            name="q"
            type="search"
            value={draft.q}
            onChange={(e) => setDraft({ ...draft, q: e.target.value })}
          />
          <SelectField
            label={t('wiki.whichWiki')}
            name="wiki"
            value={draft.wiki}
            onChange={(e) => setDraft({ ...draft, wiki: e.target.value })}
            options={[
              { value: '', label: t('wiki.allWikis') },
              { value: 'network', label: t('wiki.networkWiki') },
              ...orgs.map((o) => ({ value: o.organisationId, label: t('wiki.orgWiki', { name: o.name }) })),
            ]}
          />
          <label className="check">
            <input
              type="checkbox"
              name="veraltet"
              checked={draft.stale}
              onChange={(e) => setDraft({ ...draft, stale: e.target.checked })}
            />
            {t('wiki.staleOnly')}
          </label>
          <div className="actions">
            <button type="submit" className="button primary">
              {t('wiki.apply')}
            </button>
          </div>
        </form>
      </search>
      <section aria-labelledby="wiki-results-title">
        <h2 id="wiki-results-title" className="visually-hidden">
          {t('wiki.results')}
        </h2>
        <QueryView
          query={list}
          isEmpty={(d) => d.items.length === 0}
          empty={
            q || wiki || stale
              ? t('wiki.emptyFiltered')
              : archived
                ? t('wiki.emptyArchive')
                : canCreate
                  ? t('wiki.emptyCanCreate')
                  : t('wiki.empty')
          }
        >
          {(d) => (
            <>
              <p className="meta">{t('wiki.count', { count: d.total })}</p>
              <ul className="wiki-list">
                {d.items.map((p) => (
                  <li key={p.id} className="card">
                    <h2>
                      <Link to={wikiPath(p.id)}>{p.title}</Link>
                    </h2>
                    <p className="meta">
                      <WikiName organisation={p.organisation} /> ·{' '}
                      {t('wiki.changedOn', { when: formatDate(p.revisedAt) })}{' '}
                      <StaleBadge freshness={p.freshness} /> <VisibilityNote visibility={p.visibility} />
                    </p>
                    {p.excerpt && <p>{p.excerpt}</p>}
                  </li>
                ))}
              </ul>
              <Pagination
                total={d.total}
                limit={d.limit}
                offset={d.offset}
                onOffset={(o) => {
                  const next = new URLSearchParams(params);
                  if (o) next.set('ab', String(o));
                  else next.delete('ab');
                  setParams(next);
                }}
              />
            </>
          )}
        </QueryView>
      </section>
    </>
  );
}
