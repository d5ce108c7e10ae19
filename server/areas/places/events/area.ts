import type { Catalogue } from '../../../i18n/messages.ts';
import { seg, webPath } from '../../../platform/webPath.ts';

/**
 * Events: what this part of Räume & Brücken adds to the foundation's closed lists (joined by
 * ../area.ts) — the messages it sends, the kinds of notification it writes and the pages it links to.
 */

/** Messages the part sends (errors, emails, calendar names), German and English. */
export const messages = {
  'place_event.not_host': {
    de: 'Sie können nur für eine Organisation einladen, in der Sie mitarbeiten, oder für eine Gemeinschaft, die Sie leiten.',
    en: 'You can only invite on behalf of an organisation you work for, or a community you run.',
  },
  'place_event.ends_before_start': {
    de: 'Das Ende muss nach dem Beginn liegen.',
    en: 'The end must come after the start.',
  },
  'place_event.too_long': {
    de: 'Eine Veranstaltung dauert höchstens 14 Tage.',
    en: 'An event lasts 14 days at most.',
  },
  'place_event.in_past': {
    de: 'Der Beginn liegt in der Vergangenheit. Bitte wählen Sie einen späteren Termin.',
    en: 'The start lies in the past. Please choose a later date.',
  },
  'place_event.somewhere': {
    de: 'Bitte geben Sie einen Ort an oder einen Link, über den man online dabei ist.',
    en: 'Please give a place, or a link for joining online.',
  },
  'place_event.price_needed': {
    de: 'Bitte schreiben Sie, was die Teilnahme kostet – oder wählen Sie „kostenlos“.',
    en: 'Please say what taking part costs – or choose “free of charge”.',
  },
  'place_event.capacity_needs_registration': {
    de: 'Eine Platzzahl gibt es nur mit Anmeldung.',
    en: 'A number of places needs registration.',
  },
  'place_event.full': {
    de: 'Die Veranstaltung ist voll, und es gibt keine Warteliste.',
    en: 'The event is full, and there is no waitlist.',
  },
  'place_event.already_registered': {
    de: 'Sie sind schon angemeldet.',
    en: 'You are already registered.',
  },
  'place_event.over': {
    de: 'Die Veranstaltung ist schon vorbei.',
    en: 'The event is already over.',
  },
  'place_event.cancelled': {
    de: 'Die Veranstaltung ist abgesagt.',
    en: 'The event has been cancelled.',
  },
  'place_event.no_registration': {
    de: 'Für diese Veranstaltung braucht man keine Anmeldung. Kommen Sie einfach vorbei.',
    en: 'This event needs no registration. Just come along.',
  },
  'place_event.capacity_below_registered': {
    de: 'Es sind schon {registered} Menschen angemeldet. Weniger Plätze gehen nicht.',
    en: '{registered} people are already registered. There cannot be fewer places.',
  },
  'place_event.registration_in_use': {
    de: 'Es haben sich schon Menschen angemeldet. Die Anmeldung lässt sich nicht mehr abschalten.',
    en: 'People have already registered. Registration cannot be switched off any more.',
  },
  'place_event.attendance_not_yet': {
    de: 'Wer gekommen ist, können Sie ab einer Stunde vor Beginn eintragen.',
    en: 'You can record who came from one hour before the start.',
  },
  'place_event.attendance_wrong_status': {
    de: 'Diese Person hat keinen Platz (sie steht auf der Warteliste oder hat sich abgemeldet).',
    en: 'This person has no place (they are on the waitlist or have withdrawn).',
  },
  'place_event.wrong_status': {
    de: 'Ihre Anmeldung lässt sich nicht mehr zurückziehen.',
    en: 'Your registration can no longer be withdrawn.',
  },
  'place_event.range_too_long': {
    de: 'Bitte wählen Sie höchstens 92 Tage auf einmal.',
    en: 'Please choose 92 days at most at a time.',
  },
  'place_event.feed_name': {
    de: 'Termine in {network}',
    en: 'Dates in {network}',
  },
  'place_event.my_feed_name': {
    de: 'Meine Termine in {network}',
    en: 'My dates in {network}',
  },
  'email.place_event_cancelled.subject': {
    de: 'Abgesagt: {title}',
    en: 'Cancelled: {title}',
  },
  'email.place_event_cancelled.body': {
    de: 'Guten Tag {name},\n\n„{title}“ am {slot} findet leider nicht statt.\n{reason}\nSie müssen nichts weiter tun. Alle Angaben finden Sie hier:\n\n{link}',
    en: 'Hello {name},\n\nunfortunately "{title}" on {slot} will not take place.\n{reason}\nThere is nothing more you need to do. All details are here:\n\n{link}',
  },
  'email.place_event_promoted.subject': {
    de: 'Sie haben einen Platz: {title}',
    en: 'You have a place: {title}',
  },
  'email.place_event_promoted.body': {
    de: 'Guten Tag {name},\n\nes ist ein Platz frei geworden. Sie sind jetzt für „{title}“ angemeldet: {slot}.\n\nWenn Sie doch nicht können, melden Sie sich bitte hier ab, damit jemand anderes nachrücken kann:\n\n{link}',
    en: 'Hello {name},\n\na place has become free. You are now registered for "{title}": {slot}.\n\nIf you cannot come after all, please withdraw here so that someone else can take the place:\n\n{link}',
  },
  'email.place_event_promotion_void.subject': {
    de: 'Doch kein Platz: {title}',
    en: 'No place after all: {title}',
  },
  'email.place_event_promotion_void.body': {
    de: 'Guten Tag {name},\n\nSie haben sich von „{title}“ ({slot}) abgemeldet, gerade als Sie von der Warteliste nachgerückt waren. Die Nachricht, dass Sie einen Platz haben, gilt deshalb nicht: Sie sind nicht angemeldet.\n\nWenn Sie doch kommen möchten, können Sie sich hier wieder anmelden:\n\n{link}',
    en: 'Hello {name},\n\nyou withdrew from "{title}" ({slot}) just as you moved up from the waitlist. The message that you have a place therefore does not hold: you are not registered.\n\nIf you would like to come after all, you can register again here:\n\n{link}',
  },
} satisfies Catalogue;

/** The kinds of notification the part writes, with their params (see platform/notifications.ts). */
export const notificationKinds = {
  /** An event the person registered for (or waits for) is cancelled by its host. */
  'place_event.cancelled': ['title', 'startsAt'],
  /** A place became free and the person, first on the waitlist, has it now. */
  'place_event.promoted': ['title', 'startsAt'],
  /** The place of a 'place_event.promoted' is gone: the person withdrew before they saw that notice. */
  'place_event.promotion_void': ['title', 'startsAt'],
  /** The day before an event the person has a place at. */
  'place_event.reminder': ['title', 'startsAt'],
  /** The host moved the event or changed where it takes place (startsAt: the new start). */
  'place_event.changed': ['title', 'startsAt'],
} as const satisfies Record<string, readonly string[]>;

/** The part's pages the server links to (see platform/webPaths.ts). */
export const webPaths = {
  /** The one calendar across all areas. */
  placesCalendar: () => webPath('/raeume/kalender'),
  /** One's own registrations, on the calendar's page. */
  placesMyEvents: () => webPath('/raeume/kalender#meine-termine'),
  /** An event: what, when, where, registering, the host's tools. */
  placesEvent: (id: string) => webPath(`/raeume/kalender/${seg(id)}`),
};
