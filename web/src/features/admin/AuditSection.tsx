import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../app/forms.tsx';
import type { AuditEntry, ConfidentialPage } from '../../app/types.ts';
import { formatDate, Pagination, QueryView, ScrollRegion } from '../../app/ui.tsx';
import { usePaged } from './usePaged.ts';

/** Who did what, when: read-only. Entries about support circles are their owners' (counted only). */
export function AuditSection() {
  const { t } = useTranslation();
  const [action, setAction] = useState('');
  const [entityType, setEntityType] = useState('');
  const [filters, setFilters] = useState<{ action?: string; entityType?: string }>({});
  const { query, setOffset } = usePaged<AuditEntry, ConfidentialPage<AuditEntry>>(
    '/admin/audit',
    filters,
    25,
  );
  const confidential = query.data?.confidential ?? 0;
  function submit(e: FormEvent) {
    e.preventDefault();
    setFilters({ action: action.trim() || undefined, entityType: entityType.trim() || undefined });
  }
  return (
    <section aria-labelledby="admin-audit">
      <h2 id="admin-audit">{t('admin.audit.title')}</h2>
      <form className="filters" onSubmit={submit}>
        <TextField
          label={t('admin.audit.action')}
          name="action"
          hint={t('admin.audit.actionHint')}
          value={action}
          onChange={(e) => setAction(e.target.value)}
        />
        <TextField
          label={t('admin.audit.entityType')}
          name="entityType"
          value={entityType}
          onChange={(e) => setEntityType(e.target.value)}
        />
        <button type="submit" className="button primary">
          {t('admin.audit.filter')}
        </button>
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
                      <td>
                        <code>{e.action}</code>
                      </td>
                      <td>
                        {e.entityType}
                        {e.entityId && <span className="muted small"> {e.entityId.slice(0, 8)}</span>}
                      </td>
                      <td>
                        {e.details && typeof e.details === 'object' && Object.keys(e.details).length > 0 ? (
                          <code className="small">{JSON.stringify(e.details)}</code>
                        ) : (
                          '–'
                        )}
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
