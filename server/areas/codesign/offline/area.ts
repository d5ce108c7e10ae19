import type { Catalogue } from '../../../i18n/messages.ts';

/** Offline: assisted participation with consent, taking contributions over, meeting records, paper kits and tallies: its data for the area's area.ts. Data only. */

/** Messages the part sends (errors, emails), German and English. */
export const messages = {
  'codesign.assist_consent_withdrawn': {
    de: 'Diese Person hat ihre Einwilligung zurückgezogen. Für sie kann nichts mehr eingetragen werden.',
    en: 'This person has withdrawn their consent. Nothing more can be entered for them.',
  },
  'codesign.offline_name_or_email': {
    de: 'Bitte geben Sie entweder einen Namen (für eine Person ohne Konto) oder die E-Mail-Adresse eines Mitglieds an.',
    en: 'Please give either a name (for a person without an account) or the e-mail address of a member.',
  },
  'codesign.offline_no_member': {
    de: 'Mit dieser E-Mail-Adresse gibt es kein Konto im Netzwerk. Tragen Sie die Person sonst ohne Konto unter einem Namen ein.',
    en: 'There is no account in the network with this e-mail address. Otherwise enter the person without an account under a name.',
  },
  'codesign.offline_unknown_district': {
    de: 'Diesen Stadtteil gibt es nicht. Bitte wählen Sie einen aus der Liste.',
    en: 'This district does not exist. Please choose one from the list.',
  },
  'codesign.offline_has_account': {
    de: 'Diese Person hat schon ein Konto. Sie braucht keinen Code zum Übernehmen.',
    en: 'This person already has an account. They need no code to take over.',
  },
  'codesign.offline_claim_unknown': {
    de: 'Diesen Code kennen wir nicht, oder er wurde schon benutzt. Bitte prüfen Sie die Buchstaben und Zahlen.',
    en: 'We do not know this code, or it has already been used. Please check the letters and digits.',
  },
  'codesign.offline_claim_expired': {
    de: 'Dieser Code ist abgelaufen. Bitten Sie die Person, die Sie unterstützt hat, um einen neuen Code.',
    en: 'This code has expired. Ask the person who helped you for a new code.',
  },
  'codesign.offline_claim_already_participant': {
    de: 'Mit Ihrem Konto machen Sie bei diesem Projekt schon mit. Zwei Teilnahmen können wir nicht zusammenlegen. Bitte wenden Sie sich an die Moderation des Projekts.',
    en: 'Your account already takes part in this project. We cannot join two participations. Please contact the project’s facilitators.',
  },
  'codesign.offline_attendance_value': {
    de: 'Diese Gruppe gibt es nicht oder sie steht doppelt in der Liste.',
    en: 'This group does not exist or is listed twice.',
  },
  'codesign.offline_group_exceeds': {
    de: 'In den Gruppen stehen zusammen mehr Menschen, als insgesamt da waren ({people}).',
    en: 'The groups add up to more people than came in total ({people}).',
  },
  'codesign.offline_no_meeting_record': {
    de: 'Zu diesem Treffen gibt es noch kein Protokoll. Legen Sie zuerst das Protokoll an.',
    en: 'This meeting has no record yet. Please record the meeting first.',
  },
} satisfies Catalogue;

/** The kinds of notification the part writes, with their params (see platform/notifications.ts). */
export const notificationKinds = {} as const satisfies Record<string, readonly string[]>;

/** The part's pages the server links to (see platform/webPaths.ts). */
export const webPaths = {};

/** The kinds of thing the part puts into the network's search (see platform/search.ts). */
export const searchTypes = [] as const;
