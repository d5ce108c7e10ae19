import type { Catalogue } from '../../../i18n/messages.ts';
import { seg, webPath } from '../../../platform/webPath.ts';

/** Accountability: who is affected vs who took part, the outcome, the review, the method library: its data for the area's area.ts. Data only. */

/** Messages the part sends (errors, emails), German and English. */
export const messages = {
  'codesign.affected_shares_over': {
    de: 'Die erwarteten Anteile einer Gruppenart ergeben zusammen mehr als 100 %. Bitte verringern Sie sie.',
    en: 'The expected shares of one kind of group add up to more than 100 %. Please lower them.',
  },
  'codesign.affected_twice': {
    de: 'Diese Gruppe steht schon in der Liste.',
    en: 'This group is already on the list.',
  },
  'codesign.outcome_stale': {
    de: 'Jemand hat das Ergebnis inzwischen geändert. Bitte laden Sie die Seite neu und tragen Sie Ihre Änderung noch einmal ein.',
    en: 'Someone changed the outcome in the meantime. Please reload the page and make your change again.',
  },
  'codesign.review_in_future': {
    de: 'Ein Rückblick kann nicht in der Zukunft liegen. Bitte wählen Sie das Datum, an dem er stattfand.',
    en: 'A review cannot lie in the future. Please choose the date it took place.',
  },
} satisfies Catalogue;

/** The kinds of notification the part writes, with their params (see platform/notifications.ts). */
export const notificationKinds = {
  /** The review date of a project the person organises or facilitates has come (title: the project's). */
  'codesign.review_due': ['title'],
} as const satisfies Record<string, readonly string[]>;

/** The part's pages the server links to (see platform/webPaths.ts). */
export const webPaths = {
  /** A project's outcome, reviews, and who is affected vs who took part. */
  codesignImpact: (projectId: string) => webPath(`/mitgestalten/projekte/${seg(projectId)}/wirkung`),
};

/** The kinds of thing the part puts into the network's search (see platform/search.ts). */
export const searchTypes = [] as const;
