import type { Executor } from '../../../db/tx.ts';
import { executeTx } from '../../../db/tx.ts';
import { forbidden, notFound, Problem } from '../../../http/problem.ts';
import { audit } from '../../../platform/audit.ts';
import { recordInteraction } from '../../../platform/interactions.ts';
import { type NotificationMessage, notify } from '../../../platform/notifications.ts';
import { indexDocument, removeDocument } from '../../../platform/search.ts';
import { webPaths } from '../../../platform/webPaths.ts';
import { type Actor, actsFor } from '../../../policies/actor.ts';
import { coordinatorsOf } from '../../../repositories/organisations.ts';
import { type PartnerRef, partnerPolicy, refOf } from '../policies/opportunity.ts';
import {
  acceptPartner,
  existingOrganisations,
  findOpportunity,
  findPartner,
  invitePartners,
  type OpportunityRow,
  type PartnerRow,
  removePartners,
} from '../repositories/opportunities.ts';
import type { ParticipationContext } from './signUpForShift.ts';

/**
 * Who runs an opportunity. The lead runs it from the start; every other organisation named with it
 * is only invited until a coordinator (staff or admin) of that organisation accepts. Until then it
 * sees the opportunity and nothing else: no rosters, hours, exports or messages, no "run jointly
 * by", no edge in the community graph, no name on a certificate. The lead's coordinators invite,
 * withdraw and remove; the invited organisation accepts or declines; a partner may leave; nobody
 * removes the lead (the database also refuses a lead that is not accepted).
 */

/** Published opportunities are found by the network's search, with the names of those who run them. */
export async function syncSearch(db: Executor, networkId: string, o: OpportunityRow) {
  if (o.status === 'published') {
    await indexDocument(db, {
      networkId,
      type: 'opportunity',
      entityType: 'opportunity',
      entityId: o.id,
      title: o.title,
      body: o.description,
      // each organisation on a line of its own: a renamed one is replaced there (repositories/organisations.ts)
      keywords: [o.skills.join(', '), o.place, ...o.organisations.map((x) => x.name)].join('\n'),
      link: webPaths.opportunity(o.id),
    });
  } else {
    await removeDocument(db, networkId, 'opportunity', o.id);
  }
}

/** Every pair of organisations that run an opportunity together (invitations do not) is an edge of the community graph. */
export async function recordJointRunning(db: Executor, networkId: string, o: OpportunityRow) {
  const ids = o.organisations.map((x) => x.id).sort();
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      await recordInteraction(db, {
        networkId,
        area: 'participation',
        kind: 'joint_opportunity',
        mode: 'offline',
        a: { type: 'organisation', id: ids[i] as string },
        b: { type: 'organisation', id: ids[j] as string },
        source: { type: 'opportunity', id: o.id },
      });
    }
  }
}

/** Unknown organisation ids are a mistake in the form, answered at its field. */
export async function checkOrganisations(db: Executor, networkId: string, ids: readonly string[]) {
  const found = await existingOrganisations(db, networkId, [...ids]);
  if (found.length !== new Set(ids).size)
    throw new Problem(422, 'validation', { fields: [{ field: '/organisationIds', code: 'field.invalid' }] });
  return found;
}

const leadOf = (o: OpportunityRow) => o.organisations.find((x) => x.isLead);

/** Tells an organisation's staff and admins, except the person who caused it. */
async function tell(db: Executor, ctx: ParticipationContext, organisationId: string, n: NotificationMessage) {
  for (const accountId of await coordinatorsOf(db, ctx.networkId, organisationId)) {
    if (accountId === ctx.actorId) continue;
    await notify(db, { networkId: ctx.networkId, accountId, ...n });
  }
}

/**
 * Invites organisations to run the opportunity with its lead and tells their coordinators. An
 * organisation the inviting person acts for themselves needs no one else's consent: it joins at once.
 * Runs inside the caller's transaction. Returns the organisations invited and those that joined.
 */
export async function inviteOrganisations(
  tx: Executor,
  ctx: ParticipationContext,
  o: OpportunityRow,
  organisationIds: readonly string[],
): Promise<{ invited: string[]; joined: string[] }> {
  const lead = leadOf(o);
  const added = await invitePartners(tx, ctx.networkId, o.id, organisationIds);
  const joined = added.filter((id) => actsFor(ctx.actor, id));
  for (const id of joined) await acceptPartner(tx, ctx.networkId, o.id, id);
  const invited = added.filter((id) => !joined.includes(id));
  const names = new Map(
    (await existingOrganisations(tx, ctx.networkId, invited)).map((x) => [x.id, x.name] as const),
  );
  for (const id of invited)
    await tell(tx, ctx, id, {
      kind: 'opportunity.partner_invited',
      params: { title: o.title, lead: lead?.name ?? '', organisation: names.get(id) ?? '' },
      link: webPaths.partnerInvitations(id),
    });
  return { invited, joined };
}

/** Takes organisations off the opportunity on the lead's behalf (withdrawn invitations, removed partners) and tells them. */
export async function removeOrganisations(
  tx: Executor,
  ctx: ParticipationContext,
  o: OpportunityRow,
  organisationIds: readonly string[],
): Promise<string[]> {
  const lead = leadOf(o);
  const named = new Map([...o.organisations, ...o.invited].map((x) => [x.id, x.name] as const));
  const removed = await removePartners(tx, ctx.networkId, o.id, organisationIds);
  for (const id of removed)
    await tell(tx, ctx, id, {
      kind: 'opportunity.partner_removed',
      params: { title: o.title, lead: lead?.name ?? '', organisation: named.get(id) ?? '' },
      link: webPaths.coordination(),
    });
  return removed;
}

/** The opportunity and one organisation's place on it, locked, with what the actor may know of it. */
async function loadPartner(
  tx: Executor,
  ctx: ParticipationContext,
  opportunityId: string,
  organisationId: string,
) {
  // the row first: an answer and a removal of the same invitation are decided one after the other
  const p = await findPartner(tx, ctx.networkId, opportunityId, organisationId, true);
  const o = await findOpportunity(tx, ctx.networkId, opportunityId);
  if (!p || !o) throw notFound();
  const lead = leadOf(o);
  if (!lead) throw notFound();
  const ref: PartnerRef = {
    opportunity: refOf(o),
    leadOrganisationId: lead.id,
    organisationId: p.organisation_id,
    status: p.status,
    isLead: p.is_lead,
  };
  if (!partnerPolicy.view(ctx.actor, ref)) throw notFound();
  return { o, p, lead, ref };
}

/** Asked to answer an invitation that was already accepted: say so, the person acts for it. */
function alreadyAccepted(actor: Actor, p: PartnerRow) {
  return p.status === 'accepted' && actsFor(actor, p.organisation_id);
}

/**
 * A coordinator of the invited organisation accepts: from now on it runs the opportunity (rosters,
 * hours, messages, editing, "run jointly by", the community graph). Guarantees: the answer, the
 * search entry, the interaction, the audit entry and the lead's notifications commit together; an
 * invitation is accepted at most once (409 on the second answer).
 */
export async function acceptPartnership(
  db: Executor,
  ctx: ParticipationContext,
  opportunityId: string,
  organisationId: string,
): Promise<void> {
  await executeTx(db, async (tx) => {
    const { o, p, lead, ref } = await loadPartner(tx, ctx, opportunityId, organisationId);
    if (!partnerPolicy.decide(ctx.actor, ref)) {
      if (alreadyAccepted(ctx.actor, p)) throw new Problem(409, 'opportunity.partner_answered');
      throw forbidden();
    }
    if (!(await acceptPartner(tx, ctx.networkId, o.id, organisationId)))
      throw new Problem(409, 'opportunity.partner_answered');
    const now = await findOpportunity(tx, ctx.networkId, o.id);
    if (!now) throw notFound();
    await syncSearch(tx, ctx.networkId, now);
    await recordJointRunning(tx, ctx.networkId, now);
    await audit(tx, {
      networkId: ctx.networkId,
      actorId: ctx.actorId,
      action: 'opportunity.partner_accepted',
      entityType: 'opportunity',
      entityId: o.id,
      details: { organisationId },
      ip: ctx.ip,
    });
    await tell(tx, ctx, lead.id, {
      kind: 'opportunity.partner_accepted',
      params: { title: o.title, organisation: p.name },
      link: webPaths.opportunity(o.id),
    });
  });
}

export type PartnershipEnd = 'declined' | 'invitation_withdrawn' | 'removed' | 'left';

/**
 * Ends an organisation's place on an opportunity. `decline` is the invited organisation's answer;
 * `remove` is the lead withdrawing an invitation or removing a partner, or a partner leaving (or
 * declining) itself. The lead cannot be removed (422). Guarantees: the row, the search entry, the
 * audit entry and the notice to the other side commit together; what the organisation's staff could
 * see through it ends with the same commit.
 */
export async function endPartnership(
  db: Executor,
  ctx: ParticipationContext,
  opportunityId: string,
  organisationId: string,
  how: 'decline' | 'remove',
): Promise<PartnershipEnd> {
  return executeTx(db, async (tx) => {
    const { o, p, lead, ref } = await loadPartner(tx, ctx, opportunityId, organisationId);
    if (how === 'decline' && !partnerPolicy.decide(ctx.actor, ref)) {
      if (alreadyAccepted(ctx.actor, p)) throw new Problem(409, 'opportunity.partner_answered');
      throw forbidden();
    }
    if (how === 'remove' && !partnerPolicy.remove(ctx.actor, ref)) {
      if (p.is_lead && partnerPolicy.manage(ctx.actor, lead.id))
        throw new Problem(422, 'opportunity.lead_stays');
      throw forbidden();
    }
    // someone who acts for the organisation speaks for it; otherwise it is the lead's decision
    const self = actsFor(ctx.actor, organisationId);
    const end: PartnershipEnd =
      p.status === 'invited' ? (self ? 'declined' : 'invitation_withdrawn') : self ? 'left' : 'removed';
    await removePartners(tx, ctx.networkId, o.id, [organisationId]);
    const now = await findOpportunity(tx, ctx.networkId, o.id);
    if (!now) throw notFound();
    if (p.status === 'accepted') await syncSearch(tx, ctx.networkId, now);
    await audit(tx, {
      networkId: ctx.networkId,
      actorId: ctx.actorId,
      action: `opportunity.partner_${end}`,
      entityType: 'opportunity',
      entityId: o.id,
      details: { organisationId },
      ip: ctx.ip,
    });
    if (self)
      await tell(tx, ctx, lead.id, {
        kind: end === 'declined' ? 'opportunity.partner_declined' : 'opportunity.partner_left',
        params: { title: o.title, organisation: p.name },
        link: webPaths.opportunity(o.id),
      });
    else
      await tell(tx, ctx, organisationId, {
        kind: 'opportunity.partner_removed',
        params: { title: o.title, lead: lead.name, organisation: p.name },
        link: webPaths.coordination(),
      });
    return end;
  });
}
