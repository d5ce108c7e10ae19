import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../app/api.ts';
import { TextAreaField } from '../../app/forms.tsx';
import type { Flag } from '../../app/types.ts';
import { ConfirmButton, formatDate, Pagination, QueryView } from '../../app/ui.tsx';
import { usePaged } from './usePaged.ts';

function FlagItem({ flag }: { flag: Flag }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [reason, setReason] = useState('');
  const refresh = () => qc.invalidateQueries({ queryKey: ['admin', '/admin/flags'] });
  return (
    <li className="card">
      <h3>{flag.title || t('admin.flags.untitled')}</h3>
      <p className="meta">
        {t(`search.types.${flag.entityType}`, { defaultValue: flag.entityType })} ·{' '}
        {t('admin.flags.reasonIs', {
          reason: t(`flag.reasons.${flag.reason}`, { defaultValue: flag.reason }),
        })}
      </p>
      <p className="meta">
        {t('admin.flags.by', { name: flag.reporterName ?? '–', date: formatDate(flag.createdAt, true) })}
      </p>
      {flag.note && <p className="prewrap">{flag.note}</p>}
      {flag.link && (
        <p>
          {/* what arrived from elsewhere (ActivityPub) is seen at its original, on another server */}
          {/^https?:\/\//.test(flag.link) ? (
            <a href={flag.link} rel="noopener nofollow ugc">
              {flag.title ? t('admin.flags.openNamed', { title: flag.title }) : t('admin.flags.open')}
              <span aria-hidden="true"> ↗</span>
            </a>
          ) : (
            <Link to={flag.link}>
              {flag.title ? t('admin.flags.openNamed', { title: flag.title }) : t('admin.flags.open')}
            </Link>
          )}
        </p>
      )}
      <div className="actions">
        <ConfirmButton
          label={t('admin.flags.hide')}
          title={t('admin.flags.hideTitle')}
          message={<p>{t('admin.flags.hideText')}</p>}
          confirmLabel={t('admin.flags.hide')}
          done={t('admin.done.flagHidden')}
          onConfirm={async () => {
            await api(`/admin/flags/${flag.id}/hide`, { method: 'POST', body: { reason: reason.trim() } });
            await refresh();
          }}
        >
          <TextAreaField
            label={t('admin.flags.reason')}
            name="reason"
            required
            rows={2}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </ConfirmButton>
        <ConfirmButton
          className="button secondary"
          label={t('admin.flags.dismiss')}
          title={t('admin.flags.dismissTitle')}
          message={<p>{t('admin.flags.dismissText')}</p>}
          confirmLabel={t('admin.flags.dismiss')}
          done={t('admin.done.flagDismissed')}
          onConfirm={async () => {
            await api(`/admin/flags/${flag.id}/dismiss`, { method: 'POST' });
            await refresh();
          }}
        />
      </div>
    </li>
  );
}

/** Open reports from people in the network, to hide the content or dismiss the report. */
export function ModerationSection() {
  const { t } = useTranslation();
  const { query, setOffset } = usePaged<Flag>('/admin/flags', { status: 'open' });
  return (
    <section aria-labelledby="admin-flags">
      <h2 id="admin-flags">{t('admin.flags.title')}</h2>
      <QueryView query={query} isEmpty={(p) => p.items.length === 0} empty={t('admin.flags.none')}>
        {(p) => (
          <>
            <ul className="card-list">
              {p.items.map((f) => (
                <FlagItem key={f.id} flag={f} />
              ))}
            </ul>
            <Pagination total={p.total} limit={p.limit} offset={p.offset} onOffset={setOffset} />
          </>
        )}
      </QueryView>
    </section>
  );
}
