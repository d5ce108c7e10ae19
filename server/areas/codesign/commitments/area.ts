import type { Catalogue } from '../../../i18n/messages.ts';
import { seg, webPath } from '../../../platform/webPath.ts';

/** Commitments: the agreed measures as named commitments (a room or a loan, shifts, time credits, a task), linked both ways: its data for the area's area.ts. Data only. */

/** Messages the part sends (errors, emails), German and English. */
export const messages = {
  'codesign.commitment_link_missing': {
    de: 'Das gibt es nicht, oder Sie können es nicht sehen. Bitte wählen Sie aus der Liste.',
    en: 'This does not exist, or you cannot see it. Please choose from the list.',
  },
  'codesign.commitment_not_yours': {
    de: 'Sie können nur Räume, Dinge, Einsätze und Zeitguthaben Ihrer eigenen Organisation zusagen.',
    en: 'You can only commit rooms, things, opportunities and time credits of your own organisation.',
  },
  'codesign.commitment_wrong_resource': {
    de: 'Eine Ausleihe ist für Dinge und Fahrzeuge. Für einen Raum wählen Sie „Raum buchen“.',
    en: 'A loan is for things and vehicles. For a room, choose “Book a room”.',
  },
  'codesign.commitment_owner_not_in_project': {
    de: 'Verantwortlich kann nur jemand sein, der im Projekt mitmacht oder es mit organisiert.',
    en: 'Only someone who takes part in the project or helps run it can be responsible.',
  },
  'codesign.commitment_shift_not_of_opportunity': {
    de: 'Diese Schicht gehört nicht zu dem gewählten Einsatz.',
    en: 'This shift does not belong to the chosen opportunity.',
  },
  'codesign.commitment_transfer_not_of_pledger': {
    de: 'Diese Überweisung kommt nicht von der Person oder Organisation, die die Zeit zugesagt hat.',
    en: 'This transfer does not come from the person or organisation that pledged the time.',
  },
  'codesign.commitment_booking_refused': {
    de: 'Die Buchung ging nicht: {reason}',
    en: 'The booking was not possible: {reason}',
  },
  'codesign.commitment_stale': {
    de: 'Jemand hat die Zusage inzwischen geändert. Bitte laden Sie die Seite neu.',
    en: 'Someone changed the commitment in the meantime. Please reload the page.',
  },
} satisfies Catalogue;

/** The kinds of notification the part writes, with their params (see platform/notifications.ts). */
export const notificationKinds = {
  /** The person was made responsible for a task of a co-design project (title: the task's, project: the project's). */
  'codesign.commitment_assigned': ['title', 'project'],
} as const satisfies Record<string, readonly string[]>;

/** The part's pages the server links to (see platform/webPaths.ts). */
export const webPaths = {
  /** A project's commitments. */
  codesignCommitments: (projectId: string) => webPath(`/mitgestalten/projekte/${seg(projectId)}/zusagen`),
  /** One commitment in its project's list (the page scrolls to it). */
  codesignCommitment: (projectId: string, id: string) =>
    webPath(`/mitgestalten/projekte/${seg(projectId)}/zusagen?zusage=${seg(id)}`),
};

/** The kinds of thing the part puts into the network's search (see platform/search.ts). */
export const searchTypes = [] as const;
