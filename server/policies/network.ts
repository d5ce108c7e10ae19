import { type Actor, isSignedIn } from './actor.ts';

/** Instance-wide settings, districts, the email outbox, the audit log and moderation. */
export const networkPolicy = {
  viewSettings: (_actor: Actor) => true,
  updateSettings: (actor: Actor) => isSignedIn(actor) && actor.isInstanceAdmin,
  manageDistricts: (actor: Actor) => isSignedIn(actor) && actor.isInstanceAdmin,
  readOutbox: (actor: Actor) => isSignedIn(actor) && actor.isInstanceAdmin,
  readAuditLog: (actor: Actor) => isSignedIn(actor) && actor.isInstanceAdmin,
  moderate: (actor: Actor) => isSignedIn(actor) && actor.isInstanceAdmin,
  flag: (actor: Actor) => isSignedIn(actor),
  search: (_actor: Actor) => true,
};

/** Global abilities sent to the client with the session, so it hides what the server would refuse. */
export function networkAbilities(actor: Actor) {
  return {
    administer: networkPolicy.updateSettings(actor),
    createOrganisation: isSignedIn(actor) && actor.isInstanceAdmin,
    moderate: networkPolicy.moderate(actor),
    readOutbox: networkPolicy.readOutbox(actor),
    readAuditLog: networkPolicy.readAuditLog(actor),
    flag: networkPolicy.flag(actor),
  };
}
