import type { Catalogue } from '../../i18n/messages.ts';
import { seg, webPath } from '../../platform/webPath.ts';

/**
 * Teilen: what the foundation's closed lists take from this area (server/areas/lists.ts) —
 * the messages it sends, the kinds of notification it writes and the pages it links to. Data only.
 */

/** Messages the area sends (errors, emails), German and English. */
export const messages = {
  // Teilen: resources and bookings
  'booking.conflict': {
    de: 'Dieser Zeitraum überschneidet sich mit einer bestätigten Buchung: {slot}.',
    en: 'This time overlaps a confirmed booking: {slot}.',
  },
  'booking.outside_availability': {
    de: '{slot} liegt außerhalb der Zeiten, zu denen „{resource}“ verfügbar ist.',
    en: '{slot} is outside the times when "{resource}" is available.',
  },
  'booking.blocked': {
    de: '„{resource}“ ist in dieser Zeit nicht verfügbar ({blocked}). {reason}',
    en: '"{resource}" is not available at this time ({blocked}). {reason}',
  },
  'booking.invalid_period': {
    de: 'Das Ende muss nach dem Beginn liegen.',
    en: 'The end must be after the start.',
  },
  'booking.in_past': {
    de: 'Eine Buchung kann nicht in der Vergangenheit beginnen.',
    en: 'A booking cannot start in the past.',
  },
  'booking.wrong_status': {
    de: 'Das geht bei dieser Buchung nicht mehr (Status: {status}).',
    en: 'This is no longer possible for this booking (status: {status}).',
  },
  'booking.series_too_long': {
    de: 'Eine Serie kann höchstens {max} Termine haben. Bitte wählen Sie ein früheres Enddatum.',
    en: 'A series can have at most {max} dates. Please choose an earlier end date.',
  },
  'booking.not_for_organisation': {
    de: 'Sie können nur für eine Organisation buchen, für die Sie tätig sind.',
    en: 'You can only book for an organisation you act for.',
  },
  'resource.capacity_rooms_only': {
    de: 'Eine Personenzahl gibt es nur bei Räumen.',
    en: 'Only rooms have a capacity.',
  },
  'resource.deposit_lending_only': {
    de: 'Eine Kaution gibt es nur bei Dingen, die man ausleiht (Räume, Geräte, Fahrzeuge).',
    en: 'Only things that are lent (rooms, equipment, vehicles) have a deposit.',
  },
  'resource.buffer_lending_only': {
    de: 'Eine Pufferzeit zwischen Buchungen gibt es nur bei Dingen, die man ausleiht (Räume, Geräte, Fahrzeuge).',
    en: 'Only things that are lent (rooms, equipment, vehicles) have a buffer time between bookings.',
  },
  'resource.giveaway_free': {
    de: 'Was verschenkt wird, kostet nichts – bitte keine Gebühr angeben.',
    en: 'A give-away costs nothing – please do not give a fee.',
  },
  'resource.photo_type': {
    de: 'Bitte laden Sie ein Foto als JPEG, PNG oder WebP hoch.',
    en: 'Please upload a photo as JPEG, PNG or WebP.',
  },
  'resource.photo_too_large': {
    de: 'Das Foto ist zu groß (höchstens {mb} MB).',
    en: 'The photo is too large (at most {mb} MB).',
  },
  'resource.photo_limit': {
    de: 'Eine Ressource kann höchstens {max} Fotos haben.',
    en: 'A resource can have at most {max} photos.',
  },
  'resource.photo_alt_required': {
    de: 'Bitte beschreiben Sie kurz, was auf dem Foto zu sehen ist (für Menschen, die es nicht sehen können).',
    en: 'Please describe briefly what the photo shows (for people who cannot see it).',
  },
  'exchange.post_closed': {
    de: 'Dieser Eintrag ist nicht mehr aktiv. Antworten sind nicht mehr möglich.',
    en: 'This post is no longer active. It cannot be answered any more.',
  },
} satisfies Catalogue;

/** The kinds of notification the area writes, with their params (see platform/notifications.ts). */
export const notificationKinds = {
  'booking.requested': ['resource', 'count'],
  'booking.booked': ['resource', 'count'],
  'booking.approved': ['resource'],
  'booking.declined': ['resource'],
  'booking.handed_over': ['resource'],
  'booking.returned': ['resource'],
  'booking.cancelled': ['resource'],
  'exchange.message': ['from', 'title'],
  'exchange.post_expiring': ['title', 'expiresAt'],
} as const satisfies Record<string, readonly string[]>;

/** The area's pages the server links to (see platform/webPaths.ts). */
export const webPaths = {
  exchangePost: (postId: string) => webPath(`/tauschring/${seg(postId)}`),
  booking: (bookingId: string) => webPath(`/teilen/buchungen/${seg(bookingId)}`),
  resource: (resourceId: string) => webPath(`/teilen/ressourcen/${seg(resourceId)}`),
  /** Requests for the resources I look after, open ones first. */
  bookingRequests: () => webPath('/teilen/anfragen'),
  myBookings: () => webPath('/teilen/buchungen'),
  exchange: () => webPath('/tauschring'),
} satisfies Record<string, (...args: string[]) => string>;

/**
 * The kinds of thing the area puts into the network's search (see platform/search.ts): things to
 * borrow or use, help and services people offer, and the Tauschring's offers and wants.
 */
export const searchTypes = ['service', 'resource', 'exchange_offer', 'exchange_want'] as const;
