import type { Catalogue } from '../../../i18n/messages.ts';

/** Votes: dot voting with a budget of dots per person, and ranking: its data for the area's area.ts. Data only. */

/** Messages the part sends (errors, emails), German and English. */
export const messages = {
  'codesignVotes.over_budget': {
    de: 'Sie haben alle {budget} Punkte schon verteilt. Nehmen Sie zuerst einen Punkt woanders weg.',
    en: 'You have already placed all {budget} dots. Take a dot away somewhere else first.',
  },
  'codesignVotes.over_per_option': {
    de: 'Auf eine Möglichkeit passen höchstens {max} Punkte.',
    en: 'One option takes at most {max} dots.',
  },
  'codesignVotes.no_dot': {
    de: 'Auf dieser Möglichkeit liegt kein Punkt, der weggenommen werden kann.',
    en: 'There is no dot on this option to take away.',
  },
  'codesignVotes.closed': {
    de: 'Die Abstimmung ist beendet. Es kann nichts mehr geändert werden.',
    en: 'The vote has ended. Nothing can be changed any more.',
  },
  'codesignVotes.option_unknown': {
    de: 'Diese Möglichkeit gehört nicht zu dieser Abstimmung. Bitte laden Sie die Seite neu.',
    en: 'This option does not belong to this vote. Please reload the page.',
  },
  'codesignVotes.ranking_too_long': {
    de: 'Sie können höchstens {places} Möglichkeiten in eine Reihenfolge bringen.',
    en: 'You can rank at most {places} options.',
  },
  'codesignVotes.ranking_twice': {
    de: 'Jede Möglichkeit kann nur einmal in der Reihenfolge stehen.',
    en: 'Each option can appear only once in the ranking.',
  },
  'codesignVotes.too_many_options': {
    de: 'Eine Abstimmung hat höchstens {max} Möglichkeiten.',
    en: 'A vote has at most {max} options.',
  },
  'codesignVotes.option_has_votes': {
    de: 'Die Abstimmung ist beendet und für diese Möglichkeit wurde schon abgestimmt. Sie bleibt deshalb stehen.',
    en: 'The vote has ended and this option already has votes, so it stays.',
  },
  'codesignVotes.move_same': {
    de: 'Bitte wählen Sie zwei verschiedene Möglichkeiten.',
    en: 'Please choose two different options.',
  },
} satisfies Catalogue;

/** The kinds of notification the part writes, with their params (see platform/notifications.ts). */
export const notificationKinds = {} as const satisfies Record<string, readonly string[]>;

/** The part's pages the server links to (see platform/webPaths.ts). */
export const webPaths = {};

/** The kinds of thing the part puts into the network's search (see platform/search.ts). */
export const searchTypes = [] as const;
