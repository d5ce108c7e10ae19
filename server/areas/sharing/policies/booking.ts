import type { BookingStatus } from '../../../db/schema.ts';
import { abilitiesOf } from '../../../policies/abilities.ts';
import { type Actor, isSignedIn } from '../../../policies/actor.ts';
import { ownsResource, type ResourceRef } from './resource.ts';

export interface BookingRef {
  status: BookingStatus;
  requester_id: string;
  resource: Pick<ResourceRef, 'owner_type' | 'organisation_id' | 'person_id'>;
}

/** The policy's view of a booking row as the repository returns it. */
export function bookingRef(b: {
  status: BookingStatus;
  requester_id: string;
  owner_type: ResourceRef['owner_type'];
  owner_organisation_id: string | null;
  owner_person_id: string | null;
}): BookingRef {
  return {
    status: b.status,
    requester_id: b.requester_id,
    resource: {
      owner_type: b.owner_type,
      organisation_id: b.owner_organisation_id,
      person_id: b.owner_person_id,
    },
  };
}

const isRequester = (actor: Actor, b: BookingRef) => isSignedIn(actor) && actor.accountId === b.requester_id;

/**
 * Bookings are seen by the person who asked and the owner side (and instance admins); only the owner
 * side decides, hands over and takes back; either party may cancel before the hand-over.
 */
export const bookingPolicy = {
  view: (actor: Actor, b: BookingRef) =>
    isRequester(actor, b) || ownsResource(actor, b.resource) || (isSignedIn(actor) && actor.isInstanceAdmin),
  approve: (actor: Actor, b: BookingRef) => b.status === 'requested' && ownsResource(actor, b.resource),
  decline: (actor: Actor, b: BookingRef) => b.status === 'requested' && ownsResource(actor, b.resource),
  handOver: (actor: Actor, b: BookingRef) => b.status === 'approved' && ownsResource(actor, b.resource),
  return: (actor: Actor, b: BookingRef) => b.status === 'handed_over' && ownsResource(actor, b.resource),
  cancel: (actor: Actor, b: BookingRef) =>
    (b.status === 'requested' || b.status === 'approved') &&
    (isRequester(actor, b) || ownsResource(actor, b.resource)),
};

export const bookingAbilities = (actor: Actor, b: BookingRef) =>
  abilitiesOf(bookingPolicy, ['approve', 'decline', 'handOver', 'return', 'cancel'], actor, b);
