import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { announce } from '../../app/announce.tsx';
import { api, errorMessage } from '../../app/api.ts';
import {
  FormError,
  SelectField,
  SubmitButton,
  TextAreaField,
  TextField,
  useAction,
} from '../../app/forms.tsx';
import { formatEuro, formatSlot, localDate, localParts, zonedInstant } from '../../app/localTime.ts';
import { useSession } from '../../app/session.tsx';
import { PageHeading, QueryView } from '../../app/ui.tsx';
import { useDistricts } from '../../features/profile/ProfilePage.tsx';
import { BookingStatusPill } from './BookingCard.tsx';
import { FeedLink } from './FeedLink.tsx';
import { districtName, useResource, weekdays } from './lib.ts';
import { sharingKeys } from './queries.ts';
import { kindAsks, kindWording } from './ResourceForms.tsx';
import { SharingNav } from './SharingNav.tsx';
import type { Availability, BookingCreated, FreeSlot, Resource } from './types.ts';

function useAvailability(id: string) {
  return useQuery({
    queryKey: sharingKeys.resource(id, 'availability'),
    queryFn: () => api<Availability>(`/resources/${id}/availability`),
  });
}

function AvailabilitySection({ r }: { r: Resource }) {
  const { t } = useTranslation();
  const availability = useAvailability(r.id);
  const now = new Date();
  const from = now.toISOString();
  const to = new Date(now.getTime() + 14 * 24 * 3600 * 1000).toISOString();
  const busy = useQuery({
    queryKey: sharingKeys.resource(r.id, 'busy', localDate(now)),
    queryFn: () =>
      api<{ items: { start: string; end: string }[] }>(`/resources/${r.id}/busy`, { query: { from, to } }),
  });
  return (
    <section className="card" aria-labelledby="availability-title">
      <h2 id="availability-title">{t('sharing.resource.availability')}</h2>
      <QueryView query={availability}>
        {(a) => (
          <>
            {a.rules.length === 0 ? (
              <p>{t('sharing.resource.alwaysAvailable')}</p>
            ) : (
              <ul className="slot-list">
                {weekdays
                  .filter((d) => a.rules.some((x) => x.weekday === d))
                  .map((d) => (
                    <li key={d}>
                      <strong>{t(`sharing.weekday.${d}`)}:</strong>{' '}
                      {a.rules
                        .filter((x) => x.weekday === d)
                        .map((x) => t('sharing.resource.timeRange', { start: x.start, end: x.end }))
                        .join(', ')}
                    </li>
                  ))}
              </ul>
            )}
            <p className="hint">{t('sharing.resource.timeZone', { zone: a.timeZone })}</p>
            {a.blocked.length > 0 && (
              <>
                <h3>{t('sharing.resource.blocked')}</h3>
                <ul className="slot-list">
                  {a.blocked.map((b) => (
                    <li key={b.id}>
                      {formatSlot(b.start, b.end)}
                      {b.reason && ` – ${b.reason}`}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </>
        )}
      </QueryView>
      <h3>{t('sharing.resource.busy')}</h3>
      <QueryView query={busy} isEmpty={(b) => b.items.length === 0} empty={t('sharing.resource.notBusy')}>
        {(b) => (
          <ul className="slot-list">
            {b.items.map((s) => (
              <li key={s.start}>{formatSlot(s.start, s.end)}</li>
            ))}
          </ul>
        )}
      </QueryView>
    </section>
  );
}

/** What a booking request did: how many dates were requested or booked, how many were not possible. */
function bookedText(t: TFunction, r: BookingCreated): string {
  const approved = r.created.every((b) => b.status === 'approved');
  const parts = [];
  if (r.created.length > 0)
    parts.push(t(approved ? 'sharing.done.approved' : 'sharing.done.requested', { count: r.created.length }));
  if (r.refused.length > 0) parts.push(t('sharing.done.refused', { count: r.refused.length }));
  return parts.join(' ');
}

/** "HH:MM" of an instant in the network's zone; a slot that ends at midnight ends at 23:59 in the form. */
function clock(iso: string, end = false): string {
  const m = localParts(new Date(iso)).minutes;
  if (end && m === 0) return '23:59';
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/**
 * The booking request: a date, a start and an end time (the network's local time), an optional
 * weekly repetition. It opens with the first time that is actually free (GET …/free-slot: the
 * resource's rules, blocked periods and bookings), says when nothing is free in the next weeks, and
 * finds the next free time from another day or for another length on request. The answer lists the
 * created occurrences and the refused ones with the server's reason.
 */
function BookingForm({ r }: { r: Resource }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const qc = useQueryClient();
  const form = useRef<HTMLFormElement>(null);
  const action = useAction();
  const [result, setResult] = useState<BookingCreated | null>(null);
  const tomorrow = localDate(new Date(), 1);
  const [day, setDay] = useState(tomorrow);
  const [start, setStart] = useState('10:00');
  const [end, setEnd] = useState('12:00');
  // the suggestion fills the fields until the person changes them
  const touched = useRef(false);
  const [free, setFree] = useState<FreeSlot | null>(null);
  const [finding, setFinding] = useState(false);
  const suggestion = useQuery({
    queryKey: sharingKeys.resource(r.id, 'free-slot'),
    queryFn: () => api<FreeSlot>(`/resources/${r.id}/free-slot`),
    staleTime: 0,
  });
  function applySlot(f: FreeSlot) {
    setFree(f);
    if (!f.slot) return;
    setDay(localDate(new Date(f.slot.start)));
    setStart(clock(f.slot.start));
    setEnd(clock(f.slot.end, true));
  }
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new suggestion fills the fields
  useEffect(() => {
    if (suggestion.data && !touched.current) applySlot(suggestion.data);
  }, [suggestion.data]);
  const edit = (setter: (v: string) => void) => (e: { target: { value: string } }) => {
    touched.current = true;
    setter(e.target.value);
  };

  /** The next free time from the chosen day on, as long as the chosen times (two hours if unclear). */
  async function findFree() {
    setFinding(true);
    try {
      const length = (zonedInstant(day, end).getTime() - zonedInstant(day, start).getTime()) / 60_000;
      const from = zonedInstant(day || tomorrow, '00:00');
      const f = await api<FreeSlot>(`/resources/${r.id}/free-slot`, {
        query: {
          minutes: length >= 15 && length <= 1440 ? length : 120,
          from: (from.getTime() > Date.now() ? from : new Date()).toISOString(),
        },
      });
      applySlot(f);
      announce({
        text: f.slot
          ? t('sharing.book.suggested', { slot: formatSlot(f.slot.start, f.slot.end) })
          : t('sharing.book.nothingFree', { weeks: f.weeks }),
      });
    } catch (err) {
      announce({ text: errorMessage(err) });
    } finally {
      setFinding(false);
    }
  }
  const [note, setNote] = useState('');
  const [org, setOrg] = useState('');
  const [repeat, setRepeat] = useState(false);
  const [until, setUntil] = useState(localDate(new Date(), 29));
  const resultId = useId();
  const orgs = (session.account?.memberships ?? []).filter((m) => m.role === 'admin' || m.role === 'staff');

  async function submit(e: FormEvent) {
    e.preventDefault();
    setResult(null);
    let made: BookingCreated | null = null;
    const ok = await action.run(async () => {
      const startAt = zonedInstant(day, start);
      // an end at or before the start means the next day (a night or a multi-day loan is booked by date)
      const endAt = zonedInstant(day, end);
      const created = await api<BookingCreated>('/bookings', {
        method: 'POST',
        body: {
          resourceId: r.id,
          start: startAt.toISOString(),
          end: endAt.toISOString(),
          note: note.trim() || undefined,
          organisationId: org || undefined,
          repeatWeeklyUntil: repeat ? until : undefined,
        },
      });
      setResult(created);
      made = created;
      // the fields keep what was booked; the suggestion above them no longer fits
      touched.current = true;
      setFree(null);
      await qc.invalidateQueries({ queryKey: sharingKeys.bookings() });
      await qc.invalidateQueries({ queryKey: sharingKeys.resource(r.id, 'busy') });
      await qc.invalidateQueries({ queryKey: sharingKeys.resource(r.id, 'free-slot') });
    }, form.current);
    if (ok && made) announce({ text: bookedText(t, made), focus: resultId });
  }

  return (
    <section className="card" aria-labelledby="book-title">
      <h2 id="book-title">
        {r.kind === 'giveaway' ? t('sharing.book.titleGiveaway') : t('sharing.book.title')}
      </h2>
      <p className="hint">
        {r.autoApprove ? t('sharing.book.autoApprove') : t('sharing.book.needsApproval')}
        {r.bufferMinutes > 0 && ` ${t('sharing.book.buffer', { count: r.bufferMinutes })}`}
      </p>
      {free && (
        <p className={free.slot ? 'notice' : 'notice warning'}>
          {free.slot
            ? t('sharing.book.suggested', { slot: formatSlot(free.slot.start, free.slot.end) })
            : t('sharing.book.nothingFree', { weeks: free.weeks })}
        </p>
      )}
      <form ref={form} onSubmit={submit} noValidate>
        <FormError
          error={action.error}
          fields={['start', 'end', 'note', 'organisationId', 'repeatWeeklyUntil']}
        />
        <div className="field-row">
          <TextField
            label={t('sharing.book.day')}
            name="day"
            type="date"
            required
            min={localDate(new Date())}
            value={day}
            onChange={edit(setDay)}
            error={action.error}
            serverField="start"
          />
          <TextField
            label={t('sharing.book.start')}
            name="start"
            type="time"
            required
            value={start}
            onChange={edit(setStart)}
          />
          <TextField
            label={t('sharing.book.end')}
            name="end"
            type="time"
            required
            value={end}
            onChange={edit(setEnd)}
            error={action.error}
          />
        </div>
        <p className="actions">
          <button
            type="button"
            className="button secondary"
            onClick={() => void findFree()}
            disabled={finding}
          >
            {t('sharing.book.findFree')}
          </button>
        </p>
        {orgs.length > 0 && (
          <SelectField
            label={t('sharing.book.forOrganisation')}
            name="organisationId"
            value={org}
            onChange={(e) => setOrg(e.target.value)}
            error={action.error}
            options={[
              { value: '', label: t('sharing.book.forMyself') },
              ...orgs.map((m) => ({ value: m.organisationId, label: m.name })),
            ]}
          />
        )}
        <TextAreaField
          label={t('sharing.book.note')}
          name="note"
          rows={2}
          maxLength={1000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          error={action.error}
          hint={t('sharing.book.noteHint')}
        />
        {r.kind !== 'giveaway' && (
          <>
            <label className="check">
              <input type="checkbox" checked={repeat} onChange={(e) => setRepeat(e.target.checked)} />
              {t('sharing.book.repeat')}
            </label>
            {repeat && (
              <TextField
                label={t('sharing.book.until')}
                name="repeatWeeklyUntil"
                type="date"
                value={until}
                min={day}
                onChange={(e) => setUntil(e.target.value)}
                error={action.error}
              />
            )}
          </>
        )}
        <SubmitButton pending={action.pending}>{t('sharing.book.submit')}</SubmitButton>
      </form>
      {result && (
        <div id={resultId} tabIndex={-1} className="stack">
          <h3>{t('sharing.book.createdTitle', { count: result.created.length })}</h3>
          {result.created.length > 0 && (
            <ul className="result-list">
              {result.created.map((b) => (
                <li key={b.id}>
                  <Link to={`/teilen/buchungen/${b.id}`}>{formatSlot(b.start, b.end)}</Link>{' '}
                  <BookingStatusPill status={b.status} />
                </li>
              ))}
            </ul>
          )}
          {result.refused.length > 0 && (
            <>
              <h3>{t('sharing.book.refusedTitle', { count: result.refused.length })}</h3>
              <ul className="result-list">
                {result.refused.map((o) => (
                  <li key={o.start}>
                    <strong>{formatSlot(o.start, o.end)}:</strong> {o.message}
                  </li>
                ))}
              </ul>
            </>
          )}
          <p>
            <Link to="/teilen/buchungen">{t('sharing.book.toMyBookings')}</Link>
          </p>
        </div>
      )}
    </section>
  );
}

function Details({ r }: { r: Resource }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const location = useLocation();
  const districts = useDistricts();
  const district = districtName(districts.data, r.districtId);
  const c = r.conditions;
  const ownerLink =
    r.owner.type === 'organisation' ? `/organisationen/${r.owner.id}` : `/personen/${r.owner.id}`;
  return (
    <>
      <PageHeading title={r.title}>
        <p className="meta">
          {t(`sharing.kind.${r.kind}`)} · <Link to={ownerLink}>{r.owner.name}</Link>
          {district && ` · ${district}`}
        </p>
      </PageHeading>
      <SharingNav />
      {!r.active && <p className="notice">{t('sharing.resource.inactiveNotice')}</p>}
      {r.abilities.update && (
        <p className="actions">
          <Link className="button primary" to={`/teilen/ressourcen/${r.id}/bearbeiten`}>
            {t('sharing.resource.edit')}
          </Link>
          <Link className="button secondary" to="/teilen/anfragen">
            {t('sharing.nav.requests')}
          </Link>
        </p>
      )}
      {r.photos && r.photos.length > 0 && (
        <ul className="photos" aria-label={t('sharing.resource.photos')}>
          {r.photos.map((p) => (
            <li key={p.id}>
              <figure>
                <a href={p.url}>
                  <img src={p.thumbUrl} alt={p.alt} width={p.width} height={p.height} loading="lazy" />
                </a>
              </figure>
            </li>
          ))}
        </ul>
      )}
      <div className="columns">
        <section className="card" aria-labelledby="about-title">
          <h2 id="about-title">{t('sharing.resource.about')}</h2>
          {r.description ? <p className="prewrap">{r.description}</p> : <p className="muted">–</p>}
          <dl className="facts">
            <dt>{t(`sharing.edit.who.${kindWording(r.kind)}`)}</dt>
            <dd>{t(`sharing.resource.who.${c.whoMayBorrow}`)}</dd>
            <dt>{t('sharing.resource.fee')}</dt>
            <dd>
              {c.free ? t('sharing.resource.free') : formatEuro(c.feeCents)}
              {c.feeNote && ` – ${c.feeNote}`}
            </dd>
            {kindAsks(r.kind).lending && c.depositCents > 0 && (
              <>
                <dt>{t('sharing.resource.depositLabel')}</dt>
                <dd>{formatEuro(c.depositCents)}</dd>
              </>
            )}
            {r.capacity !== null && (
              <>
                <dt>{t('sharing.resource.capacityLabel')}</dt>
                <dd>{t('sharing.resource.capacity', { count: r.capacity })}</dd>
              </>
            )}
            {c.rules && (
              <>
                <dt>{t(`sharing.edit.rulesLabel.${kindWording(r.kind)}`)}</dt>
                <dd className="prewrap">{c.rules}</dd>
              </>
            )}
            <dt>{t('sharing.resource.accessibility')}</dt>
            <dd className="prewrap">{r.accessibility || t('sharing.resource.noAccessibility')}</dd>
            <dt>{t('sharing.resource.location')}</dt>
            <dd>
              {r.address && (
                <>
                  {r.address}
                  <br />
                </>
              )}
              {district ?? t('sharing.resource.noDistrict')}
              {r.approximate && ` (${t('sharing.resource.approximate')})`}
              {r.lat !== null && r.lng !== null && (
                <>
                  {' · '}
                  <Link to={`/teilen/karte?q=${encodeURIComponent(r.title)}`}>
                    {t('sharing.resource.onMap')}
                  </Link>
                </>
              )}
            </dd>
          </dl>
        </section>
        <AvailabilitySection r={r} />
      </div>
      {r.abilities.book ? (
        <BookingForm r={r} />
      ) : session.account ? (
        r.active && <p className="notice">{t('sharing.book.notAllowed')}</p>
      ) : (
        <p className="notice">
          <Link to={`/anmelden?weiter=${encodeURIComponent(location.pathname)}`}>
            {t('sharing.book.signIn')}
          </Link>
        </p>
      )}
      {!r.abilities.book && r.active && r.owner.type === 'organisation' && (
        // members only, or not signed in: the organisation can still be asked (features/help)
        <p>
          <Link
            className="button secondary"
            to={`/organisationen/${r.owner.id}/anfrage?betreff=${encodeURIComponent(r.title)}`}
          >
            {t('help.enquiry.askAbout', { name: r.owner.name })}
          </Link>
        </p>
      )}
      {r.kind === 'skill' &&
        session.account &&
        r.owner.type === 'person' &&
        r.owner.id !== session.account.id && (
          <p>
            <Link
              className="button secondary"
              to={`/zeitbank?an=person:${r.owner.id}&name=${encodeURIComponent(r.owner.name)}&zweck=${encodeURIComponent(r.title)}`}
            >
              {t('sharing.resource.payCredits', { name: r.owner.name })}
            </Link>
          </p>
        )}
      {r.abilities.manageFeed && (
        <FeedLink createPath={`/resources/${r.id}/feed`} label={t('sharing.feed.resourceTitle')} />
      )}
    </>
  );
}

/** /teilen/ressourcen/:id */
export default function ResourcePage() {
  const { id } = useParams();
  const resource = useResource(id);
  return <QueryView query={resource}>{(r) => <Details r={r} />}</QueryView>;
}
