import type { DossierStatus } from '../../../../db/schema.ts';
import { type Actor, actsFor, isSignedIn } from '../../../../policies/actor.ts';

/** What the policy needs of a dossier. */
export interface DossierAccess {
  organisation_id: string | null;
  status: DossierStatus;
  recipient_organisation_id: string | null;
  recipient_email: string | null;
}

/** Staff or admin of at least one organisation. */
function actsForAnOrganisation(actor: Actor): boolean {
  for (const role of actor.roles.values()) if (role === 'admin' || role === 'staff') return true;
  return false;
}

/**
 * Dossiers. Compiling is coordination work: the network's coordinators (instance admins) compile
 * for the network, staff and admins of an organisation for their organisation. A draft is seen only
 * by those who may compile it; once sent, a dossier is a public record that everyone may read.
 * Its handling is recorded by the receiving body's staff — or, for a body outside the network, by
 * the compilers on its behalf.
 */
export const dossierPolicy = {
  /** may start a dossier at all (for some organisation, or for the network) */
  create: (actor: Actor) => isSignedIn(actor) && (actor.isInstanceAdmin || actsForAnOrganisation(actor)),
  /** may start one for this organisation (null: the network) */
  createFor: (actor: Actor, organisationId: string | null) =>
    isSignedIn(actor) && (organisationId === null ? actor.isInstanceAdmin : actsFor(actor, organisationId)),
  compile: (actor: Actor, d: DossierAccess) =>
    isSignedIn(actor) &&
    (actor.isInstanceAdmin || (d.organisation_id !== null && actsFor(actor, d.organisation_id))),
  view: (actor: Actor, d: DossierAccess) => d.status !== 'draft' || dossierPolicy.compile(actor, d),
  /** edit, add and remove evidence, send, delete: only while it is a draft */
  edit: (actor: Actor, d: DossierAccess) => d.status === 'draft' && dossierPolicy.compile(actor, d),
  /** record received / on the agenda / answered */
  handle: (actor: Actor, d: DossierAccess) => {
    if (d.status === 'draft' || d.status === 'answered' || !isSignedIn(actor)) return false;
    if (d.recipient_organisation_id !== null) return actsFor(actor, d.recipient_organisation_id);
    return d.recipient_email !== null && dossierPolicy.compile(actor, d);
  },
};
