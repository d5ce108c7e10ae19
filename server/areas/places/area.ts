import * as events from './events/area.ts';
import * as interactions from './interactions/area.ts';

/**
 * Räume & Brücken: what the foundation's closed lists take from this area (server/areas/lists.ts),
 * joined from its parts' area.ts: the messages it sends, the kinds of notification it writes and the
 * pages it links to. Data only.
 */
export const messages = {
  ...interactions.messages,
  ...events.messages,
};

export const notificationKinds = {
  ...interactions.notificationKinds,
  ...events.notificationKinds,
} as const;

export const webPaths = {
  ...interactions.webPaths,
  ...events.webPaths,
};
