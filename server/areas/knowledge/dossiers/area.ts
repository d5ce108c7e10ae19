import type { Catalogue } from '../../../i18n/messages.ts';
import { seg, webPath } from '../../../platform/webPath.ts';

/** Dossiers: evidence bundled for a political body, sent, tracked and answered — its data for the area's area.ts. Data only. */

/** Messages the part sends (errors, emails), German and English. */
export const messages = {
  'dossiers.item_missing': {
    de: 'Diesen Beitrag gibt es nicht (mehr).',
    en: 'This item does not exist (any more).',
  },
  'dossiers.item_not_public': {
    de: 'Nur öffentlich sichtbare Beiträge können Beleg in einem Dossier sein – dieser ist nicht öffentlich, noch nicht freigegeben, gelöscht, archiviert oder ausgeblendet.',
    en: 'Only publicly visible items can be evidence in a dossier – this one is not public, not yet approved, deleted, archived or hidden.',
  },
  'dossiers.item_already_added': {
    de: 'Dieser Beitrag ist schon im Dossier.',
    en: 'This item is already in the dossier.',
  },
  'dossiers.too_many_items': {
    de: 'Ein Dossier fasst höchstens {max} Belege.',
    en: 'A dossier holds at most {max} pieces of evidence.',
  },
  'dossiers.not_draft': {
    de: 'Dieses Dossier ist schon versandt; es lässt sich nicht mehr ändern.',
    en: 'This dossier has already been sent; it can no longer be changed.',
  },
  'dossiers.needs_evidence': {
    de: 'Bitte fügen Sie vor dem Versand mindestens einen Beleg hinzu.',
    en: 'Please add at least one piece of evidence before sending.',
  },
  'dossiers.needs_summary': {
    de: 'Bitte schreiben Sie vor dem Versand eine Zusammenfassung.',
    en: 'Please write a summary before sending.',
  },
  'dossiers.not_public_body': {
    de: 'Dossiers gehen an öffentliche Stellen; diese Organisation ist keine.',
    en: 'Dossiers go to public bodies; this organisation is not one.',
  },
  'dossiers.recipient_required': {
    de: 'Bitte wählen Sie eine öffentliche Stelle im Netzwerk oder geben Sie eine E-Mail-Adresse mit Namen der Stelle an.',
    en: 'Please choose a public body in the network or give an email address with the name of the body.',
  },
  'dossiers.step_order': {
    de: 'Dieser Schritt passt nicht zum Stand des Dossiers ({status}).',
    en: 'This step does not fit the dossier’s state ({status}).',
  },
  'dossiers.not_compiler': {
    de: 'Sie können nur für eine Organisation zusammenstellen, für die Sie tätig sind (Mitarbeit oder Verwaltung).',
    en: 'You can only compile for an organisation you act for (staff or admin).',
  },
  'email.dossier.sent.subject': {
    de: 'Dossier: {title}',
    en: 'Dossier: {title}',
  },
  'email.dossier.sent.body': {
    de: 'Guten Tag,\n\n{sender} übergibt Ihnen über „{network}“ das Dossier „{title}“ für {recipient}.\n\nDas Dossier mit Zusammenfassung, Belegen und Zahlen lesen Sie hier:\n{link}\n\nAls PDF zum Ausdrucken:\n{pdf}\n\nWenn Sie antworten, tragen wir Ihre Antwort dort ein; alle, die zu den Belegen beigetragen haben, erfahren sie dann.\n\nMit freundlichen Grüßen\n{sender}',
    en: 'Hello,\n\n{sender} hands you, through “{network}”, the dossier “{title}” for {recipient}.\n\nRead the dossier with its summary, evidence and figures here:\n{link}\n\nAs a PDF to print:\n{pdf}\n\nWhen you answer, we record your answer there; everyone who contributed to the evidence then learns of it.\n\nKind regards\n{sender}',
  },
  'dossiers.pdf.by': { de: 'Zusammengestellt von {name}', en: 'Compiled by {name}' },
  'dossiers.pdf.to': { de: 'An: {name}', en: 'To: {name}' },
  'dossiers.pdf.sent': { de: 'Versandt am {date}', en: 'Sent on {date}' },
  'dossiers.pdf.draft': { de: 'Entwurf – noch nicht versandt', en: 'Draft – not sent yet' },
  'dossiers.pdf.summary': { de: 'Zusammenfassung', en: 'Summary' },
  'dossiers.pdf.figures': { de: 'Belege in Zahlen', en: 'Evidence in figures' },
  'dossiers.pdf.people': { de: 'Beteiligte Personen: {count}', en: 'People involved: {count}' },
  'dossiers.pdf.few': {
    de: 'Beteiligte Personen: weniger als {min} (zum Schutz Einzelner ohne genaue Zahl)',
    en: 'People involved: fewer than {min} (no exact figure, to protect individuals)',
  },
  'dossiers.pdf.support': {
    de: '„Ich auch“ zu den Hinweisen: {count}',
    en: '“Me too” on the reports: {count}',
  },
  'dossiers.pdf.districts': { de: 'Stadtteile: {names}', en: 'Districts: {names}' },
  'dossiers.pdf.no_district': { de: 'Stadtteile: keine Angabe', en: 'Districts: none given' },
  'dossiers.pdf.items': { de: 'Belege ({count})', en: 'Evidence ({count})' },
  'dossiers.pdf.handling': { de: 'Bearbeitung', en: 'Handling' },
  'dossiers.pdf.answer': { de: 'Antwort', en: 'Answer' },
  'dossiers.pdf.page': { de: 'Seite {page} von {pages}', en: 'Page {page} of {pages}' },
  'dossiers.pdf.link': { de: 'Online: {link}', en: 'Online: {link}' },
  'dossiers.type.map_report': { de: 'Hinweis auf der Karte', en: 'Map report' },
  'dossiers.type.discussion_thread': { de: 'Diskussion', en: 'Discussion' },
  'dossiers.type.discussion_post': { de: 'Diskussionsbeitrag', en: 'Discussion post' },
  'dossiers.type.wiki_page': { de: 'Wiki-Seite', en: 'Wiki page' },
  'dossiers.step.sent': { de: 'Versandt an {name}', en: 'Sent to {name}' },
  'dossiers.step.received': { de: 'Eingegangen', en: 'Received' },
  'dossiers.step.on_agenda': {
    de: 'Auf der Tagesordnung: {committee}, {date}',
    en: 'On the agenda: {committee}, {date}',
  },
  'dossiers.step.answered': { de: 'Beantwortet', en: 'Answered' },
} satisfies Catalogue;

/** The kinds of notification the part writes, with their params (see platform/notifications.ts). */
export const notificationKinds = {
  /** A dossier arrived for the public body (to its staff and admins; sender: who compiled it). */
  'dossier.arrived': ['title', 'sender'],
  /** Steps of a dossier's handling, to everyone behind its evidence and its compilers (recipient: the body). */
  'dossier.sent': ['title', 'recipient'],
  'dossier.received': ['title', 'recipient'],
  /** when: the day of the meeting, worded for the person */
  'dossier.on_agenda': ['title', 'committee', 'when'],
  'dossier.answered': ['title', 'recipient'],
} as const satisfies Record<string, readonly string[]>;

/** The part's pages the server links to (see platform/webPaths.ts). */
export const webPaths = {
  dossier: (id: string) => webPath(`/wissen/dossiers/${seg(id)}`),
  dossierInbox: () => webPath('/wissen/dossiers/posteingang'),
} satisfies Record<string, (...args: string[]) => string>;

/** The kinds of thing the part puts into the network's search (see platform/search.ts). */
export const searchTypes = ['dossier'] as const;
