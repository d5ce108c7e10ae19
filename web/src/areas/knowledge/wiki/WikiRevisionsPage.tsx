import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../../../app/api.ts';
import { SelectField } from '../../../app/forms.tsx';
import { ConfirmButton, PageHeading, Pagination, QueryView } from '../../../app/ui.tsx';
import { wikiKeys } from './queries.ts';
import type { WikiDiff, WikiPage, WikiRevisionList } from './types.ts';
import { Byline, useWikiPage, wikiPath } from './WikiParts.tsx';

const limit = 20;

/** Inserted and deleted words, each marked by a symbol and a word for screen readers — never colour alone. */
function DiffView({ pageId, from, to }: { pageId: string; from: number; to: number }) {
  const { t } = useTranslation();
  const diff = useQuery({
    queryKey: wikiKeys.page(pageId, 'diff', from, to),
    queryFn: () => api<WikiDiff>(`/wiki/pages/${pageId}/diff`, { query: { from, to } }),
  });
  return (
    <section aria-labelledby="diff-title">
      <h2 id="diff-title">{t('wiki.diffTitle', { from, to })}</h2>
      <QueryView query={diff}>
        {(d) => (
          <>
            {d.title.from !== d.title.to && (
              <p>{t('wiki.titleChanged', { from: d.title.from, to: d.title.to })}</p>
            )}
            <p className="wiki-legend">
              <span>
                <ins>
                  <span className="mark" aria-hidden="true">
                    [+{' '}
                  </span>
                  {t('wiki.legendInserted')}
                  <span className="mark" aria-hidden="true">
                    {' '}
                    +]
                  </span>
                </ins>
              </span>
              <span>
                <del>
                  <span className="mark" aria-hidden="true">
                    [−{' '}
                  </span>
                  {t('wiki.legendDeleted')}
                  <span className="mark" aria-hidden="true">
                    {' '}
                    −]
                  </span>
                </del>
              </span>
              <span className="meta">
                {t('wiki.diffCounts', { inserted: d.inserted, deleted: d.deleted })}
              </span>
            </p>
            {d.inserted === 0 && d.deleted === 0 ? (
              <p>{t('wiki.noTextChange')}</p>
            ) : (
              <div className="wiki-diff">
                {d.parts.map((p, i) =>
                  p.op === 'equal' ? (
                    // biome-ignore lint/suspicious/noArrayIndexKey: the diff is a fixed sequence
                    <span key={i}>{p.text}</span>
                  ) : p.op === 'insert' ? (
                    // biome-ignore lint/suspicious/noArrayIndexKey: the diff is a fixed sequence
                    <ins key={i}>
                      <span className="mark" aria-hidden="true">
                        [+
                      </span>
                      <span className="visually-hidden">{t('wiki.inserted')}: </span>
                      {p.text}
                      <span className="mark" aria-hidden="true">
                        +]
                      </span>
                    </ins>
                  ) : (
                    // biome-ignore lint/suspicious/noArrayIndexKey: the diff is a fixed sequence
                    <del key={i}>
                      <span className="mark" aria-hidden="true">
                        [−
                      </span>
                      <span className="visually-hidden">{t('wiki.deleted')}: </span>
                      {p.text}
                      <span className="mark" aria-hidden="true">
                        −]
                      </span>
                    </del>
                  ),
                )}
              </div>
            )}
          </>
        )}
      </QueryView>
    </section>
  );
}

function RestoreButton({ page, revision }: { page: WikiPage; revision: number }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  return (
    <ConfirmButton
      className="button secondary"
      label={t('wiki.restore')}
      accessibleName={t('wiki.restoreNamed', { revision })}
      title={t('wiki.restoreTitle', { revision })}
      message={t('wiki.restoreConfirm', { revision, title: page.title })}
      confirmLabel={t('wiki.restore')}
      onConfirm={async () => {
        const r = await api<WikiPage>(`/wiki/pages/${page.id}/restore`, {
          method: 'POST',
          body: { revision, baseRevision: page.currentRevision },
        });
        await qc.invalidateQueries({ queryKey: wikiKeys.all() });
        return r;
      }}
      done={(r) => t('wiki.done.restored', { revision, now: (r as WikiPage).revision })}
    />
  );
}

/** /wissen/wiki/:id/versionen — every revision with author and summary, a diff between any two, restore. */
export function WikiRevisionsPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const page = useWikiPage(id);
  const [params, setParams] = useSearchParams();
  const offset = Math.max(0, Number(params.get('ab') ?? 0) || 0);
  const revisions = useQuery({
    queryKey: wikiKeys.page(id, 'revisions', offset),
    queryFn: () => api<WikiRevisionList>(`/wiki/pages/${id}/revisions`, { query: { limit, offset } }),
    enabled: Boolean(id),
    placeholderData: keepPreviousData,
  });
  const current = page.data?.currentRevision ?? 1;
  const to = Math.min(current, Number(params.get('bis')) || current);
  const from = Math.min(current, Number(params.get('von')) || Math.max(1, to - 1));
  const [draft, setDraft] = useState<{ from: string; to: string } | null>(null);
  const options = Array.from({ length: current }, (_, i) => current - i).map((n) => ({
    value: String(n),
    label: t('wiki.revisionN', { n }),
  }));

  return (
    <QueryView query={page}>
      {(p) => (
        <>
          <p>
            <Link to={wikiPath(p.id)}>
              <span aria-hidden="true">← </span>
              {t('wiki.backToPage', { title: p.title })}
            </Link>
          </p>
          <PageHeading title={t('wiki.historyTitle', { title: p.title })} />
          {current > 1 && (
            <>
              <form
                className="wiki-filters"
                onSubmit={(e) => {
                  e.preventDefault();
                  if (draft) setParams({ von: draft.from, bis: draft.to });
                }}
              >
                <SelectField
                  label={t('wiki.compareFrom')}
                  name="von"
                  value={draft?.from ?? String(from)}
                  onChange={(e) => setDraft({ from: e.target.value, to: draft?.to ?? String(to) })}
                  options={options}
                />
                <SelectField
                  label={t('wiki.compareTo')}
                  name="bis"
                  value={draft?.to ?? String(to)}
                  onChange={(e) => setDraft({ from: draft?.from ?? String(from), to: e.target.value })}
                  options={options}
                />
                <div className="actions">
                  <button type="submit" className="button primary">
                    {t('wiki.compare')}
                  </button>
                </div>
              </form>
              <DiffView pageId={p.id} from={from} to={to} />
            </>
          )}
          <section aria-labelledby="revisions-title">
            <h2 id="revisions-title">{t('wiki.revisionsTitle')}</h2>
            <QueryView query={revisions}>
              {(d) => (
                <>
                  <ol className="wiki-revisions">
                    {d.items.map((r) => (
                      <li key={r.revision} className="card">
                        <h3>
                          <Link to={`${wikiPath(p.id)}?version=${r.revision}`}>
                            {t('wiki.revisionN', { n: r.revision })}
                            {r.revision === d.currentRevision && ` (${t('wiki.current')})`}
                          </Link>
                        </h3>
                        <p className="meta">
                          <Byline author={r.author} when={r.createdAt} revision />
                        </p>
                        {r.summary && <p>{r.summary}</p>}
                        {r.restoredFrom && <p>{t('wiki.restoredFrom', { n: r.restoredFrom })}</p>}
                        {r.revision > 1 && (
                          <p>
                            <Link to={`?von=${r.revision - 1}&bis=${r.revision}`}>
                              {t('wiki.showChanges', { n: r.revision })}
                            </Link>
                          </p>
                        )}
                        {p.abilities.edit && !p.archivedAt && r.revision !== d.currentRevision && (
                          <RestoreButton page={p} revision={r.revision} />
                        )}
                      </li>
                    ))}
                  </ol>
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
      )}
    </QueryView>
  );
}
