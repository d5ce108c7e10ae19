import { type Actor, isSignedIn } from './actor.ts';

/** Notifications are personal: each person sees and marks only their own, not even instance admins others'. */
export const notificationPolicy = {
  listOwn: (actor: Actor) => isSignedIn(actor),
  markRead: (actor: Actor, n: { accountId: string }) => isSignedIn(actor) && actor.accountId === n.accountId,
};
