import * as digests from './digests/area.ts';
import * as discussions from './discussions/area.ts';
import * as dossiers from './dossiers/area.ts';
import * as freshness from './freshness/area.ts';
import * as news from './news/area.ts';
import * as reports from './reports/area.ts';
import * as wiki from './wiki/area.ts';

/**
 * Wissen: what the foundation's closed lists take from this area (server/areas/lists.ts), joined
 * from its parts' area.ts — the messages it sends, the kinds of notification it writes, the pages it
 * links to and the kinds of thing it puts into the search. Data only.
 */
export const messages = {
  ...wiki.messages,
  ...freshness.messages,
  ...news.messages,
  ...discussions.messages,
  ...reports.messages,
  ...dossiers.messages,
  ...digests.messages,
};

export const notificationKinds = {
  ...wiki.notificationKinds,
  ...freshness.notificationKinds,
  ...news.notificationKinds,
  ...discussions.notificationKinds,
  ...reports.notificationKinds,
  ...dossiers.notificationKinds,
  ...digests.notificationKinds,
} as const;

export const webPaths = {
  ...wiki.webPaths,
  ...freshness.webPaths,
  ...news.webPaths,
  ...discussions.webPaths,
  ...reports.webPaths,
  ...dossiers.webPaths,
  ...digests.webPaths,
};

export const searchTypes = [
  ...wiki.searchTypes,
  ...news.searchTypes,
  ...discussions.searchTypes,
  ...reports.searchTypes,
  ...dossiers.searchTypes,
] as const;
