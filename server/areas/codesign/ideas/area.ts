import type { Catalogue } from '../../../i18n/messages.ts';

/** Ideas: ideas and proposals with comments and pro/contra points; merging duplicates: its data for the area's area.ts. Data only. */

/** Messages the part sends (errors, emails), German and English. */
export const messages = {} satisfies Catalogue;

/** The kinds of notification the part writes, with their params (see platform/notifications.ts). */
export const notificationKinds = {} as const satisfies Record<string, readonly string[]>;

/** The part's pages the server links to (see platform/webPaths.ts). */
export const webPaths = {};

/** The kinds of thing the part puts into the network's search (see platform/search.ts). */
export const searchTypes = [] as const;
