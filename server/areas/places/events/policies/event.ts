import type {
  CommunityRole,
  PlaceEventStatus,
  PlaceEventVisibility,
  SignupStatus,
} from '../../../../db/schema.ts';
import { abilitiesOf } from '../../../../policies/abilities.ts';
import { type Actor, actsFor, isSignedIn } from '../../../../policies/actor.ts';

/** Who hosts: one organisation or one community, with the reader's place in the community. */
export interface HostFacts {
  organisation_id: string | null;
  community_id: string | null;
  /** the reader's role in the host community while an active member (null: not one, or an organisation hosts) */
  community_role: CommunityRole | null;
}

/** What the policies need of an event. */
export interface EventFacts extends HostFacts {
  visibility: PlaceEventVisibility;
  status: PlaceEventStatus;
  registration: boolean;
}

/** What they need of a registration. */
export interface RegistrationFacts {
  account_id: string;
  status: SignupStatus;
}

/**
 * Runs the host: staff and admins of the organisation (as Mitmachen decides who coordinates: `actsFor`),
 * owners and moderators of the community. They create its events, change and cancel them, see who
 * registered and record who came.
 */
export function hosts(actor: Actor, h: HostFacts): boolean {
  if (!isSignedIn(actor)) return false;
  if (h.organisation_id) return actsFor(actor, h.organisation_id);
  return h.community_role === 'owner' || h.community_role === 'moderator';
}

/** Belongs to the host: any member of the organisation (volunteers too), any active member of the community. */
export function belongsToHost(actor: Actor, h: HostFacts): boolean {
  if (!isSignedIn(actor)) return false;
  if (h.organisation_id) return actor.roles.has(h.organisation_id);
  return h.community_role !== null;
}

/**
 * Events of organisations and communities. A public event is everyone's to see (anonymous visitors
 * too); a members-only event exists only for the host's members — to everyone else it answers 404,
 * in the calendar as on its page. People who may see an event and are signed in register while it is
 * scheduled and takes registrations; each person withdraws only their own registration while it
 * holds or waits for a place. The host (see `hosts`) does the rest. Instance admins have no extra
 * rights: a members-only event is its host's business.
 */
export const eventPolicy = {
  /** invite on behalf of this host */
  create: (actor: Actor, h: HostFacts) => hosts(actor, h),
  view: (actor: Actor, e: EventFacts) =>
    e.visibility === 'public' || belongsToHost(actor, e) || hosts(actor, e),
  edit: (actor: Actor, e: EventFacts) => hosts(actor, e) && e.status === 'scheduled',
  cancel: (actor: Actor, e: EventFacts) => hosts(actor, e) && e.status === 'scheduled',
  register: (actor: Actor, e: EventFacts) =>
    isSignedIn(actor) && e.status === 'scheduled' && e.registration && eventPolicy.view(actor, e),
  /** the list of registrations, attendance: the host */
  manage: (actor: Actor, e: EventFacts) => hosts(actor, e),
};

export const registrationPolicy = {
  withdraw: (actor: Actor, r: RegistrationFacts) =>
    isSignedIn(actor) &&
    r.account_id === actor.accountId &&
    (r.status === 'signed_up' || r.status === 'waitlisted'),
  /** came or did not come: a registration that has a place */
  markAttendance: (actor: Actor, e: EventFacts, r: RegistrationFacts) =>
    hosts(actor, e) && (r.status === 'signed_up' || r.status === 'checked_in' || r.status === 'no_show'),
};

export function eventAbilities(actor: Actor, e: EventFacts) {
  return abilitiesOf(eventPolicy, ['edit', 'cancel', 'register', 'manage'], actor, e);
}
