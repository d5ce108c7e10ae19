import { type Actor, isSignedIn } from './actor.ts';

/** People: a profile is shown to signed-in members of the network; only its owner edits it. */
export const accountPolicy = {
  viewProfile: (actor: Actor, _target: { id: string }) => isSignedIn(actor),
  updateProfile: (actor: Actor, target: { id: string }) => isSignedIn(actor) && actor.accountId === target.id,
  /** Email addresses are personal data: the person and instance admins. */
  viewEmail: (actor: Actor, target: { id: string }) =>
    isSignedIn(actor) && (actor.accountId === target.id || actor.isInstanceAdmin),
  /** Nobody blocks themselves: an instance could lose its last admin that way. */
  block: (actor: Actor, target: { id: string }) =>
    isSignedIn(actor) && actor.isInstanceAdmin && actor.accountId !== target.id,
  unblock: (actor: Actor, _target: { id: string }) => isSignedIn(actor) && actor.isInstanceAdmin,
  /**
   * Helping a person in without email: an instance admin makes a one-time sign-in link for someone
   * else, audited, told to the person and shown in their account activity; its session is assisted.
   */
  makeSignInLink: (actor: Actor, target: { id: string }) =>
    isSignedIn(actor) && actor.isInstanceAdmin && actor.accountId !== target.id,
  /** What was done with an account (sign-ins, password, an admin's help): the person only. */
  readActivity: (actor: Actor, target: { id: string }) => isSignedIn(actor) && actor.accountId === target.id,
  listAll: (actor: Actor) => isSignedIn(actor) && actor.isInstanceAdmin,
};
