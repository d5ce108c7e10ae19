import type { Catalogue } from '../../../i18n/messages.ts';
import { seg, webPath } from '../../../platform/webPath.ts';

/**
 * Bridges: what this part of Räume & Brücken adds to the foundation's closed lists (joined by
 * ../area.ts) — the messages it sends, the kinds of notification it writes and the pages it links to.
 * Data only.
 */

/** Messages the part sends (errors, emails), German and English. */
export const messages = {
  'bridge.introduced_already': {
    de: 'Die beiden sind schon einander vorgestellt. Sie finden den Kontakt auf der Seite des Vorschlags.',
    en: 'The two have already been introduced. You find the contact on the page of the suggestion.',
  },
  'bridge.set_aside': {
    de: 'Dieser Vorschlag ist zurückgestellt. Er kommt später wieder, wenn er dann noch passt.',
    en: 'This suggestion has been set aside. It comes back later if it still fits then.',
  },
  'bridge.accepted_already': {
    de: 'Sie haben schon zugesagt. Jetzt ist die andere Seite gefragt.',
    en: 'You have already said yes. Now it is up to the other side.',
  },
  'bridge.not_asked': {
    de: 'Ob Sie sich getroffen haben, fragen wir erst einige Wochen nach der Vorstellung.',
    en: 'We ask whether you met only a few weeks after the introduction.',
  },
  'bridge.answered': {
    de: 'Ihre Seite hat darauf schon geantwortet.',
    en: 'Your side has already answered this.',
  },
  'email.bridge.introduced.subject': {
    de: '{network}: Lernen Sie {other} kennen',
    en: '{network}: meet {other}',
  },
  'email.bridge.introduced.body': {
    de: 'Guten Tag {name},\n\n{network} stellt {own} und {other} einander vor.\n\n{fit}\n{far}\n\n{contact}\n\nDen Vorschlag finden Sie hier:\n{link}\n\nIn {days} Tagen fragen wir kurz nach, ob Sie sich getroffen haben.\n\nDiese E-Mail geht an alle, die im Netzwerk für {own} sprechen. Ihre E-Mail-Adresse bekommt die andere Seite nicht.',
    en: 'Hello {name},\n\n{network} introduces {own} and {other} to each other.\n\n{fit}\n{far}\n\n{contact}\n\nYou find the suggestion here:\n{link}\n\nIn {days} days we will briefly ask whether you met.\n\nThis email goes to everyone who speaks for {own} in the network. The other side does not get your email address.',
  },
  'email.bridge.contact.organisation': {
    de: 'So erreichen Sie {other}: Auf der Seite von {other} im Netzwerk schreiben Sie eine Nachricht („Anfrage senden“):\n{contact}',
    en: 'How to reach {other}: on the page of {other} in the network you write a message (“Send an enquiry”):\n{contact}',
  },
  'email.bridge.contact.community': {
    de: '{other} ist eine Gemeinschaft im Netzwerk. Wie Sie sie erreichen, steht auf der Seite des Vorschlags.',
    en: '{other} is a community in the network. How to reach it is on the page of the suggestion.',
  },
  'bridge.fit.space': {
    de: '{giver} hat „{offer}“ – ein Ort für „{need}“ von {seeker}.',
    en: '{giver} has “{offer}” – a place for “{need}” of {seeker}.',
  },
  'bridge.fit.other': {
    de: '„{offer}“ von {giver} passt zu „{need}“ von {seeker}: Bei beidem geht es um {theme}.',
    en: '“{offer}” of {giver} fits “{need}” of {seeker}: both are about {theme}.',
  },
  'bridge.far.both': {
    de: 'Sie arbeiten in verschiedenen Bereichen und Stadtteilen und haben auch über andere noch keinen Kontakt.',
    en: 'You work in different sectors and districts and have no contact yet, not even through others.',
  },
  'bridge.far.sector': {
    de: 'Sie arbeiten in verschiedenen Bereichen und haben auch über andere noch keinen Kontakt.',
    en: 'You work in different sectors and have no contact yet, not even through others.',
  },
  'bridge.far.district': {
    de: 'Sie sind in verschiedenen Stadtteilen zu Hause und haben auch über andere noch keinen Kontakt.',
    en: 'You are based in different districts and have no contact yet, not even through others.',
  },
  'bridge.theme.space': { de: 'Räume', en: 'rooms' },
  'bridge.theme.food': { de: 'Essen und Backen', en: 'food and baking' },
  'bridge.theme.transport': { de: 'Fahrten und Transport', en: 'rides and transport' },
  'bridge.theme.tools': { de: 'Werkzeug und Reparieren', en: 'tools and repairs' },
  'bridge.theme.digital': {
    de: 'Smartphone, Computer und Internet',
    en: 'phones, computers and the internet',
  },
  'bridge.theme.language': { de: 'Sprachen und Übersetzen', en: 'languages and translation' },
  'bridge.theme.print': { de: 'Drucken und Aushänge', en: 'printing and notices' },
  'bridge.theme.children': { de: 'Kinder und Jugendliche', en: 'children and young people' },
  'bridge.theme.companionship': { de: 'Begleiten und Besuchen', en: 'company and visits' },
  'bridge.theme.sport': { de: 'Sport und Bewegung', en: 'sport and exercise' },
  'bridge.theme.garden': { de: 'Garten und Grün', en: 'gardens and green spaces' },
} satisfies Catalogue;

/** The kinds of notification the part writes, with their params (see platform/notifications.ts). */
export const notificationKinds = {
  /** One side said yes: the other side's people are asked (name: the side that said yes; organisation: theirs). */
  'bridge.asked': ['name', 'organisation'],
  /** Both said yes, or the coordinator introduced them (name: the other side; organisation: their own). */
  'bridge.introduced': ['name', 'organisation'],
  /** Some weeks after an introduction with nothing recorded: did you meet? */
  'bridge.follow_up': ['name', 'organisation'],
} as const satisfies Record<string, readonly string[]>;

/** The part's pages the server links to (see platform/webPaths.ts). */
export const webPaths = {
  /** The suggestions for one's organisations; for the coordinator all of them and the hit rate. */
  bridges: () => webPath('/raeume/bruecken'),
  /** One suggestion: the reason, the answers, after the introduction the contact and the follow-up. */
  bridge: (id: string) => webPath(`/raeume/bruecken/${seg(id)}`),
} satisfies Record<string, (...args: string[]) => string>;
