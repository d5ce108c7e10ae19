import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../../app/forms.tsx';
import type { ConfidentialPage, OutboxEmail } from '../../app/types.ts';
import { formatDate, Pagination, QueryView } from '../../app/ui.tsx';
import { usePaged } from './usePaged.ts';

const statuses = ['queued', 'sent', 'failed', 'held'] as const;

/**
 * Every email the network sent or tried to send: what a helpless "I got no email" needs. The secret
 * part of links is not shown (`[…]`), and the mails of support circles only counted: circles are
 * not the administration's to see. Someone without email is helped in under Konten instead.
 */
export function OutboxSection() {
  const { t } = useTranslation();
  const [status, setStatus] = useState('');
  const { query, setOffset } = usePaged<OutboxEmail, ConfidentialPage<OutboxEmail>>('/admin/outbox', {
    status: status || undefined,
  });
  const confidential = query.data?.confidential ?? 0;
  return (
    <section aria-labelledby="admin-outbox">
      <h2 id="admin-outbox">{t('admin.outbox.title')}</h2>
      <p>{t('admin.outbox.text')}</p>
      <div className="filters">
        <SelectField
          label={t('admin.outbox.status')}
          name="status"
          value={status}
          onChange={(e) => setStatus(e.target.value)}
          options={[
            { value: '', label: t('admin.outbox.all') },
            ...statuses.map((s) => ({ value: s, label: t(`admin.outbox.statuses.${s}`) })),
          ]}
        />
      </div>
      {confidential > 0 && (
        <p className="notice">{t('admin.outbox.confidential', { count: confidential })}</p>
      )}
      <QueryView query={query} isEmpty={(p) => p.items.length === 0} empty={t('admin.outbox.none')}>
        {(p) => (
          <>
            <ul className="card-list">
              {p.items.map((m) => (
                <li key={m.id} className="card">
                  <h3>{m.subject}</h3>
                  <p className="meta">
                    {t('admin.outbox.to', { to: m.to })} ·{' '}
                    <span className="pill">
                      {t(`admin.outbox.statuses.${m.status}`, { defaultValue: m.status })}
                    </span>{' '}
                    · {formatDate(m.createdAt, true)}
                    {m.attempts > 0 && ` · ${t('admin.outbox.attempts', { count: m.attempts })}`}
                  </p>
                  {m.lastError && (
                    <p className="field-error">
                      {t('admin.outbox.lastError')}: {m.lastError}
                    </p>
                  )}
                  <details>
                    <summary>{t('admin.outbox.showBody')}</summary>
                    <pre className="mail-body">{m.body}</pre>
                  </details>
                </li>
              ))}
            </ul>
            <Pagination total={p.total} limit={p.limit} offset={p.offset} onOffset={setOffset} />
          </>
        )}
      </QueryView>
    </section>
  );
}
