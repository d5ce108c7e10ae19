import type { Catalogue } from '../../../i18n/messages.ts';
import { seg, webPath } from '../../../platform/webPath.ts';

/** Following and digests: what a person follows, the daily or weekly email of what is new there, one-click unsubscribe — its data for the area's area.ts. Data only. */

/** Messages the part sends (errors, emails), German and English. */
export const messages = {
  'digest.weekday_required': {
    de: 'Bitte wählen Sie den Wochentag, an dem die Zusammenfassung kommen soll.',
    en: 'Please choose the weekday on which the digest should come.',
  },
  'digest.subject.daily': {
    de: '{network}: Neues von dem, was Sie verfolgen ({date})',
    en: '{network}: what is new in what you follow ({date})',
  },
  'digest.subject.weekly': {
    de: '{network}: Ihre Wochenzusammenfassung ({date})',
    en: '{network}: your weekly digest ({date})',
  },
  'digest.greeting': {
    de: 'Guten Tag {name},\n\nhier ist, was seit {since} neu ist bei dem, was Sie bei {network} verfolgen:',
    en: 'Hello {name},\n\nhere is what is new since {since} in what you follow on {network}:',
  },
  'digest.section.threads': { de: 'Gespräche', en: 'Discussions' },
  'digest.section.news': { de: 'Neuigkeiten von Organisationen', en: 'News from organisations' },
  'digest.section.reports': { de: 'Ihre verfolgten Meldungen', en: 'Reports you follow' },
  'digest.section.districts': { de: 'Neu in Ihren Stadtteilen', en: 'New in your districts' },
  'digest.section.wiki': { de: 'Geänderte Wiki-Seiten', en: 'Changed wiki pages' },
  'digest.item.thread.one': { de: '„{title}“: eine neue Antwort', en: '“{title}”: one new reply' },
  'digest.item.thread.other': {
    de: '„{title}“: {count} neue Antworten',
    en: '“{title}”: {count} new replies',
  },
  'digest.item.news': { de: '{organisation}: „{title}“', en: '{organisation}: “{title}”' },
  'digest.item.report': { de: '„{title}“ – Stand jetzt: {status}', en: '“{title}” – status now: {status}' },
  'digest.item.district_thread': {
    de: '{district}: neues Gespräch „{title}“',
    en: '{district}: new discussion “{title}”',
  },
  'digest.item.district_report': {
    de: '{district}: neue Meldung „{title}“',
    en: '{district}: new report “{title}”',
  },
  'digest.item.wiki.one': { de: '„{title}“: eine Änderung', en: '“{title}”: one change' },
  'digest.item.wiki.other': { de: '„{title}“: {count} Änderungen', en: '“{title}”: {count} changes' },
  'digest.report_status.new': { de: 'neu', en: 'new' },
  'digest.report_status.confirmed': { de: 'bestätigt', en: 'confirmed' },
  'digest.report_status.forwarded': { de: 'weitergeleitet', en: 'forwarded' },
  'digest.report_status.in_progress': { de: 'in Bearbeitung', en: 'in progress' },
  'digest.report_status.done': { de: 'erledigt', en: 'done' },
  'digest.report_status.rejected': { de: 'abgelehnt', en: 'rejected' },
  'digest.footer': {
    de: 'Sie bekommen diese Zusammenfassung, weil Sie sie {frequency} bestellt haben. Was Sie verfolgen und wie oft die Zusammenfassung kommt, ändern Sie hier:\n{preferences}\n\nZusammenfassung abbestellen (ein Klick, ohne Anmeldung):\n{unsubscribe}',
    en: 'You get this digest because you asked for it {frequency}. Change what you follow and how often the digest comes here:\n{preferences}\n\nUnsubscribe from the digest (one click, no sign-in):\n{unsubscribe}',
  },
  'digest.today.title': { de: 'Neues per E-Mail', en: 'What is new, by email' },
  'digest.today.item': {
    de: 'Eine Zusammenfassung per E-Mail bestellen',
    en: 'Get a digest by email',
  },
  'digest.today.detail.one': {
    de: 'Sie folgen einer Sache. Täglich oder wöchentlich, nur wenn es Neues gibt.',
    en: 'You follow one thing. Daily or weekly, only when there is something new.',
  },
  'digest.today.detail.other': {
    de: 'Sie folgen {count} Dingen. Täglich oder wöchentlich, nur wenn es Neues gibt.',
    en: 'You follow {count} things. Daily or weekly, only when there is something new.',
  },
  'digest.frequency.daily': { de: 'täglich', en: 'daily' },
  'digest.frequency.weekly': { de: 'wöchentlich', en: 'weekly' },
} satisfies Catalogue;

/** The kinds of notification the part writes, with their params (see platform/notifications.ts). */
export const notificationKinds = {} as const satisfies Record<string, readonly string[]>;

/** The part's pages the server links to (see platform/webPaths.ts). */
export const webPaths = {
  /** What I follow, and how often the digest comes. */
  followPreferences: () => webPath('/wissen/folgen'),
  /** The page that turns the digest off with one button (a GET there changes nothing). */
  digestUnsubscribe: (token: string) => webPath(`/wissen/abbestellen?token=${seg(token)}`),
} satisfies Record<string, (...args: string[]) => string>;

/** The kinds of thing the part puts into the network's search (see platform/search.ts). */
export const searchTypes = [] as const;
