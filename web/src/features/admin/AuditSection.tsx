import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { SelectField } from '../../app/forms.tsx';
import type { AuditEntry, AuditFilterChoices, ConfidentialPage } from '../../app/types.ts';
import { formatDate, Pagination, QueryView, ScrollRegion } from '../../app/ui.tsx';
import { usePaged } from './usePaged.ts';

type TFn = ReturnType<typeof useTranslation>['t'];

/**
 * An action of the log as words: 'resource.updated' → 'Angebot geändert' (features/admin/i18n, keyed
 * by the action's own parts); an action without a label yet shows its code rather than nothing.
 */
export function actionLabel(t: TFn, action: string): string {
  const key = `audit.actions.${action}`;
  return t(key, { defaultValue: '' }) || t('audit.unknown', { code: action });
}

/** An entity type of the log as a word: 'exchange_post' → 'Tauschring-Eintrag'. */
export function entityTypeLabel(t: TFn, type: string): string {
  return t(`audit.types.${type}`, { defaultValue: '' }) || type;
}

/** The details of an entry as 'key: value' pairs, values as short text. */
function detailsText(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' · ');
}

interface Filters {
  action?: string;
  entityType?: string;
  actorId?: string;
}

/**
 * Who did what, when: read-only, in words, filtered by choosing from what the log holds (its actions,
 * entity types and actors). Entries about support circles are their owners' (counted only).
 */
export function AuditSection() {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Filters>({});
  const [filters, setFilters] = useState<Filters>({});
  const { query, setOffset } = usePaged<AuditEntry, ConfidentialPage<AuditEntry>>(
    '/admin/audit',
    { action: filters.action, entityType: filters.entityType, actorId: filters.actorId },
    25,
  );
  const choices = useQuery({
    queryKey: ['admin', '/admin/audit/filters'],
    queryFn: () => api<AuditFilterChoices>('/admin/audit/filters'),
    staleTime: 60_000,
  });
  const confidential = query.data?.confidential ?? 0;
  const all = { value: '', label: t('audit.all') };
  const c = choices.data ?? { actions: [], entityTypes: [], actors: [] };
  const byLabel = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label);

  function submit(e: FormEvent) {
    e.preventDefault();
    setFilters({
      action: draft.action || undefined,
      entityType: draft.entityType || undefined,
      actorId: draft.actorId || undefined,
    });
  }
  function reset() {
    setDraft({});
    setFilters({});
  }
  const filtered = Boolean(filters.action || filters.entityType || filters.actorId);

  return (
    <section aria-labelledby="admin-audit">
      <h2 id="admin-audit">{t('admin.audit.title')}</h2>
      <form className="filters" onSubmit={submit} aria-label={t('audit.filtersTitle')}>
        <SelectField
          label={t('admin.audit.action')}
          name="action"
          value={draft.action ?? ''}
          onChange={(e) => setDraft({ ...draft, action: e.target.value })}
          options={[all, ...c.actions.map((a) => ({ value: a, label: actionLabel(t, a) })).sort(byLabel)]}
        />
        <SelectField
          label={t('admin.audit.entityType')}
          name="entityType"
          value={draft.entityType ?? ''}
          onChange={(e) => setDraft({ ...draft, entityType: e.target.value })}
          options={[
            all,
            ...c.entityTypes.map((x) => ({ value: x, label: entityTypeLabel(t, x) })).sort(byLabel),
          ]}
        />
        <SelectField
          label={t('audit.actor')}
          name="actorId"
          value={draft.actorId ?? ''}
          onChange={(e) => setDraft({ ...draft, actorId: e.target.value })}
          options={[all, ...c.actors.map((a) => ({ value: a.id, label: a.name }))]}
        />
        <div className="actions">
          <button type="submit" className="button primary">
            {t('admin.audit.filter')}
          </button>
          {filtered && (
            <button type="button" className="button secondary" onClick={reset}>
              {t('audit.reset')}
            </button>
          )}
        </div>
      </form>
      {confidential > 0 && <p className="notice">{t('admin.audit.confidential', { count: confidential })}</p>}
      <QueryView query={query} isEmpty={(p) => p.items.length === 0} empty={t('admin.audit.none')}>
        {(p) => (
          <>
            <ScrollRegion label={t('admin.audit.caption', { count: p.total })}>
              <table>
                <caption>{t('admin.audit.caption', { count: p.total })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('admin.audit.when')}</th>
                    <th scope="col">{t('admin.audit.who')}</th>
                    <th scope="col">{t('admin.audit.action')}</th>
                    <th scope="col">{t('admin.audit.entity')}</th>
                    <th scope="col">{t('admin.audit.details')}</th>
                  </tr>
                </thead>
                <tbody>
                  {p.items.map((e) => (
                    <tr key={e.id}>
                      <td>{formatDate(e.at, true)}</td>
                      <td>{e.actorName ?? t('admin.audit.system')}</td>
                      <td>{actionLabel(t, e.action)}</td>
                      <td>
                        {entityTypeLabel(t, e.entityType)}
                        {e.entityId && <span className="muted small"> {e.entityId.slice(0, 8)}</span>}
                      </td>
                      <td className="small">
                        {Object.keys(e.details).length > 0 ? detailsText(e.details) : t('audit.noDetails')}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
            <Pagination total={p.total} limit={p.limit} offset={p.offset} onOffset={setOffset} />
          </>
        )}
      </QueryView>
    </section>
  );
}
