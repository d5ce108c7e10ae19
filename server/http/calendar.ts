import type { FastifyReply } from 'fastify';
import ical, { type ICalCalendar, ICalEventStatus } from 'ical-generator';
import { type Locale, t } from '../i18n/messages.ts';
import type { CalendarEntry } from '../platform/calendar.ts';
import { localParts } from '../platform/localTime.ts';

/**
 * Calendar feeds (iCalendar) behind a secret URL `…/feeds/<token>.ics`: calendar apps cannot sign
 * in, so the token is the key, and only its hash is stored.
 */

/** The secret URL of a feed: `area` is the path its routes are served under (`/bookings`, `/circles`). */
export function feedUrl(publicUrl: string, area: string, token: string): string {
  return `${publicUrl}/api/v1${area}/feeds/${token}.ics`;
}

/** The token in a feed's file name (the route's schema has checked the name's pattern). */
export function feedToken(file: string): string {
  return file.slice(0, -'.ics'.length);
}

/** An empty calendar of one of Knotenpunkt's products (Teilen, Kreise …) in the reader's language. */
export function newCalendar(name: string, product: string, locale: Locale): ICalCalendar {
  // times are written in UTC (with Z): correct in every calendar app without a VTIMEZONE block
  return ical({ name, prodId: { company: 'Knotenpunkt', product, language: locale === 'de' ? 'DE' : 'EN' } });
}

/** The globally unique id of an event: what it is, its id, and the host of this server. */
export function eventUid(publicUrl: string, kind: string, id: string): string {
  return `${kind}-${id}@${new URL(publicUrl).host}`;
}

/** An all-day entry's day as a UTC midnight: iCalendar writes a DATE from the UTC fields. */
function dayOf(d: Date): Date {
  const p = localParts(d);
  return new Date(Date.UTC(p.year, p.month - 1, p.day));
}

/**
 * A calendar of entries of the one calendar (platform/calendar.ts) — the calendar's feeds per filter and
 * per person, and an opportunity's shifts — in the reader's language: cancelled ones marked, those
 * the person waits for tentative, each linked to its page.
 */
export function entriesCalendar(
  publicUrl: string,
  o: { name: string; product: string; locale: Locale },
  entries: readonly CalendarEntry[],
): ICalCalendar {
  const { locale } = o;
  const cal = newCalendar(o.name, o.product, locale);
  for (const e of entries) {
    const waiting = e.myStatus === 'waitlisted';
    cal.createEvent({
      id: eventUid(publicUrl, e.key.replace(/[.:]/g, '-'), e.id),
      start: e.allDay ? dayOf(e.startsAt) : e.startsAt,
      end: e.allDay ? dayOf(e.endsAt) : e.endsAt,
      allDay: e.allDay,
      summary: [
        e.cancelled ? t(locale, 'calendar.feed_cancelled') : '',
        e.title,
        waiting ? t(locale, 'calendar.feed_waitlisted') : '',
      ]
        .filter(Boolean)
        .join(' '),
      description: e.host?.name || undefined,
      location: e.place || (e.online ? 'Online' : undefined),
      // the calendar's feeds carry none of the remote entries (areas/places/events/routes/calendar)
      url: e.link ? `${publicUrl}${e.link}` : e.remote?.url,
      status: e.cancelled
        ? ICalEventStatus.CANCELLED
        : waiting
          ? ICalEventStatus.TENTATIVE
          : ICalEventStatus.CONFIRMED,
    });
  }
  return cal;
}

/** Sends the feed: private (whoever has the URL reads it, nobody in between), fresh for five minutes. */
export function sendCalendar(reply: FastifyReply, cal: ICalCalendar) {
  return reply
    .type('text/calendar; charset=utf-8')
    .header('cache-control', 'private, max-age=300')
    .send(cal.toString());
}
