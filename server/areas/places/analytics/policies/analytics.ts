import { type Actor, actsFor, isSignedIn } from '../../../../policies/actor.ts';

/**
 * Who sees what of the network analytics.
 *
 * - The organisation graph and the aggregate figures are for the network's coordinators: the
 *   instance admins and the staff and admins of a public body (the town hall's network coordinator,
 *   as for the status of map reports). `publicBodies` are the organisations of kind `public_body`
 *   the person is a member of (read by the caller; the actor knows roles, not kinds). Everyone else
 *   is told the page does not exist.
 * - Organisations and communities may be named there (they are public); a person never is.
 * - One's own ego network is for oneself only, and anyone signed in has one; so is the choice to
 *   opt out of being counted.
 */
export const analyticsPolicy = {
  seeNetwork: (actor: Actor, publicBodies: readonly string[]) =>
    isSignedIn(actor) && (actor.isInstanceAdmin || publicBodies.some((id) => actsFor(actor, id))),
  seeOwn: (actor: Actor) => isSignedIn(actor),
};
