import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../app/api.ts';
import { formatSlot } from '../../app/localTime.ts';
import { ConfirmButton } from '../../app/ui.tsx';
import { sharingKeys } from './queries.ts';
import type { Booking, BookingStatus } from './types.ts';

const statusTone: Record<BookingStatus, string> = {
  requested: 'wait',
  approved: 'good',
  handed_over: 'good',
  returned: 'good',
  declined: 'bad',
  cancelled: 'bad',
};

export function BookingStatusPill({ status }: { status: BookingStatus }) {
  const { t } = useTranslation();
  return <span className={`status-pill ${statusTone[status]}`}>{t(`sharing.booking.status.${status}`)}</span>;
}

/**
 * One booking with the steps the viewer may take: the owner side approves or declines (with a
 * message), hands over and takes back (with a note on the condition); either side cancels (confirmed).
 * Its title is a level-3 heading in a list under a section's heading; alone under the page's
 * heading (the booking's own page) it is level 2, so no level is skipped.
 */
export function BookingCard({
  b,
  showRequester = false,
  headingLevel = 3,
}: {
  b: Booking;
  showRequester?: boolean;
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [note, setNote] = useState('');
  const noteId = useId();
  const a = b.abilities;
  const step = useMutation({
    mutationFn: (path: string) =>
      api<Booking>(`/bookings/${b.id}/${path}`, { method: 'POST', body: note ? { note } : {} }),
    onSuccess: async () => {
      setNote('');
      await qc.invalidateQueries({ queryKey: sharingKeys.bookings() });
      await qc.invalidateQueries({ queryKey: sharingKeys.booking(b.id) });
    },
    meta: { done: (_r, path) => t(`sharing.done.booking.${String(path)}`) },
  });
  const conditionStep = a.handOver || a.return;
  const decisionStep = a.approve || a.decline;
  const titleId = `${noteId}-title`;
  return (
    <li className="card booking-card" aria-labelledby={titleId}>
      <Heading id={titleId}>
        <Link to={`/teilen/buchungen/${b.id}`}>{b.resource.title}</Link>
      </Heading>
      <p className="meta">
        {formatSlot(b.start, b.end)} · <BookingStatusPill status={b.status} />
        {b.seriesId && ` · ${t('sharing.booking.series')}`}
      </p>
      {showRequester && (
        <p className="meta">{t('sharing.booking.requestedBy', { name: b.requester.name })}</p>
      )}
      {b.note && <p className="prewrap">{b.note}</p>}
      {(b.decisionNote || b.handoverNote || b.returnNote) && (
        <dl className="facts">
          {b.decisionNote && (
            <>
              <dt>{t('sharing.booking.decisionNote')}</dt>
              <dd className="prewrap">{b.decisionNote}</dd>
            </>
          )}
          {b.handoverNote && (
            <>
              <dt>{t('sharing.booking.handoverNote')}</dt>
              <dd className="prewrap">{b.handoverNote}</dd>
            </>
          )}
          {b.returnNote && (
            <>
              <dt>{t('sharing.booking.returnNote')}</dt>
              <dd className="prewrap">{b.returnNote}</dd>
            </>
          )}
        </dl>
      )}
      {(decisionStep || conditionStep) && (
        <div className="field">
          <label htmlFor={noteId}>
            {conditionStep ? t('sharing.booking.conditionLabel') : t('sharing.booking.messageLabel')}
          </label>
          <textarea
            id={noteId}
            rows={2}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            maxLength={1000}
          />
        </div>
      )}
      {step.isError && (
        <p className="form-error" role="alert">
          <strong>{t('common.errorPrefix')}</strong> {step.error.message}
        </p>
      )}
      <div className="actions">
        {a.approve && (
          <button
            type="button"
            className="button primary"
            disabled={step.isPending}
            onClick={() => step.mutate('approve')}
          >
            {t('sharing.booking.approve')}
          </button>
        )}
        {a.decline && (
          <button
            type="button"
            className="button secondary"
            disabled={step.isPending}
            onClick={() => step.mutate('decline')}
          >
            {t('sharing.booking.decline')}
          </button>
        )}
        {a.handOver && (
          <button
            type="button"
            className="button primary"
            disabled={step.isPending}
            onClick={() => step.mutate('hand-over')}
          >
            {t('sharing.booking.handOver')}
          </button>
        )}
        {a.return && (
          <button
            type="button"
            className="button primary"
            disabled={step.isPending}
            onClick={() => step.mutate('return')}
          >
            {t('sharing.booking.return')}
          </button>
        )}
        {a.cancel && (
          <ConfirmButton
            label={t('sharing.booking.cancel')}
            title={t('sharing.booking.cancelTitle')}
            message={t('sharing.booking.cancelText', {
              resource: b.resource.title,
              slot: formatSlot(b.start, b.end),
            })}
            confirmLabel={t('sharing.booking.cancelConfirm')}
            done={t('sharing.done.booking.cancel')}
            onConfirm={async () => {
              await api(`/bookings/${b.id}/cancel`, { method: 'POST', body: {} });
              await qc.invalidateQueries({ queryKey: sharingKeys.bookings() });
              await qc.invalidateQueries({ queryKey: sharingKeys.booking(b.id) });
            }}
          />
        )}
      </div>
    </li>
  );
}
