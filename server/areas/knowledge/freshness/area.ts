import type { Catalogue } from '../../../i18n/messages.ts';
import { seg, webPath } from '../../../platform/webPath.ts';

/** Freshness: the owner and review interval of wiki pages and map reports, "still correct?" reminders, readers' "out of date" notes, the coordinator's list of stale content — its data for the area's area.ts. Data only. */

/** Messages the part sends (errors, emails), German and English. */
export const messages = {
  'freshness.already_reported': {
    de: 'Sie haben hier schon gemeldet, dass etwas nicht mehr stimmt. Die verantwortliche Person kümmert sich darum — eine zweite Meldung ist nicht nötig.',
    en: 'You have already reported that something here is no longer correct. The person responsible will look into it — there is no need to report it twice.',
  },
  'freshness.owner_not_editor': {
    de: 'Diese Person kann den Inhalt nicht bearbeiten. Bitte wählen Sie jemanden, der ihn bearbeiten darf.',
    en: 'This person cannot edit the content. Please choose someone who may edit it.',
  },
  'freshness.nothing_to_change': {
    de: 'Bitte geben Sie eine neue verantwortliche Person oder einen neuen Prüfabstand an.',
    en: 'Please give a new person responsible or a new review interval.',
  },
} satisfies Catalogue;

/** The kinds of notification the part writes, with their params (see platform/notifications.ts). */
export const notificationKinds = {
  /** "Still correct?": the check of a thing the person keeps current is due (dueAt: since when). */
  'freshness.review_due': ['title', 'dueAt'],
  /** The checks of several things the person keeps current came due at once (count: how many); one notice for all. */
  'freshness.reviews_due': ['count'],
  /** A reader said the thing the person keeps current is out of date (name: the reader). */
  'freshness.reported': ['title', 'name'],
  /** Someone made the person responsible for keeping a thing current (name: who). */
  'freshness.owner_assigned': ['title', 'name'],
  /** The thing a person reported as out of date was checked and is current again. */
  'freshness.note_resolved': ['title'],
} as const satisfies Record<string, readonly string[]>;

/** The part's pages the server links to (see platform/webPaths.ts). */
export const webPaths = {
  /** The coordinator's list of stale content (and everyone's list of what they are asked to check). */
  freshnessList: () => webPath('/wissen/aktualitaet'),
  /** One thing's freshness: its check, readers' notes, owner and interval. */
  freshnessCheck: (targetType: string, targetId: string) =>
    webPath(`/wissen/aktualitaet/${seg(targetType)}/${seg(targetId)}`),
} satisfies Record<string, (...args: string[]) => string>;

/** The kinds of thing the part puts into the network's search (see platform/search.ts). */
export const searchTypes = [] as const;
