import type { OpportunityStatus } from '../../../db/schema.ts';
import { type Executor, executeTx } from '../../../db/tx.ts';
import { forbidden, notFound, Problem } from '../../../http/problem.ts';
import { federateChange } from '../../../interop/activitypub/jobs.ts';
import { audit } from '../../../platform/audit.ts';
import { opportunityPolicy, partnerPolicy, refOf } from '../policies/opportunity.ts';
import {
  addLead,
  findOpportunity,
  insertOpportunity,
  type OpportunityFields,
  updateOpportunity,
} from '../repositories/opportunities.ts';
import {
  checkOrganisations,
  inviteOrganisations,
  recordJointRunning,
  removeOrganisations,
  syncSearch,
} from './opportunityPartners.ts';
import type { ParticipationContext } from './signUpForShift.ts';

/** True when a PostgreSQL error is one of the ladder rules for mini tasks (short, once). */
export function breaksMiniRule(err: unknown): boolean {
  const e = err as { code?: string; constraint?: string };
  return (
    e?.code === '23514' &&
    (e.constraint === 'opportunity_mini_short' ||
      e.constraint === 'shift_mini_once' ||
      e.constraint === 'shift_mini_short')
  );
}

async function withMiniRule<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    // the effort rule belongs to one field of the form, so the answer points there
    if ((err as { constraint?: string })?.constraint === 'opportunity_mini_short')
      throw new Problem(422, 'opportunity.mini_rules', {
        fields: [{ field: '/effortMinutes', code: 'opportunity.mini_effort' }],
      });
    if (breaksMiniRule(err)) throw new Problem(422, 'opportunity.mini_rules');
    throw err;
  }
}

/**
 * Creates an opportunity run by one organisation (the lead, which the actor must act for), possibly
 * inviting partners to run it jointly (they run it once they accept: see opportunityPartners.ts).
 * Guarantees: the opportunity, its lead, the invitations and their notifications, the search index
 * and the organisation ↔ organisation interactions commit together; the mini-task rule is the
 * database's.
 */
export async function createOpportunity(
  db: Executor,
  ctx: ParticipationContext,
  input: OpportunityFields & { organisationIds: string[]; status?: OpportunityStatus },
): Promise<string> {
  const [lead] = input.organisationIds;
  if (!lead || !opportunityPolicy.create(ctx.actor, lead)) throw forbidden();
  return executeTx(db, async (tx) => {
    const { organisationIds, status, ...fields } = input;
    const partners = [...new Set(organisationIds)].filter((id) => id !== lead);
    await checkOrganisations(tx, ctx.networkId, [lead, ...partners]);
    const id = await withMiniRule(() => insertOpportunity(tx, ctx.networkId, ctx.actorId, fields));
    await addLead(tx, ctx.networkId, id, lead);
    if (status && status !== 'draft') await updateOpportunity(tx, ctx.networkId, id, { status });
    const created = await findOpportunity(tx, ctx.networkId, id);
    if (!created) throw notFound();
    const { invited, joined } = await inviteOrganisations(tx, ctx, created, partners);
    const o = await findOpportunity(tx, ctx.networkId, id);
    if (!o) throw notFound();
    await syncSearch(tx, ctx.networkId, o);
    await recordJointRunning(tx, ctx.networkId, o);
    await audit(tx, {
      networkId: ctx.networkId,
      actorId: ctx.actorId,
      action: 'opportunity.created',
      entityType: 'opportunity',
      entityId: id,
      details: { lead, invited, joined, level: input.level },
      ip: ctx.ip,
    });
    // a published one goes to the lead organisation's followers elsewhere (a draft is not sent)
    await federateChange(tx, ctx.networkId, 'opportunity', id, lead);
    return id;
  });
}

/**
 * Changes an opportunity (any coordinator of a running organisation) or its status. `organisationIds`
 * names who should run it: the lead first (it stays; another first id is refused as 422), then the
 * partners. Organisations not named yet are invited, those no longer named lose their place or
 * invitation; changing that list is the lead's coordinators' decision (403 for a partner's, who may
 * leave instead). Sending the list unchanged is fine for everyone who may edit.
 */
export async function changeOpportunity(
  db: Executor,
  ctx: ParticipationContext,
  id: string,
  input: Partial<OpportunityFields> & { organisationIds?: string[]; status?: OpportunityStatus },
): Promise<void> {
  await executeTx(db, async (tx) => {
    const current = await findOpportunity(tx, ctx.networkId, id);
    if (!current) throw notFound();
    const ref = refOf(current);
    if (!opportunityPolicy.view(ctx.actor, ref)) throw notFound();
    const onlyClosing = Object.keys(input).length === 1 && input.status === 'closed';
    const allowed = onlyClosing
      ? opportunityPolicy.close(ctx.actor, ref)
      : opportunityPolicy.update(ctx.actor, ref);
    if (!allowed) throw forbidden();
    const { organisationIds, ...fields } = input;
    let partners: { invited: string[]; joined: string[]; removed: string[] } | null = null;
    if (organisationIds) {
      const lead = current.organisations.find((o) => o.isLead);
      const [first, ...rest] = [...new Set(organisationIds)];
      if (!lead || first !== lead.id)
        throw new Problem(422, 'opportunity.lead_stays', {
          fields: [{ field: '/organisationIds', code: 'opportunity.lead_stays' }],
        });
      const named = new Set([...current.organisations, ...current.invited].map((o) => o.id));
      const add = rest.filter((o) => !named.has(o));
      const drop = [...named].filter((o) => o !== lead.id && !rest.includes(o));
      if (add.length > 0 || drop.length > 0) {
        if (!partnerPolicy.manage(ctx.actor, lead.id)) throw new Problem(403, 'opportunity.partners_by_lead');
        await checkOrganisations(tx, ctx.networkId, add);
        const removed = await removeOrganisations(tx, ctx, current, drop);
        partners = { ...(await inviteOrganisations(tx, ctx, current, add)), removed };
      }
    }
    await withMiniRule(() => updateOpportunity(tx, ctx.networkId, id, fields));
    const o = await findOpportunity(tx, ctx.networkId, id);
    if (!o) throw notFound();
    await syncSearch(tx, ctx.networkId, o);
    await recordJointRunning(tx, ctx.networkId, o);
    await audit(tx, {
      networkId: ctx.networkId,
      actorId: ctx.actorId,
      action:
        input.status && input.status !== current.status
          ? `opportunity.${input.status}`
          : 'opportunity.updated',
      entityType: 'opportunity',
      entityId: id,
      details: { fields: Object.keys(input), ...(partners ?? {}) },
      ip: ctx.ip,
    });
    // published: Create or Update at the lead's followers elsewhere; closed or back to draft: Delete
    await federateChange(tx, ctx.networkId, 'opportunity', id, leadOf(o));
  });
}

/** The organisation that leads an opportunity: its actor is the one that federates it. */
export function leadOf(o: { organisations: readonly { id: string; isLead: boolean }[] }): string | null {
  return o.organisations.find((x) => x.isLead)?.id ?? null;
}
