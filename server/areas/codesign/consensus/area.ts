import type { Catalogue } from '../../../i18n/messages.ts';
import { seg, webPath } from '../../../platform/webPath.ts';

/** Consensus: proposals decided by agree / abstain / disagree / block, outcomes and review dates: its data for the area's area.ts. Data only. */

/** Messages the part sends (errors, emails), German and English. */
export const messages = {
  'codesign_consensus.closed': {
    de: 'Die Abstimmung über diesen Vorschlag ist beendet. Sie können Ihre Haltung nicht mehr abgeben oder ändern.',
    en: 'Voting on this proposal has ended. You can no longer give or change your stance.',
  },
  'codesign_consensus.still_open': {
    de: 'Der Vorschlag ist noch offen. Das Ergebnis können Sie erst nach dem Ende der Abstimmung festhalten.',
    en: 'The proposal is still open. You can record the outcome only once voting has ended.',
  },
  'codesign_consensus.closes_in_past': {
    de: 'Das Ende der Abstimmung muss in der Zukunft liegen. Bitte wählen Sie einen späteren Zeitpunkt.',
    en: 'The end of voting must be in the future. Please choose a later time.',
  },
  'codesign_consensus.review_in_past': {
    de: 'Der Termin für die Überprüfung darf nicht in der Vergangenheit liegen. Bitte wählen Sie heute oder einen späteren Tag.',
    en: 'The review date must not be in the past. Please choose today or a later day.',
  },
  'codesign_consensus.no_stance': {
    de: 'Hier gibt es keine Haltung, die Sie zurückziehen könnten.',
    en: 'There is no stance here that you could withdraw.',
  },
  'codesign_consensus.no_review': {
    de: 'Für diesen Vorschlag ist keine Überprüfung geplant. Bitte halten Sie zuerst das Ergebnis mit einem Termin fest.',
    en: 'No review is planned for this proposal. Please record the outcome with a review date first.',
  },
} satisfies Catalogue;

/** The kinds of notification the part writes, with their params (see platform/notifications.ts). */
export const notificationKinds = {
  /** The review date of a decision has come: the group looks at whether it worked (project: its title). */
  'consensus.review_due': ['title', 'project'],
} as const satisfies Record<string, readonly string[]>;

/** The part's pages the server links to (see platform/webPaths.ts). */
export const webPaths = {
  /** A consensus tool's page: its proposals, stances and outcomes. */
  consensusTool: (projectId: string, toolId: string) =>
    webPath(`/mitgestalten/projekte/${seg(projectId)}/werkzeuge/${seg(toolId)}`),
} satisfies Record<string, (...args: string[]) => string>;

/** The kinds of thing the part puts into the network's search (see platform/search.ts). */
export const searchTypes = [] as const;
