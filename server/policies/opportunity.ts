import type { OpportunityStatus } from '../db/schema.ts';
import { type Actor, actsFor, isSignedIn } from './actor.ts';

export interface OpportunityRef {
  status: OpportunityStatus;
  /** every organisation that runs it (joint opportunities have several) */
  organisationIds: readonly string[];
}

/** Staff and admins of any organisation that runs the opportunity: its coordinators. */
export function coordinates(actor: Actor, o: Pick<OpportunityRef, 'organisationIds'>): boolean {
  return isSignedIn(actor) && o.organisationIds.some((id) => actsFor(actor, id));
}

/**
 * Opportunities. Published and closed ones are public (anonymous visitors too: finding a task must
 * not need an account); drafts only for their coordinators and instance admins. Every admin or
 * staff member of a running organisation edits a joint opportunity; instance admins may close one
 * (moderation) but do not run it.
 */
export const opportunityPolicy = {
  list: (_actor: Actor) => true,
  view: (actor: Actor, o: OpportunityRef) =>
    o.status !== 'draft' || coordinates(actor, o) || (isSignedIn(actor) && actor.isInstanceAdmin),
  /** Creating for an organisation needs acting for it (the lead); partners may be named with it. */
  create: (actor: Actor, leadOrganisationId: string) =>
    isSignedIn(actor) && actsFor(actor, leadOrganisationId),
  update: (actor: Actor, o: OpportunityRef) => coordinates(actor, o),
  close: (actor: Actor, o: OpportunityRef) =>
    o.status !== 'closed' && (coordinates(actor, o) || (isSignedIn(actor) && actor.isInstanceAdmin)),
  manageShifts: (actor: Actor, o: OpportunityRef) => coordinates(actor, o),
  /** Counts per ladder level: for the organisation's own people who act for it, and instance admins. */
  viewStats: (actor: Actor, organisationId: string | null) =>
    isSignedIn(actor) &&
    (organisationId === null
      ? actor.isInstanceAdmin
      : actsFor(actor, organisationId) || actor.isInstanceAdmin),
  /** Suggestions and the next step are read from one's own profile and hours. */
  suggest: (actor: Actor) => isSignedIn(actor),
};

export function opportunityAbilities(actor: Actor, o: OpportunityRef) {
  return {
    update: opportunityPolicy.update(actor, o),
    close: opportunityPolicy.close(actor, o),
    manageShifts: opportunityPolicy.manageShifts(actor, o),
  };
}
