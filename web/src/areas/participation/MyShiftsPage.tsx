import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { announce, originOf } from '../../app/announce.tsx';
import { api, errorMessage } from '../../app/api.ts';
import { formatSlot } from '../../app/localTime.ts';
import { ConfirmButton, PageHeading, QueryView } from '../../app/ui.tsx';
import { LevelBadge, ParticipationNav, SignupStatusPill } from './common.tsx';
import { participationKeys } from './queries.ts';
import type { MySignup } from './types.ts';

const checkInOpensMs = 60 * 60_000;

function MySignupItem({ s, onChanged }: { s: MySignup; onChanged: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const now = Date.now();
  const start = new Date(s.startsAt).getTime();
  const end = new Date(s.endsAt).getTime();
  const canCheckIn = s.status === 'signed_up' && now >= start - checkInOpensMs && now <= end;

  async function checkIn() {
    const origin = originOf();
    setPending(true);
    setError(null);
    try {
      await api(`/shifts/${s.shiftId}/check-in`, { method: 'POST' });
      await onChanged();
      announce(t('participation.shift.checkedIn'), origin);
    } catch (err) {
      setError(err);
    } finally {
      setPending(false);
    }
  }

  return (
    <li className="card shift-card">
      <p className="meta">
        <LevelBadge level={s.opportunity.level} /> <SignupStatusPill status={s.status} />
      </p>
      <h3>
        <Link to={`/mitmachen/${s.opportunity.id}`}>{s.opportunity.title}</Link>
      </h3>
      <p className="meta">{formatSlot(s.startsAt, s.endsAt)}</p>
      <div className="actions">
        {canCheckIn && (
          <button type="button" className="button primary" disabled={pending} onClick={() => void checkIn()}>
            {t('participation.shift.checkIn')}
          </button>
        )}
        {(s.status === 'signed_up' || s.status === 'waitlisted') && end > now && (
          <ConfirmButton
            className="button secondary"
            label={
              s.status === 'waitlisted'
                ? t('participation.shift.leaveWaitlist')
                : t('participation.shift.withdraw')
            }
            title={t('participation.shift.withdrawTitle')}
            message={t('participation.shift.withdrawText', { when: formatSlot(s.startsAt, s.endsAt) })}
            confirmLabel={t('participation.shift.withdrawConfirm')}
            onConfirm={async () => {
              await api(`/shifts/${s.shiftId}/withdraw`, { method: 'POST' });
              await onChanged();
            }}
            done={t('participation.shift.withdrawn')}
          />
        )}
        {s.status === 'checked_in' && <Link to="/mitmachen/stunden">{t('participation.shift.toHours')}</Link>}
      </div>
      {s.status === 'signed_up' && now < start - checkInOpensMs && (
        <p className="hint">{t('participation.shift.checkInLater')}</p>
      )}
      {error !== null && (
        <p className="form-error" role="alert">
          <strong>{t('common.errorPrefix')}</strong> {errorMessage(error)}
        </p>
      )}
    </li>
  );
}

/** /mitmachen/meine — my shifts (upcoming, or all), with check-in and cancelling. */
export function MyShiftsPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [past, setPast] = useState(false);
  const mine = useQuery({
    queryKey: participationKeys.shifts('mine', past),
    queryFn: () => api<{ items: MySignup[] }>('/shifts/mine', { query: { past: past || undefined } }),
  });
  const refresh = () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: participationKeys.shifts() }),
      qc.invalidateQueries({ queryKey: participationKeys.opportunity() }),
      qc.invalidateQueries({ queryKey: participationKeys.hours() }),
    ]);
  return (
    <>
      <PageHeading title={t('participation.mine.title')}>
        <p className="lead">{t('participation.mine.lead')}</p>
      </PageHeading>
      <ParticipationNav />
      <div className="field checkbox">
        <label>
          <input type="checkbox" checked={past} onChange={(e) => setPast(e.target.checked)} />{' '}
          {t('participation.mine.showPast')}
        </label>
      </div>
      <QueryView
        query={mine}
        isEmpty={(d) => d.items.length === 0}
        empty={
          <>
            {t('participation.mine.none')} <Link to="/mitmachen">{t('participation.mine.find')}</Link>
          </>
        }
      >
        {(d) => (
          <ul className="card-list">
            {d.items.map((s) => (
              <MySignupItem key={s.signupId} s={s} onChanged={refresh} />
            ))}
          </ul>
        )}
      </QueryView>
    </>
  );
}
