import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../../../app/api.ts';
import { SelectField, TextField } from '../../../app/forms.tsx';
import type { Page } from '../../../app/types.ts';
import { PageHeading, Pagination, QueryView } from '../../../app/ui.tsx';
import { DossierCards, DossiersNav } from './Parts.tsx';
import { dossierKeys } from './queries.ts';
import { type DossierSummary, publicStatuses } from './types.ts';

const limit = 10;

/** /wissen/dossiers — the public record: every sent dossier, its state and its answer. */
export function ListPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const status = params.get('stand') ?? '';
  const offset = Math.max(0, Number(params.get('ab') ?? 0) || 0);
  const [draftQ, setDraftQ] = useState(q);
  const [draftStatus, setDraftStatus] = useState(status);
  const list = useQuery({
    queryKey: dossierKeys.all('public', q, status, offset),
    queryFn: () =>
      api<Page<DossierSummary>>('/dossiers', {
        query: { q: q || undefined, status: status || undefined, limit, offset },
      }),
    placeholderData: keepPreviousData,
  });
  const go = (next: { q?: string; stand?: string; ab?: number }) => {
    const p = new URLSearchParams();
    if (next.q) p.set('q', next.q);
    if (next.stand) p.set('stand', next.stand);
    if (next.ab) p.set('ab', String(next.ab));
    setParams(p);
  };
  return (
    <>
      <PageHeading title={t('dossiers.title')}>
        <p className="lead">{t('dossiers.intro')}</p>
      </PageHeading>
      <DossiersNav />
      <search>
        <form
          className="inline-search"
          aria-label={t('dossiers.list.search')}
          onSubmit={(e) => {
            e.preventDefault();
            go({ q: draftQ.trim(), stand: draftStatus });
          }}
        >
          <TextField
            label={t('dossiers.list.q')}
            name="q"
            type="search"
            value={draftQ}
            onChange={(e) => setDraftQ(e.target.value)}
          />
          <SelectField
            label={t('dossiers.list.status')}
            name="status"
            value={draftStatus}
            onChange={(e) => setDraftStatus(e.target.value)}
            options={[
              { value: '', label: t('dossiers.list.anyStatus') },
              ...publicStatuses.map((s) => ({ value: s, label: t(`dossiers.status.${s}`) })),
            ]}
          />
          <button type="submit" className="button primary">
            {t('dossiers.list.submit')}
          </button>
        </form>
      </search>
      <QueryView
        query={list}
        isEmpty={(p) => p.items.length === 0}
        empty={q || status ? t('dossiers.list.noMatch') : t('dossiers.list.empty')}
      >
        {(p) => (
          <>
            <p>{t('dossiers.list.count', { count: p.total })}</p>
            <DossierCards items={p.items} />
            <Pagination
              total={p.total}
              limit={p.limit}
              offset={p.offset}
              onOffset={(ab) => go({ q, stand: status, ab })}
            />
          </>
        )}
      </QueryView>
    </>
  );
}
