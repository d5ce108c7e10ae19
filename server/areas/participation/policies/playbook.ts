import { type Actor, isSignedIn } from '../../../policies/actor.ts';

/** Staff or admin of at least one organisation of the network. */
function actsForAnOrganisation(actor: Actor): boolean {
  if (!isSignedIn(actor)) return false;
  for (const role of actor.roles.values()) if (role === 'admin' || role === 'staff') return true;
  return false;
}

/**
 * The participation playbook is shared know-how: everyone may read it; staff and admins of any
 * organisation (and instance admins) write it. Every save is a revision; nothing is deleted.
 */
export const playbookPolicy = {
  view: (_actor: Actor) => true,
  edit: (actor: Actor) => actsForAnOrganisation(actor) || (isSignedIn(actor) && actor.isInstanceAdmin),
};
