import type { Catalogue } from '../../../i18n/messages.ts';

/** Ideas: ideas and proposals with comments and pro/contra points; merging duplicates: its data for the area's area.ts. Data only. */

/** Messages the part sends (errors, emails), German and English. */
export const messages = {
  'codesignIdeas.proposals_closed': {
    de: 'Neue Ideen trägt hier nur die Moderation ein. Sie können die Ideen kommentieren und Für und Wider sammeln.',
    en: 'Only the facilitators add new ideas here. You can comment on the ideas and add points for and against.',
  },
  'codesignIdeas.points_off': {
    de: 'Bei diesen Ideen werden keine Für- und Wider-Punkte gesammelt. Schreiben Sie gern einen Kommentar.',
    en: 'This tool does not collect points for and against. You are welcome to write a comment.',
  },
  'codesignIdeas.merged': {
    de: 'Diese Idee wurde mit einer anderen zusammengeführt. Bitte schreiben Sie bei der anderen Idee weiter.',
    en: 'This idea was merged with another one. Please continue at the other idea.',
  },
  'codesignIdeas.merge_self': {
    de: 'Eine Idee kann nicht mit sich selbst zusammengeführt werden. Bitte wählen Sie eine andere Idee.',
    en: 'An idea cannot be merged with itself. Please choose another idea.',
  },
  'codesignIdeas.merge_target_merged': {
    de: 'Die gewählte Idee wurde selbst schon zusammengeführt. Bitte wählen Sie die Idee, in die sie einging.',
    en: 'The idea you chose was merged itself. Please choose the idea it went into.',
  },
  'codesignIdeas.selection_unknown': {
    de: 'Mindestens eine gewählte Idee gibt es hier nicht mehr (zusammengeführt oder ausgeblendet). Bitte laden Sie die Seite neu.',
    en: 'At least one of the chosen ideas is no longer here (merged or hidden). Please reload the page.',
  },
} satisfies Catalogue;

/** The kinds of notification the part writes, with their params (see platform/notifications.ts). */
export const notificationKinds = {} as const satisfies Record<string, readonly string[]>;

/** The part's pages the server links to (see platform/webPaths.ts). */
export const webPaths = {};

/** The kinds of thing the part puts into the network's search (see platform/search.ts). */
export const searchTypes = [] as const;
