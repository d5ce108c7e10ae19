import { areaWebPaths } from '../areas/lists.ts';
import { seg, type WebPath, webPath } from './webPath.ts';

/**
 * Where the web client shows things, for the links the server hands out (notifications, search
 * entries, mails, feeds): the foundation's pages here, each area's in its area.ts, one typed list —
 * so a page that moves in the client moves here too, and test/browser/notification-texts.test.ts
 * matches every path made here against the client's routes. A notification's link is a WebPath, so
 * it can only be made by these lists.
 */

export type { WebPath } from './webPath.ts';

const foundationPaths = {
  organisation: (slug: string) => webPath(`/organisationen/${seg(slug)}`),
  organisationAdmin: (slug: string) => webPath(`/organisationen/${seg(slug)}/verwaltung`),
  /** The enquiries people sent the organisation, on its admin page. */
  organisationEnquiries: (slug: string) => webPath(`/organisationen/${seg(slug)}/verwaltung#anfragen`),
  /** A person's own account activity: sign-ins, password changes, an admin's sign-in links. */
  accountActivity: () => webPath('/profil#aktivitaet'),
  profile: () => webPath('/profil'),
  /** Invitations to organisations waiting for me, to accept or decline. */
  myInvitations: () => webPath('/einladungen'),
  notifications: () => webPath('/benachrichtigungen'),
  /** Reports waiting for a moderator (instance admins). */
  moderation: () => webPath('/verwaltung/meldungen'),
} satisfies Record<string, (...args: string[]) => WebPath>;

/** Every page the server links to: the foundation's and each area's (its area.ts). */
export const webPaths = { ...foundationPaths, ...areaWebPaths } satisfies Record<
  string,
  (...args: string[]) => WebPath
>;
