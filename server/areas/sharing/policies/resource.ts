import { abilitiesOf } from '../../../policies/abilities.ts';
import { type Actor, actsFor, isSignedIn } from '../../../policies/actor.ts';

export interface ResourceRef {
  owner_type: 'organisation' | 'person';
  organisation_id: string | null;
  person_id: string | null;
  active: boolean;
  approximate: boolean;
  who_may_borrow: 'members' | 'everyone';
}

/** The owner side: the owning person, or staff and admins of the owning organisation. */
export function ownsResource(
  actor: Actor,
  r: Pick<ResourceRef, 'owner_type' | 'organisation_id' | 'person_id'>,
) {
  if (!isSignedIn(actor)) return false;
  if (r.owner_type === 'person') return r.person_id === actor.accountId;
  return r.organisation_id !== null && actsFor(actor, r.organisation_id);
}

/**
 * Shared resources. The catalogue and map are public (anonymous visitors too) for active resources;
 * the owner side manages a resource, its availability, its feed and its bookings. "members" may be
 * borrowed by people who belong to an organisation of the network, "everyone" by anyone signed in.
 * A private person's exact address is only for the owner.
 */
export const resourcePolicy = {
  list: (_actor: Actor) => true,
  view: (actor: Actor, r: ResourceRef) =>
    r.active || ownsResource(actor, r) || (isSignedIn(actor) && actor.isInstanceAdmin),
  create: (actor: Actor, owner: { type: 'organisation' | 'person'; id: string }) =>
    isSignedIn(actor) && (owner.type === 'person' ? owner.id === actor.accountId : actsFor(actor, owner.id)),
  update: (actor: Actor, r: ResourceRef) =>
    ownsResource(actor, r) || (isSignedIn(actor) && actor.isInstanceAdmin),
  delete: (actor: Actor, r: ResourceRef) =>
    ownsResource(actor, r) || (isSignedIn(actor) && actor.isInstanceAdmin),
  manageAvailability: (actor: Actor, r: ResourceRef) => ownsResource(actor, r),
  manageFeed: (actor: Actor, r: ResourceRef) => ownsResource(actor, r),
  viewUtilisation: (actor: Actor, r: ResourceRef) =>
    ownsResource(actor, r) || (isSignedIn(actor) && actor.isInstanceAdmin),
  book: (actor: Actor, r: ResourceRef) =>
    isSignedIn(actor) &&
    r.active &&
    (r.who_may_borrow === 'everyone' ||
      actor.roles.size > 0 ||
      actor.isInstanceAdmin ||
      ownsResource(actor, r)),
  viewExactLocation: (actor: Actor, r: ResourceRef) => !r.approximate || ownsResource(actor, r),
};

export const resourceAbilities = (actor: Actor, r: ResourceRef) =>
  abilitiesOf(resourcePolicy, ['update', 'delete', 'manageAvailability', 'manageFeed', 'book'], actor, r);
