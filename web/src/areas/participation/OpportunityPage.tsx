import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { announce, originOf } from '../../app/announce.tsx';
import { api, apiUrl, errorMessage } from '../../app/api.ts';
import { FormError, SubmitButton, TextAreaField, TextField, useAction } from '../../app/forms.tsx';
import { formatMinutes, formatSlot, localDate, zonedInstant } from '../../app/localTime.ts';
import { useSession } from '../../app/session.tsx';
import { ConfirmButton, PageHeading, QueryView, Tags } from '../../app/ui.tsx';
import { Subscribe } from '../../features/data/Subscribe.tsx';
import { useDistricts } from '../../features/profile/ProfilePage.tsx';
import { CommittedTo } from '../codesign/index.ts';
import {
  districtName,
  LevelBadge,
  languageName,
  ParticipationNav,
  SignupStatusPill,
  useOpportunity,
} from './common.tsx';
import { PartnersCard } from './PartnerParts.tsx';
import { participationKeys } from './queries.ts';
import type { Opportunity, Shift, SignupResult } from './types.ts';

/** A volunteer may check in from an hour before the start until the end (the server's rule too). */
const checkInOpensMs = 60 * 60_000;

function Details({ o }: { o: Opportunity }) {
  const { t } = useTranslation();
  const districts = useDistricts();
  const district = districtName(districts.data, o.districtId);
  return (
    <section aria-labelledby="details-title" className="card">
      <h2 id="details-title">{t('participation.opportunity.details')}</h2>
      {o.description && <p className="prewrap">{o.description}</p>}
      <dl className="facts">
        <dt>{t('participation.opportunity.runBy')}</dt>
        <dd>
          {o.organisations.map((x) => x.name).join(', ')}
          {o.organisations.length > 1 && ` (${t('participation.opportunity.joint')})`}
        </dd>
        <dt>{t('participation.opportunity.mode')}</dt>
        <dd>{t(`participation.mode.${o.mode}`)}</dd>
        {(o.place || district) && (
          <>
            <dt>{t('participation.opportunity.place')}</dt>
            <dd>{[o.place, district].filter(Boolean).join(', ')}</dd>
          </>
        )}
        {o.effortMinutes !== null && (
          <>
            <dt>{t('participation.opportunity.effortLabel')}</dt>
            <dd>{formatMinutes(t, o.effortMinutes)}</dd>
          </>
        )}
        {o.languages.length > 0 && (
          <>
            <dt>{t('participation.opportunity.languages')}</dt>
            <dd>{o.languages.map(languageName).join(', ')}</dd>
          </>
        )}
        {o.minAge !== null && (
          <>
            <dt>{t('participation.opportunity.minAge')}</dt>
            <dd>{t('participation.opportunity.years', { count: o.minAge })}</dd>
          </>
        )}
        <dt>{t('participation.opportunity.policeClearance')}</dt>
        <dd>
          {o.needsPoliceClearance
            ? t('participation.opportunity.policeClearanceYes')
            : t('participation.opportunity.policeClearanceNo')}
        </dd>
        {o.accessibility && (
          <>
            <dt>{t('participation.opportunity.accessibility')}</dt>
            <dd>{o.accessibility}</dd>
          </>
        )}
      </dl>
      <Tags items={o.skills} label={t('participation.opportunity.skills')} />
    </section>
  );
}

function Places({ s }: { s: Shift }) {
  const { t } = useTranslation();
  if (s.freePlaces > 0)
    return <>{t('participation.shift.free', { count: s.freePlaces, capacity: s.capacity })}</>;
  return (
    <>
      {t('participation.shift.full', { capacity: s.capacity })}
      {s.waitlisted > 0 && ` · ${t('participation.shift.waiting', { count: s.waitlisted })}`}
    </>
  );
}

/** One shift with what the person can do on it now: take a place, join the waitlist, check in, cancel. */
function ShiftItem({ o, s, onChanged }: { o: Opportunity; s: Shift; onChanged: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const location = useLocation();
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const now = Date.now();
  const start = new Date(s.startsAt).getTime();
  const end = new Date(s.endsAt).getTime();
  const over = end <= now;
  const mine = s.mySignup;

  async function act(fn: () => Promise<string>) {
    const origin = originOf();
    setPending(true);
    setError(null);
    try {
      const text = await fn();
      await onChanged();
      announce(text, origin);
    } catch (err) {
      setError(err);
    } finally {
      setPending(false);
    }
  }

  const signUp = () =>
    act(async () => {
      const r = await api<SignupResult>(`/shifts/${s.id}/signup`, { method: 'POST' });
      return r.status === 'signed_up'
        ? t('participation.shift.signedUp')
        : t('participation.shift.waitlistedAt', { position: r.waitlistPosition ?? 1 });
    });
  const checkIn = () =>
    act(async () => {
      await api(`/shifts/${s.id}/check-in`, { method: 'POST' });
      return t('participation.shift.checkedIn');
    });

  let actions: ReactNode = null;
  if (!session.account) {
    actions = !over && o.status === 'published' && (
      <Link className="button secondary" to={`/anmelden?weiter=${encodeURIComponent(location.pathname)}`}>
        {t('participation.shift.signInFirst')}
      </Link>
    );
  } else if (!mine) {
    if (!over && o.status === 'published') {
      if (s.freePlaces > 0)
        actions = (
          <button type="button" className="button primary" disabled={pending} onClick={() => void signUp()}>
            {t('participation.shift.take')}
          </button>
        );
      else if (s.waitlistEnabled)
        actions = (
          <button type="button" className="button secondary" disabled={pending} onClick={() => void signUp()}>
            {t('participation.shift.joinWaitlist')}
          </button>
        );
    }
  } else if (mine.status === 'signed_up' || mine.status === 'waitlisted') {
    const canCheckIn = mine.status === 'signed_up' && now >= start - checkInOpensMs && now <= end;
    actions = (
      <>
        {canCheckIn && (
          <button type="button" className="button primary" disabled={pending} onClick={() => void checkIn()}>
            {t('participation.shift.checkIn')}
          </button>
        )}
        {!over && (
          <ConfirmButton
            className="button secondary"
            label={
              mine.status === 'waitlisted'
                ? t('participation.shift.leaveWaitlist')
                : t('participation.shift.withdraw')
            }
            title={t('participation.shift.withdrawTitle')}
            message={t('participation.shift.withdrawText', { when: formatSlot(s.startsAt, s.endsAt) })}
            confirmLabel={t('participation.shift.withdrawConfirm')}
            onConfirm={async () => {
              await api(`/shifts/${s.id}/withdraw`, { method: 'POST' });
              await onChanged();
            }}
            done={t('participation.shift.withdrawn')}
          />
        )}
      </>
    );
  } else if (mine.status === 'checked_in') {
    actions = <Link to="/mitmachen/stunden">{t('participation.shift.toHours')}</Link>;
  }

  return (
    <li className="card shift-card">
      <h3>{formatSlot(s.startsAt, s.endsAt)}</h3>
      <p className="meta">
        <Places s={s} />
        {mine && mine.status !== 'withdrawn' && (
          <>
            {' · '}
            <SignupStatusPill status={mine.status} position={mine.waitlistPosition} />
          </>
        )}
      </p>
      {s.note && <p>{s.note}</p>}
      {mine?.status === 'signed_up' && !over && now < start - checkInOpensMs && (
        <p className="hint">{t('participation.shift.checkInLater')}</p>
      )}
      <div className="actions">
        {actions}
        {o.abilities.manageShifts && (
          <Link className="button secondary" to={`/mitmachen/schichten/${s.id}`}>
            {t('participation.shift.roster')}
          </Link>
        )}
      </div>
      {error !== null && (
        <p className="form-error" role="alert">
          <strong>{t('common.errorPrefix')}</strong> {errorMessage(error)}
        </p>
      )}
    </li>
  );
}

/** Coordinators add a shift: day, times (the network's local time), places, waitlist and a note. */
function AddShiftForm({ o, onAdded }: { o: Opportunity; onAdded: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const form = useRef<HTMLFormElement>(null);
  const action = useAction({ done: t('participation.shift.added') });
  const [day, setDay] = useState(localDate(new Date(), 1));
  const [from, setFrom] = useState('10:00');
  const [to, setTo] = useState(o.level === 'mini' ? '10:30' : '12:00');
  const [capacity, setCapacity] = useState('4');
  const [waitlist, setWaitlist] = useState(true);
  const [note, setNote] = useState('');

  function submit(e: FormEvent) {
    e.preventDefault();
    void action.run(async () => {
      const startsAt = zonedInstant(day, from);
      let endsAt = zonedInstant(day, to);
      // a shift that ends after midnight ends the next day
      if (endsAt <= startsAt) endsAt = new Date(endsAt.getTime() + 24 * 3600_000);
      await api(`/opportunities/${o.id}/shifts`, {
        method: 'POST',
        body: {
          startsAt: startsAt.toISOString(),
          endsAt: endsAt.toISOString(),
          capacity: Number(capacity),
          waitlistEnabled: waitlist,
          note: note.trim(),
        },
      });
      await onAdded();
      setNote('');
    }, form.current);
  }

  return (
    <form ref={form} className="card" onSubmit={submit} aria-labelledby="add-shift-title" noValidate>
      <h2 id="add-shift-title">{t('participation.shift.addTitle')}</h2>
      {o.level === 'mini' && <p className="hint">{t('participation.shift.miniHint')}</p>}
      <FormError error={action.error} fields={['startsAt', 'endsAt', 'capacity', 'note']} />
      <div className="field-row">
        <TextField
          label={t('participation.shift.day')}
          name="day"
          type="date"
          required
          value={day}
          onChange={(e) => setDay(e.target.value)}
        />
        <TextField
          label={t('participation.shift.from')}
          name="from"
          type="time"
          required
          value={from}
          onChange={(e) => setFrom(e.target.value)}
          error={action.error}
          serverField="startsAt"
        />
        <TextField
          label={t('participation.shift.to')}
          name="to"
          type="time"
          required
          value={to}
          onChange={(e) => setTo(e.target.value)}
          error={action.error}
          serverField="endsAt"
        />
        <TextField
          label={t('participation.shift.capacity')}
          name="capacity"
          type="number"
          min={1}
          max={1000}
          required
          value={capacity}
          onChange={(e) => setCapacity(e.target.value)}
          error={action.error}
        />
      </div>
      <div className="field checkbox">
        <label>
          <input type="checkbox" checked={waitlist} onChange={(e) => setWaitlist(e.target.checked)} />{' '}
          {t('participation.shift.waitlist')}
        </label>
      </div>
      <TextAreaField
        label={t('participation.shift.note')}
        name="note"
        rows={2}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        error={action.error}
      />
      <SubmitButton pending={action.pending}>{t('participation.shift.add')}</SubmitButton>
    </form>
  );
}

/** Publish a draft, close a published opportunity (with confirmation), or open a closed one again. */
function StatusActions({ o, onChanged }: { o: Opportunity; onChanged: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const setStatus = async (status: Opportunity['status']) => {
    await api(`/opportunities/${o.id}`, { method: 'PATCH', body: { status } });
    await onChanged();
  };
  const action = useAction();
  return (
    <div className="actions">
      {o.abilities.update && (
        <Link className="button secondary" to={`/mitmachen/${o.id}/bearbeiten`}>
          {t('participation.opportunity.edit')}
        </Link>
      )}
      {o.abilities.update && o.status !== 'published' && (
        <button
          type="button"
          className="button primary"
          disabled={action.pending}
          onClick={() =>
            void action.run(() => setStatus('published'), null, t('participation.done.published'))
          }
        >
          {o.status === 'draft'
            ? t('participation.opportunity.publish')
            : t('participation.opportunity.reopen')}
        </button>
      )}
      {o.abilities.close && o.status === 'published' && (
        <ConfirmButton
          label={t('participation.opportunity.close')}
          title={t('participation.opportunity.closeTitle')}
          message={t('participation.opportunity.closeText')}
          confirmLabel={t('participation.opportunity.closeConfirm')}
          onConfirm={() => setStatus('closed')}
          done={t('participation.done.closed')}
        />
      )}
      <FormError error={action.error} />
    </div>
  );
}

/** /mitmachen/:id — an opportunity, its shifts and what the person can do on each. */
export default function OpportunityPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const qc = useQueryClient();
  const opportunity = useOpportunity(id);
  const [past, setPast] = useState(false);
  const shifts = useQuery({
    queryKey: participationKeys.opportunity(id, 'shifts', past),
    queryFn: () =>
      api<{ items: Shift[] }>(`/opportunities/${id}/shifts`, { query: { past: past || undefined } }),
    enabled: Boolean(id),
  });
  const refresh = () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: participationKeys.opportunity(id) }),
      qc.invalidateQueries({ queryKey: participationKeys.opportunities() }),
      qc.invalidateQueries({ queryKey: participationKeys.shifts() }),
    ]);

  return (
    <QueryView query={opportunity}>
      {(o) => (
        <>
          <PageHeading title={o.title}>
            <p className="meta">
              <LevelBadge level={o.level} />
              {o.status !== 'published' && (
                <>
                  {' '}
                  <span className="status-pill wait">{t(`participation.status.${o.status}`)}</span>
                </>
              )}
            </p>
          </PageHeading>
          <ParticipationNav />
          {(o.abilities.update || o.abilities.close) && <StatusActions o={o} onChanged={refresh} />}
          <PartnersCard o={o} />
          <CommittedTo type="opportunity" id={o.id} />
          {o.status === 'closed' && <p className="notice">{t('participation.opportunity.closedNotice')}</p>}
          <div className="columns">
            <section aria-labelledby="shifts-title">
              <h2 id="shifts-title">{t('participation.shift.title')}</h2>
              {o.abilities.manageShifts && (
                <div className="field checkbox">
                  <label>
                    <input type="checkbox" checked={past} onChange={(e) => setPast(e.target.checked)} />{' '}
                    {t('participation.shift.showPast')}
                  </label>
                </div>
              )}
              <QueryView
                query={shifts}
                isEmpty={(d) => d.items.length === 0}
                empty={t('participation.shift.none')}
              >
                {(d) => (
                  <ul className="card-list">
                    {d.items.map((s) => (
                      <ShiftItem key={s.id} o={o} s={s} onChanged={refresh} />
                    ))}
                  </ul>
                )}
              </QueryView>
              {o.status === 'published' && (
                <Subscribe links={[{ format: 'ics', href: apiUrl(`/opportunities/${o.id}/shifts.ics`) }]} />
              )}
            </section>
            <Details o={o} />
          </div>
          {o.abilities.manageShifts && o.status !== 'closed' && <AddShiftForm o={o} onAdded={refresh} />}
        </>
      )}
    </QueryView>
  );
}
