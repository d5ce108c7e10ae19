import { abilitiesOf } from './abilities.ts';
import { type Actor, actsFor, administers, isSignedIn } from './actor.ts';

/** Organisations are public in the network directory; their admins (and instance admins) manage them. */
export const organisationPolicy = {
  list: (_actor: Actor) => true,
  view: (_actor: Actor) => true,
  create: (actor: Actor) => isSignedIn(actor) && actor.isInstanceAdmin,
  update: (actor: Actor, org: { id: string }) =>
    isSignedIn(actor) && (actor.isInstanceAdmin || administers(actor, org.id)),
  /** The member list shows names and roles: for the organisation's own people only. */
  viewMembers: (actor: Actor, org: { id: string }) =>
    isSignedIn(actor) && (actor.isInstanceAdmin || actor.roles.has(org.id)),
  manageMembers: (actor: Actor, org: { id: string }) =>
    isSignedIn(actor) && (actor.isInstanceAdmin || administers(actor, org.id)),
  invite: (actor: Actor, org: { id: string }) =>
    isSignedIn(actor) && (actor.isInstanceAdmin || administers(actor, org.id)),
  actFor: (actor: Actor, org: { id: string }) => isSignedIn(actor) && actsFor(actor, org.id),
  delete: (actor: Actor) => isSignedIn(actor) && actor.isInstanceAdmin,
  /** Anyone signed in may ask an organisation for help (an enquiry; the route limits how often). */
  ask: (actor: Actor) => isSignedIn(actor),
  /**
   * Enquiries are between the person who asks and the organisation's admins: not its staff or
   * volunteers, and not instance admins — a request for help may say more about a person than they
   * would tell the whole administration.
   */
  readEnquiries: (actor: Actor, org: { id: string }) => isSignedIn(actor) && administers(actor, org.id),
  /**
   * Whom the organisation follows on other instances (ActivityPub) and who follows it: its admins
   * decide, as they decide what it publishes; instance admins too (they see every actor's follows in
   * networkPolicy.administerFederation). Blocking an instance stays the instance admin's.
   */
  administerFederation: (actor: Actor, org: { id: string }) =>
    isSignedIn(actor) && (actor.isInstanceAdmin || administers(actor, org.id)),
};

export const organisationAbilities = (actor: Actor, org: { id: string }) =>
  abilitiesOf(
    organisationPolicy,
    ['update', 'viewMembers', 'manageMembers', 'invite', 'delete', 'readEnquiries', 'administerFederation'],
    actor,
    org,
  );
