import type { Catalogue } from '../../../i18n/messages.ts';

/** Surveys: questions of the usual types, anonymous or named, results with the small-cell rule: its data for the area's area.ts. Data only. */

/** Messages the part sends (errors, emails), German and English. */
export const messages = {
  'codesign.survey_answered': {
    de: 'Jemand hat die Umfrage schon beantwortet. Die Fragen können deshalb nicht mehr geändert werden.',
    en: 'Somebody has already answered the survey, so its questions can no longer be changed.',
  },
  'codesign.survey_already_answered': {
    de: 'Diese Umfrage ist schon beantwortet. Jede Person antwortet nur einmal.',
    en: 'This survey has already been answered. Everyone answers once.',
  },
  'codesign.survey_empty': {
    de: 'Diese Umfrage hat noch keine Fragen.',
    en: 'This survey has no questions yet.',
  },
  'codesign.survey_nothing_answered': {
    de: 'Bitte beantworten Sie mindestens eine Frage.',
    en: 'Please answer at least one question.',
  },
  'codesign.survey_results_later': {
    de: 'Die Ergebnisse sind zu sehen, wenn die Umfrage beendet ist.',
    en: 'The results can be seen once the survey has closed.',
  },
} satisfies Catalogue;

/** The kinds of notification the part writes, with their params (see platform/notifications.ts). */
export const notificationKinds = {} as const satisfies Record<string, readonly string[]>;

/** The part's pages the server links to (see platform/webPaths.ts). */
export const webPaths = {};

/** The kinds of thing the part puts into the network's search (see platform/search.ts). */
export const searchTypes = [] as const;
