import type { FastifyReply } from 'fastify';
import ical, { type ICalCalendar } from 'ical-generator';
import type { Locale } from '../i18n/messages.ts';

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

/** Sends the feed: private (whoever has the URL reads it, nobody in between), fresh for five minutes. */
export function sendCalendar(reply: FastifyReply, cal: ICalCalendar) {
  return reply
    .type('text/calendar; charset=utf-8')
    .header('cache-control', 'private, max-age=300')
    .send(cal.toString());
}
