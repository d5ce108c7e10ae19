import type { Catalogue } from '../../i18n/messages.ts';
import { seg, webPath } from '../../platform/webPath.ts';

/**
 * Mitmachen: what the foundation's closed lists take from this area (server/areas/lists.ts) —
 * the messages it sends, the kinds of notification it writes and the pages it links to. Data only.
 */

/** Messages the area sends (errors, emails), German and English. */
export const messages = {
  // Mitmachen: opportunities, shifts, hours, playbook
  'opportunity.mini_rules': {
    de: 'Eine Mini-Aufgabe dauert höchstens 2 Stunden und findet nur einmal statt (ein Termin).',
    en: 'A mini task takes at most 2 hours and happens only once (one date).',
  },
  'opportunity.mini_effort': {
    de: 'Bei einem Mini-Einsatz bitte den Zeitaufwand angeben: höchstens 120 Minuten.',
    en: 'For a mini task please give the time it takes: at most 120 minutes.',
  },
  'opportunity.lead_stays': {
    de: 'Die federführende Organisation bleibt: Sie lässt sich weder entfernen noch austauschen.',
    en: 'The lead organisation stays: it cannot be removed or replaced.',
  },
  'opportunity.partners_by_lead': {
    de: 'Partner einladen oder entfernen kann nur die federführende Organisation. Ihre eigene Organisation können Sie austreten lassen.',
    en: 'Only the lead organisation invites or removes partners. You can take your own organisation out.',
  },
  'opportunity.partner_answered': {
    de: 'Diese Einladung ist schon angenommen. Wenn Ihre Organisation nicht mehr mitmachen soll, treten Sie aus.',
    en: 'This invitation has already been accepted. If your organisation should no longer take part, leave instead.',
  },
  'opportunity.not_published': {
    de: 'Dieses Angebot ist nicht veröffentlicht.',
    en: 'This opportunity is not published.',
  },
  'shift.full': {
    de: 'Diese Schicht ist voll.',
    en: 'This shift is full.',
  },
  'shift.already_signed_up': {
    de: 'Sie sind für diese Schicht schon angemeldet oder auf der Warteliste.',
    en: 'You are already signed up for this shift or on its waitlist.',
  },
  'shift.over': {
    de: 'Diese Schicht ist schon vorbei.',
    en: 'This shift is already over.',
  },
  'shift.not_started': {
    de: 'Die Schicht hat noch nicht begonnen.',
    en: 'The shift has not started yet.',
  },
  'shift.check_in_not_yet': {
    de: 'Einchecken ist ab einer Stunde vor Beginn möglich.',
    en: 'Check-in opens one hour before the start.',
  },
  'shift.wrong_status': {
    de: 'Das geht bei dieser Anmeldung nicht mehr (Status: {status}).',
    en: 'This is no longer possible for this sign-up (status: {status}).',
  },
  'shift.capacity_below_signed_up': {
    de: 'Es sind schon {signedUp} Personen angemeldet. Die Plätze können nicht darunter sinken.',
    en: '{signedUp} people are already signed up. The capacity cannot go below that.',
  },
  'shift.invalid_period': {
    de: 'Das Ende muss nach dem Beginn liegen, höchstens 24 Stunden später.',
    en: 'The end must be after the start, at most 24 hours later.',
  },
  'hours.already_decided': {
    de: 'Über diese Stunden wurde schon entschieden (Status: {status}).',
    en: 'These hours have already been decided (status: {status}).',
  },
  'hours.not_own': {
    de: 'Die eigenen Stunden bestätigt jemand anderes aus der Organisation.',
    en: 'Someone else from the organisation confirms your own hours.',
  },
  'hours.in_future': {
    de: 'Stunden können erst nach der Tätigkeit eingetragen werden.',
    en: 'Hours can only be logged after the activity.',
  },
  'playbook.stale_revision': {
    de: 'Die Seite wurde inzwischen geändert (jetzt Version {current}). Bitte laden Sie sie neu und übernehmen Sie Ihre Änderungen.',
    en: 'The page was changed in the meantime (now version {current}). Please reload it and apply your changes again.',
  },
  'certificate.title': { de: 'Ehrenamtsnachweis', en: 'Volunteer certificate' },
  'certificate.intro': {
    de: '{name} hat sich im Netzwerk {network} ehrenamtlich engagiert. Die folgenden Tätigkeiten wurden von den ausstellenden Organisationen bestätigt.',
    en: '{name} has volunteered in the network {network}. The following activities were confirmed by the issuing organisations.',
  },
  'certificate.date': { de: 'Datum', en: 'Date' },
  'certificate.activity': { de: 'Tätigkeit', en: 'Activity' },
  'certificate.organisation': { de: 'Organisation', en: 'Organisation' },
  'certificate.hours': { de: 'Stunden', en: 'Hours' },
  'certificate.total': { de: 'Insgesamt', en: 'Total' },
  'certificate.per_organisation': { de: 'Nach Organisation', en: 'By organisation' },
  'certificate.none': {
    de: 'Bisher sind keine bestätigten Stunden verzeichnet.',
    en: 'No confirmed hours are recorded yet.',
  },
  'certificate.issued': { de: 'Ausgestellt am {date}', en: 'Issued on {date}' },
  'certificate.place_date': { de: 'Ort, Datum', en: 'Place, date' },
  'certificate.signature': {
    de: 'Unterschrift und Stempel der Organisation',
    en: 'Signature and stamp of the organisation',
  },
  'certificate.page': { de: 'Seite {page} von {pages}', en: 'Page {page} of {pages}' },
  'email.shift_promoted.subject': {
    de: 'Sie haben einen Platz: {title}',
    en: 'You have a place: {title}',
  },
  'email.shift_promoted.body': {
    de: 'Guten Tag {name},\n\nes ist ein Platz frei geworden. Sie sind jetzt für „{title}“ angemeldet: {slot}.\n\nWenn Sie doch nicht können, melden Sie sich bitte hier ab, damit jemand anderes nachrücken kann:\n\n{link}',
    en: 'Hello {name},\n\na place has become free. You are now signed up for "{title}": {slot}.\n\nIf you cannot come after all, please withdraw here so that someone else can take the place:\n\n{link}',
  },
  'email.shift_promotion_void.subject': {
    de: 'Doch kein Platz: {title}',
    en: 'No place after all: {title}',
  },
  'email.shift_promotion_void.body': {
    de: 'Guten Tag {name},\n\nIhre Anmeldung für „{title}“ ({slot}) wurde zurückgezogen, gerade als Sie von der Warteliste nachgerückt waren. Die Nachricht, dass Sie einen Platz haben, gilt deshalb nicht: Sie sind nicht angemeldet.\n\nWenn Sie doch kommen möchten, können Sie sich hier wieder anmelden:\n\n{link}',
    en: 'Hello {name},\n\nyour sign-up for "{title}" ({slot}) was withdrawn just as you moved up from the waitlist. The message that you have a place therefore does not hold: you are not signed up.\n\nIf you would like to come after all, you can sign up again here:\n\n{link}',
  },
  'email.shift_message.body': {
    de: 'Nachricht zu „{title}“ ({slot}) von {sender}:\n\n{body}\n\n{link}',
    en: 'Message about "{title}" ({slot}) from {sender}:\n\n{body}\n\n{link}',
  },
} satisfies Catalogue;

/** The kinds of notification the area writes, with their params (see platform/notifications.ts). */
export const notificationKinds = {
  'hours.confirmed': ['activity', 'minutes', 'organisation', 'credits'],
  'hours.rejected': ['activity', 'minutes', 'organisation', 'credits'],
  'shift.promoted': ['title', 'slot'],
  /** the place of a 'shift.promoted' is gone: withdrawn before the person saw that notice */
  'shift.promotion_void': ['title', 'slot'],
  'shift.reminder': ['title', 'startsAt'],
  'shift.message': ['title', 'subject', 'slot'],
  'opportunity.partner_invited': ['title', 'lead', 'organisation'],
  'opportunity.partner_accepted': ['title', 'organisation'],
  'opportunity.partner_declined': ['title', 'organisation'],
  'opportunity.partner_left': ['title', 'organisation'],
  'opportunity.partner_removed': ['title', 'lead', 'organisation'],
} as const satisfies Record<string, readonly string[]>;

/** The area's pages the server links to (see platform/webPaths.ts). */
export const webPaths = {
  opportunity: (opportunityId: string) => webPath(`/mitmachen/${seg(opportunityId)}`),
  myHours: () => webPath('/mitmachen/stunden'),
  /** My shifts, where I check in or withdraw. */
  myShifts: () => webPath('/mitmachen/meine'),
  /** The coordination page, at one organisation's hours waiting for confirmation. */
  hoursToConfirm: (organisationId: string) =>
    webPath(`/mitmachen/koordination?org=${seg(organisationId)}#pending`),
  miniTasks: () => webPath('/mitmachen?stufe=mini'),
  opportunities: () => webPath('/mitmachen'),
  coordination: () => webPath('/mitmachen/koordination'),
  /** The coordination page, on one organisation's invitations to run opportunities jointly. */
  partnerInvitations: (organisationId: string) =>
    webPath(`/mitmachen/koordination?org=${seg(organisationId)}#einladungen`),
  playbookPage: (pageId: string) => webPath(`/mitmachen/praxis/${seg(pageId)}`),
} satisfies Record<string, (...args: string[]) => string>;

/** The kinds of thing the area puts into the network's search (see platform/search.ts). */
export const searchTypes = ['opportunity', 'playbook_page'] as const;
