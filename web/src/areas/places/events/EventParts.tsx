import './events.css';
import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../../app/api.ts';
import { currentLocale } from '../../../app/i18n.ts';
import { localDate, networkTimeZone } from '../../../app/localTime.ts';
import { RemoteFrom, RemoteLink } from '../../../app/Remote.tsx';
import { useSession } from '../../../app/session.tsx';
import { FlagButton } from '../../../features/organisations/FlagButton.tsx';
import type { CalendarEntry, HostOptions } from './types.ts';

const tag = () => (currentLocale() === 'en' ? 'en-GB' : 'de-DE');

/** "10:00" in the network's zone. */
export function clock(iso: string): string {
  return new Intl.DateTimeFormat(tag(), {
    timeZone: networkTimeZone,
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

/** "Mittwoch, 10. Dezember" of a YYYY-MM-DD day (the year when it is not this one). */
export function dayTitle(day: string): string {
  const [y = 0, m = 1, d = 1] = day.split('-').map(Number);
  const thisYear = Number(localDate(new Date()).slice(0, 4));
  return new Intl.DateTimeFormat(tag(), {
    timeZone: 'UTC',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    ...(y !== thisYear ? { year: 'numeric' } : {}),
  }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** When an entry is, within its day: "10:00–12:00 Uhr", or "ganztägig". */
export function timeOf(t: TFunction, e: Pick<CalendarEntry, 'allDay' | 'startsAt' | 'endsAt'>): string {
  if (e.allDay) return t('placesEvents.entry.allDay');
  return t('placesEvents.entry.time', { from: clock(e.startsAt), to: clock(e.endsAt) });
}

/** The short facts of an entry as small labels: cancelled, free, step-free, online, places. */
export function EntryBadges({ e }: { e: CalendarEntry }) {
  const { t } = useTranslation();
  const badges: { key: string; text: string; tone?: 'bad' | 'good' }[] = [];
  if (e.cancelled) badges.push({ key: 'cancelled', text: t('placesEvents.entry.cancelled'), tone: 'bad' });
  if (e.free === true) badges.push({ key: 'free', text: t('placesEvents.entry.free') });
  else if (e.price) badges.push({ key: 'price', text: e.price });
  if (e.accessible === true)
    badges.push({ key: 'step', text: t('placesEvents.entry.stepFree'), tone: 'good' });
  if (e.accessible === false) badges.push({ key: 'step', text: t('placesEvents.entry.notStepFree') });
  if (e.online) badges.push({ key: 'online', text: t('placesEvents.entry.online') });
  if (!e.cancelled && e.freePlaces !== null && e.registration)
    badges.push(
      e.freePlaces === 0
        ? { key: 'places', text: t('placesEvents.entry.full'), tone: 'bad' }
        : { key: 'places', text: t('placesEvents.entry.places', { count: e.freePlaces }) },
    );
  if (badges.length === 0) return null;
  return (
    <ul className="event-badges" aria-label={t('placesEvents.entry.facts')}>
      {badges.map((b) => (
        <li key={b.key} className={b.tone ? `event-badge ${b.tone}` : 'event-badge'}>
          {b.text}
        </li>
      ))}
    </ul>
  );
}

/**
 * One entry of the calendar: time, title (its link), where it comes from, where it is, its facts. An
 * entry from elsewhere (ActivityPub) says so, links to its original and can be reported.
 */
export function EntryCard({
  e,
  headingLevel = 3,
  withDay = false,
}: {
  e: CalendarEntry;
  headingLevel?: 3 | 4;
  /** name the day too (a list not grouped by day) */
  withDay?: boolean;
}) {
  const { t } = useTranslation();
  const { session } = useSession();
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  // online or not is one of the badges; this line says where the place is, if there is one
  const where = e.place;
  return (
    <li className={e.cancelled ? 'card event-entry cancelled' : 'card event-entry'}>
      <p className="event-time">
        {withDay && `${dayTitle(localDate(new Date(e.startsAt)))} · `}
        {timeOf(t, e)}
      </p>
      <Heading className="event-title">
        {e.remote ? <RemoteLink remote={e.remote}>{e.title}</RemoteLink> : <Link to={e.link}>{e.title}</Link>}
      </Heading>
      <p className="meta">
        {t(`placesEvents.kind.${e.kind}`)} · {t(`placesEvents.area.${e.area}`)}
        {e.host && ` · ${e.host.name}`}
      </p>
      {e.remote && (
        <p className="meta">
          <RemoteFrom remote={e.remote} />
        </p>
      )}
      {where && <p className="event-where">{where}</p>}
      <EntryBadges e={e} />
      {e.remote && session.account && (
        <div className="actions">
          <FlagButton entityType="remote_event" entityId={e.id} />
        </div>
      )}
    </li>
  );
}

/** The entries grouped by their local day, in order. */
export function byDay(entries: CalendarEntry[]): [string, CalendarEntry[]][] {
  const days = new Map<string, CalendarEntry[]>();
  for (const e of entries) {
    const day = localDate(new Date(e.startsAt));
    days.set(day, [...(days.get(day) ?? []), e]);
  }
  return [...days.entries()];
}

/** Whom the signed-in person may invite for (empty for everyone else). */
export function useHostOptions() {
  const { session } = useSession();
  return useQuery({
    queryKey: ['place-event-hosts', session.account?.id],
    queryFn: () => api<HostOptions>('/places/events/hosts'),
    enabled: Boolean(session.account),
    staleTime: 60_000,
  });
}

/** Whether the person may invite for any host. */
export function useMayHost(): boolean {
  const hosts = useHostOptions();
  return Boolean(hosts.data && hosts.data.organisations.length + hosts.data.communities.length > 0);
}
