import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../../app/api.ts';
import { FormError, useAction } from '../../app/forms.tsx';
import { formatDateTime, formatMinutes } from '../../app/localTime.ts';
import { ConfirmButton, PageHeading, QueryView } from '../../app/ui.tsx';
import { SharingNav } from '../sharing/index.ts';
import { accountName, transferMemo } from './lib.ts';
import { timebankKeys } from './queries.ts';
import type { Transfer } from './types.ts';

function TransferStatusText({ tr }: { tr: Transfer }) {
  const { t } = useTranslation();
  return (
    <span
      className={`status-pill ${tr.status === 'completed' ? 'good' : tr.status === 'requested' ? 'wait' : 'bad'}`}
    >
      {t(`sharing.transfer.status.${tr.status}`)}
    </span>
  );
}

/** /zeitbank/ueberweisungen/:id (the link in notifications). */
export function TransferPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const qc = useQueryClient();
  const transfer = useQuery({
    queryKey: timebankKeys.timebank('transfer', id),
    queryFn: () => api<Transfer>(`/timebank/transfers/${encodeURIComponent(id ?? '')}`),
  });
  const step = async (s: string) => {
    await api(`/timebank/transfers/${id}/${s}`, { method: 'POST' });
    await qc.invalidateQueries({ queryKey: timebankKeys.timebank() });
  };
  const action = useAction();
  const answer = (s: 'decline' | 'cancel') => action.run(() => step(s), null, t(`timebank.done.${s}`));
  return (
    <>
      <PageHeading title={t('sharing.transfer.title')} />
      <SharingNav />
      <QueryView query={transfer}>
        {(tr) => (
          <section className="card" aria-label={t('sharing.transfer.title')}>
            <dl className="facts">
              <dt>{t('sharing.transfer.payer')}</dt>
              <dd>{accountName(t, tr.payer)}</dd>
              <dt>{t('sharing.transfer.payee')}</dt>
              <dd>{accountName(t, tr.payee)}</dd>
              <dt>{t('sharing.transfer.amount')}</dt>
              <dd>{formatMinutes(t, tr.minutes)}</dd>
              <dt>{t('timebank.memo')}</dt>
              <dd>{transferMemo(t, tr.memo, tr.source?.type) || '–'}</dd>
              <dt>{t('sharing.transfer.statusLabel')}</dt>
              <dd>
                <TransferStatusText tr={tr} />
              </dd>
              <dt>{t('sharing.transfer.created')}</dt>
              <dd>{formatDateTime(tr.createdAt)}</dd>
            </dl>
            <FormError error={action.error} />
            <div className="actions">
              {tr.abilities.confirm && (
                <ConfirmButton
                  className="button primary"
                  label={t('timebank.confirm', { amount: formatMinutes(t, tr.minutes) })}
                  title={t('sharing.transfer.confirmTitle')}
                  message={t('sharing.transfer.confirmText', {
                    amount: formatMinutes(t, tr.minutes),
                    name: accountName(t, tr.payee),
                  })}
                  confirmLabel={t('timebank.confirm', { amount: formatMinutes(t, tr.minutes) })}
                  onConfirm={() => step('confirm')}
                  done={t('timebank.done.confirm')}
                />
              )}
              {tr.abilities.decline && (
                <button type="button" className="button secondary" onClick={() => void answer('decline')}>
                  {t('timebank.decline')}
                </button>
              )}
              {tr.abilities.cancel && (
                <button type="button" className="button secondary" onClick={() => void answer('cancel')}>
                  {t('timebank.withdraw')}
                </button>
              )}
            </div>
          </section>
        )}
      </QueryView>
    </>
  );
}
