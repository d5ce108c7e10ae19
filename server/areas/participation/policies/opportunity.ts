import type { OpportunityStatus, PartnerStatus } from '../../../db/schema.ts';
import { abilitiesOf } from '../../../policies/abilities.ts';
import { type Actor, actsFor, isSignedIn } from '../../../policies/actor.ts';

export interface OpportunityRef {
  status: OpportunityStatus;
  /** every organisation that runs it: the lead and the partners that accepted */
  organisationIds: readonly string[];
  /** organisations invited to run it that have not answered: they may look at it, nothing more */
  invitedOrganisationIds?: readonly string[];
}

/** The policy's view of an opportunity as the repository reads it (running and invited organisations). */
export function refOf(o: {
  status: OpportunityStatus;
  organisations: readonly { id: string }[];
  invited?: readonly { id: string }[];
}): OpportunityRef {
  return {
    status: o.status,
    organisationIds: o.organisations.map((x) => x.id),
    invitedOrganisationIds: (o.invited ?? []).map((x) => x.id),
  };
}

/** Staff and admins of any organisation that runs the opportunity: its coordinators. */
export function coordinates(actor: Actor, o: Pick<OpportunityRef, 'organisationIds'>): boolean {
  return isSignedIn(actor) && o.organisationIds.some((id) => actsFor(actor, id));
}

/** Staff and admins of an organisation invited to run it, who are to decide about the invitation. */
function isInvited(actor: Actor, o: OpportunityRef): boolean {
  return isSignedIn(actor) && (o.invitedOrganisationIds ?? []).some((id) => actsFor(actor, id));
}

/**
 * Opportunities. Published and closed ones are public (anonymous visitors too: finding a task must
 * not need an account); drafts only for their coordinators, the coordinators of an organisation
 * invited to run it (they must see what they are asked to agree to) and instance admins. Every
 * admin or staff member of a running organisation edits a joint opportunity; instance admins may
 * close one (moderation) but do not run it. An invitation gives no other right.
 */
export const opportunityPolicy = {
  list: (_actor: Actor) => true,
  view: (actor: Actor, o: OpportunityRef) =>
    o.status !== 'draft' ||
    coordinates(actor, o) ||
    isInvited(actor, o) ||
    (isSignedIn(actor) && actor.isInstanceAdmin),
  /** Creating for an organisation needs acting for it (the lead); partners named with it are invited. */
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

/** One organisation's place on an opportunity: the lead, a partner that accepted, or an invitation. */
export interface PartnerRef {
  opportunity: OpportunityRef;
  leadOrganisationId: string;
  organisationId: string;
  status: PartnerStatus;
  isLead: boolean;
}

/**
 * Partners of a joint opportunity. Only the lead's coordinators invite organisations, withdraw an
 * invitation or remove a partner; only the invited organisation's coordinators accept or decline,
 * and a partner may leave. Nobody removes the lead. An invitation is private to the two sides (and
 * the running organisations): everyone else is answered as if it did not exist.
 */
export const partnerPolicy = {
  /** Invite, withdraw, remove: the lead organisation's staff and admins. */
  manage: (actor: Actor, leadOrganisationId: string | undefined) =>
    leadOrganisationId !== undefined && isSignedIn(actor) && actsFor(actor, leadOrganisationId),
  /** Who may know of it: anyone who sees the opportunity once accepted; an invitation only the two sides. */
  view: (actor: Actor, p: PartnerRef) =>
    opportunityPolicy.view(actor, p.opportunity) &&
    (p.status === 'accepted' || coordinates(actor, p.opportunity) || actsFor(actor, p.organisationId)),
  /** Accept or decline: the invited organisation's own staff and admins, while it is an invitation. */
  decide: (actor: Actor, p: PartnerRef) =>
    p.status === 'invited' && isSignedIn(actor) && actsFor(actor, p.organisationId),
  /** Withdraw an invitation, remove a partner (the lead) or leave (the partner itself); never the lead. */
  remove: (actor: Actor, p: PartnerRef) =>
    !p.isLead &&
    isSignedIn(actor) &&
    (actsFor(actor, p.leadOrganisationId) || actsFor(actor, p.organisationId)),
};

export function opportunityAbilities(
  actor: Actor,
  o: OpportunityRef,
  leadOrganisationId: string | undefined,
) {
  return {
    ...abilitiesOf(opportunityPolicy, ['update', 'close', 'manageShifts'], actor, o),
    ...abilitiesOf(partnerPolicy, { managePartners: 'manage' }, actor, leadOrganisationId),
  };
}
