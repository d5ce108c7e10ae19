import * as analytics from './analytics/area.ts';
import * as bridges from './bridges/area.ts';
import * as communities from './communities/area.ts';
import * as events from './events/area.ts';
import * as interactions from './interactions/area.ts';

/**
 * Räume & Brücken: what the foundation's closed lists take from this area (server/areas/lists.ts),
 * joined from its parts' area.ts: the messages it sends, the kinds of notification it writes, the
 * pages it links to and the kinds of thing it puts into the search. Data only.
 */
export const messages = {
  ...interactions.messages,
  ...analytics.messages,
  ...communities.messages,
  ...bridges.messages,
  ...events.messages,
};

export const notificationKinds = {
  ...interactions.notificationKinds,
  ...analytics.notificationKinds,
  ...communities.notificationKinds,
  ...bridges.notificationKinds,
  ...events.notificationKinds,
} as const;

export const webPaths = {
  ...interactions.webPaths,
  ...analytics.webPaths,
  ...communities.webPaths,
  ...bridges.webPaths,
  ...events.webPaths,
};

export const searchTypes = [...communities.searchTypes] as const;
