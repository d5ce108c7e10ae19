import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../../app/api.ts';
import { SelectField } from '../../app/forms.tsx';
import { PageHeading, QueryView } from '../../app/ui.tsx';
import { ParticipationNav } from './common.tsx';
import { Byline, usePlaybookPage } from './PlaybookParts.tsx';
import { participationKeys } from './queries.ts';
import type { PlaybookDiff, PlaybookRevisionSummary } from './types.ts';

function DiffView({ pageId, from, to }: { pageId: string; from: number; to: number }) {
  const { t } = useTranslation();
  const diff = useQuery({
    queryKey: participationKeys.playbook(pageId, 'diff', from, to),
    queryFn: () => api<PlaybookDiff>(`/playbook/pages/${pageId}/diff`, { query: { from, to } }),
  });
  return (
    <section aria-labelledby="diff-title">
      <h2 id="diff-title">{t('participation.playbook.diffTitle', { from, to })}</h2>
      <QueryView query={diff}>
        {(d) => (
          <>
            {d.title.from !== d.title.to && (
              <p>{t('participation.playbook.titleChanged', { from: d.title.from, to: d.title.to })}</p>
            )}
            {d.tags.added.length > 0 && (
              <p>{t('participation.playbook.tagsAdded', { tags: d.tags.added.join(', ') })}</p>
            )}
            {d.tags.removed.length > 0 && (
              <p>{t('participation.playbook.tagsRemoved', { tags: d.tags.removed.join(', ') })}</p>
            )}
            <ol className="diff" aria-label={t('participation.playbook.diffLines')}>
              {d.lines.map((l, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the diff is a fixed sequence of lines
                <li key={i} className={`diff-${l.op}`}>
                  <span className="diff-sign">
                    {l.op === 'insert' ? '+' : l.op === 'delete' ? '−' : ' '}
                    <span className="visually-hidden">
                      {l.op === 'equal' ? '' : ` ${t(`participation.playbook.op.${l.op}`)}: `}
                    </span>
                  </span>
                  {l.text || ' '}
                </li>
              ))}
            </ol>
          </>
        )}
      </QueryView>
    </section>
  );
}

/** /mitmachen/praxis/:id/versionen — every revision, and the difference between two of them. */
export function PlaybookRevisionsPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const page = usePlaybookPage(id);
  const revisions = useQuery({
    queryKey: participationKeys.playbook(id, 'revisions'),
    queryFn: () => api<{ items: PlaybookRevisionSummary[] }>(`/playbook/pages/${id}/revisions`),
    enabled: Boolean(id),
  });
  const [params, setParams] = useSearchParams();
  const current = page.data?.currentRevision ?? 1;
  const to = Number(params.get('bis')) || current;
  const from = Number(params.get('von')) || Math.max(1, to - 1);
  const [draft, setDraft] = useState<{ from: string; to: string } | null>(null);
  const options = (revisions.data?.items ?? []).map((r) => ({
    value: String(r.revision),
    label: t('participation.playbook.revisionN', { n: r.revision }),
  }));

  return (
    <QueryView query={page}>
      {(r) => (
        <>
          <PageHeading title={t('participation.playbook.revisionsTitle', { title: r.title })} />
          <ParticipationNav />
          <p>
            <Link to={`/mitmachen/praxis/${r.pageId}`}>{t('participation.playbook.back')}</Link>
          </p>
          <QueryView query={revisions}>
            {(d) => (
              <ol className="card-list revision-list" reversed>
                {d.items.map((x) => (
                  <li key={x.revision} className="card">
                    <h2 className="h3">
                      <Link to={`/mitmachen/praxis/${r.pageId}?version=${x.revision}`}>
                        {t('participation.playbook.revisionN', { n: x.revision })}: {x.title}
                      </Link>
                    </h2>
                    <p className="meta">
                      <Byline r={x} />
                    </p>
                    {x.summary && <p>{x.summary}</p>}
                  </li>
                ))}
              </ol>
            )}
          </QueryView>
          {current > 1 && (
            <>
              <form
                className="field-row diff-choice"
                onSubmit={(e) => {
                  e.preventDefault();
                  if (draft) setParams({ von: draft.from, bis: draft.to });
                }}
              >
                <SelectField
                  label={t('participation.playbook.compareFrom')}
                  name="von"
                  value={draft?.from ?? String(from)}
                  onChange={(e) => setDraft({ from: e.target.value, to: draft?.to ?? String(to) })}
                  options={options}
                />
                <SelectField
                  label={t('participation.playbook.compareTo')}
                  name="bis"
                  value={draft?.to ?? String(to)}
                  onChange={(e) => setDraft({ from: draft?.from ?? String(from), to: e.target.value })}
                  options={options}
                />
                <div className="actions">
                  <button type="submit" className="button primary">
                    {t('participation.playbook.compare')}
                  </button>
                </div>
              </form>
              <DiffView pageId={r.pageId} from={from} to={to} />
            </>
          )}
        </>
      )}
    </QueryView>
  );
}
