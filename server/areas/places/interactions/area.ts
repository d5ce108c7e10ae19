import type { Catalogue } from '../../../i18n/messages.ts';
import { webPath } from '../../../platform/webPath.ts';

/**
 * Interactions: what this part of Räume & Brücken adds to the foundation's closed lists (joined by
 * ../area.ts) — the messages it sends, the kinds of notification it writes and the pages it links to.
 */

/** Messages the area sends (errors, emails), German and English. */
export const messages = {
  'interaction.self': {
    de: 'Eine Begegnung braucht eine andere Person oder Organisation.',
    en: 'An interaction needs another person or organisation.',
  },
  'interaction.unknown_party': {
    de: 'Diese Person oder Organisation gibt es im Netzwerk nicht.',
    en: 'This person or organisation is not part of the network.',
  },
  'interaction.future': {
    de: 'Eine Begegnung kann nicht in der Zukunft liegen.',
    en: 'An interaction cannot lie in the future.',
  },
  'interaction.pending_exists': {
    de: '{name} hat Ihre letzte Begegnung noch nicht bestätigt. Sie können eine weitere eintragen, sobald {name} geantwortet hat.',
    en: '{name} has not confirmed your last interaction yet. You can log another one once {name} has answered.',
  },
  'interaction.declined_recently': {
    de: '{name} hat vor Kurzem eine Begegnung abgelehnt, die Sie eingetragen hatten. Danach können Sie {days} Tage lang keine neue mit {name} eintragen; {name} kann eine Begegnung mit Ihnen aber selbst eintragen.',
    en: '{name} recently declined an interaction you had logged. For {days} days after that you cannot log a new one with {name}; {name} can still log one with you.',
  },
  'interaction.confirm_own': {
    de: 'Bestätigen kann nur die Person, mit der Sie die Begegnung eingetragen haben.',
    en: 'Only the person you logged the interaction with can confirm it.',
  },
  'interaction.not_by_hand': {
    de: 'Diese Begegnung kommt aus einer Aktivität (etwa einer Ausleihe, einer Schicht oder einer Zeitgutschrift) und bleibt mit ihr bestehen.',
    en: 'This interaction comes from an activity (such as a loan, a shift or a time-credit transfer) and stays with it.',
  },
} satisfies Catalogue;

/** The kinds of notification the area writes, with their params (see platform/notifications.ts). */
export const notificationKinds = {
  'interaction.confirmation_requested': ['name', 'kind'],
} as const satisfies Record<string, readonly string[]>;

/** The area's pages the server links to (see platform/webPaths.ts). */
export const webPaths = {
  /** Where a person confirms or declines the interactions others logged with them. */
  interactions: () => webPath('/begegnungen'),
} satisfies Record<string, (...args: string[]) => string>;
