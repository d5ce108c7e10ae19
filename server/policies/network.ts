import { abilitiesOf } from './abilities.ts';
import { type Actor, isSignedIn } from './actor.ts';
import { organisationPolicy } from './organisation.ts';

/** Instance-wide settings, districts, the email outbox, the audit log and moderation. */
export const networkPolicy = {
  viewSettings: (_actor: Actor) => true,
  updateSettings: (actor: Actor) => isSignedIn(actor) && actor.isInstanceAdmin,
  manageDistricts: (actor: Actor) => isSignedIn(actor) && actor.isInstanceAdmin,
  readOutbox: (actor: Actor) => isSignedIn(actor) && actor.isInstanceAdmin,
  readAuditLog: (actor: Actor) => isSignedIn(actor) && actor.isInstanceAdmin,
  moderate: (actor: Actor) => isSignedIn(actor) && actor.isInstanceAdmin,
  /** whom our actors follow on other instances, and which instances are blocked */
  administerFederation: (actor: Actor) => isSignedIn(actor) && actor.isInstanceAdmin,
  /** Opening an organisation is the organisation policy's rule, offered with the session. */
  createOrganisation: organisationPolicy.create,
  flag: (actor: Actor) => isSignedIn(actor),
  search: (_actor: Actor) => true,
};

/** Global abilities sent to the client with the session, so it hides what the server would refuse. */
export const networkAbilities = (actor: Actor) =>
  abilitiesOf(
    networkPolicy,
    {
      administer: 'updateSettings',
      createOrganisation: 'createOrganisation',
      moderate: 'moderate',
      readOutbox: 'readOutbox',
      readAuditLog: 'readAuditLog',
      flag: 'flag',
    },
    actor,
  );
