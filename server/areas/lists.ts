import * as codesign from './codesign/area.ts';
import * as knowledge from './knowledge/area.ts';
import * as participation from './participation/area.ts';
import * as places from './places/area.ts';
import * as sharing from './sharing/area.ts';
import * as support from './support/area.ts';
import * as timebank from './timebank/area.ts';

/**
 * The closed lists every area adds to, joined from the areas' area.ts (data only, so the foundation
 * can read them without importing the areas' code): the messages the server sends
 * (i18n/messages.ts), the kinds of notification (platform/notifications.ts) and the pages it links
 * to (platform/webPaths.ts). They stay typed: a key an area does not declare does not compile.
 * Adding an area means adding its area.ts here, as its manifest goes into index.ts.
 */
export const areaMessages = {
  ...sharing.messages,
  ...timebank.messages,
  ...participation.messages,
  ...support.messages,
  ...places.messages,
  ...knowledge.messages,
  ...codesign.messages,
};

export const areaNotificationKinds = {
  ...sharing.notificationKinds,
  ...timebank.notificationKinds,
  ...participation.notificationKinds,
  ...support.notificationKinds,
  ...places.notificationKinds,
  ...knowledge.notificationKinds,
  ...codesign.notificationKinds,
} as const;

export const areaWebPaths = {
  ...sharing.webPaths,
  ...timebank.webPaths,
  ...participation.webPaths,
  ...support.webPaths,
  ...places.webPaths,
  ...knowledge.webPaths,
  ...codesign.webPaths,
};

/** The kinds of thing each area puts into the network's search, in the order they are offered. */
export const areaSearchTypes = [
  ...sharing.searchTypes,
  ...participation.searchTypes,
  ...places.searchTypes,
  ...knowledge.searchTypes,
  ...codesign.searchTypes,
] as const;
