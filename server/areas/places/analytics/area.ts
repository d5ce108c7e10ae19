import type { Catalogue } from '../../../i18n/messages.ts';
import { webPath } from '../../../platform/webPath.ts';

/**
 * Network analytics: what this part of Räume & Brücken adds to the foundation's closed lists (joined
 * by ../area.ts). It sends no messages of its own and writes no notifications; its pages:
 */
export const messages = {} satisfies Catalogue;

export const notificationKinds = {} as const satisfies Record<string, readonly string[]>;

export const webPaths = {
  /** the organisation graph, for the network's coordinators */
  network: () => webPath('/raeume/netzwerk'),
  /** one's own network and the choice not to be counted */
  ownNetwork: () => webPath('/raeume/netzwerk/ich'),
} satisfies Record<string, (...args: string[]) => string>;
