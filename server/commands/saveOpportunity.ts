import type { OpportunityStatus } from '../db/schema.ts';
import { type Executor, executeTx } from '../db/tx.ts';
import { forbidden, notFound, Problem } from '../http/problem.ts';
import { audit } from '../platform/audit.ts';
import { recordInteraction } from '../platform/interactions.ts';
import { indexDocument, removeDocument } from '../platform/search.ts';
import { opportunityPolicy } from '../policies/opportunity.ts';
import {
  existingOrganisations,
  findOpportunity,
  insertOpportunity,
  type OpportunityFields,
  type OpportunityRow,
  setRunningOrganisations,
  updateOpportunity,
} from '../repositories/opportunities.ts';
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

/** Published opportunities are found by the network's search; drafts and closed ones are not. */
async function syncSearch(db: Executor, networkId: string, o: OpportunityRow) {
  if (o.status === 'published') {
    await indexDocument(db, {
      networkId,
      entityType: 'opportunity',
      entityId: o.id,
      title: o.title,
      body: [o.description, o.skills.join(', '), o.place, o.organisations.map((x) => x.name).join(', ')].join(
        '\n',
      ),
      link: `/mitmachen/${o.id}`,
    });
  } else {
    await removeDocument(db, networkId, 'opportunity', o.id);
  }
}

/** Every pair of organisations that run an opportunity together is an edge of the community graph. */
async function recordJointRunning(db: Executor, networkId: string, o: OpportunityRow) {
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

async function checkOrganisations(db: Executor, networkId: string, ids: string[]) {
  const found = await existingOrganisations(db, networkId, ids);
  if (found.length !== new Set(ids).size)
    throw new Problem(422, 'validation', { fields: [{ field: '/organisationIds', code: 'field.invalid' }] });
}

/**
 * Creates an opportunity run by one organisation (the lead, which the actor must act for) or jointly
 * with partners. Guarantees: the opportunity, its running organisations, the search index and the
 * organisation ↔ organisation interactions commit together; the mini-task rule is the database's.
 */
export async function createOpportunity(
  db: Executor,
  ctx: ParticipationContext,
  input: OpportunityFields & { organisationIds: string[]; status?: OpportunityStatus },
): Promise<string> {
  const [lead] = input.organisationIds;
  if (!lead || !opportunityPolicy.create(ctx.actor, lead)) throw forbidden();
  return executeTx(db, async (tx) => {
    await checkOrganisations(tx, ctx.networkId, input.organisationIds);
    const { organisationIds, status, ...fields } = input;
    const id = await withMiniRule(() => insertOpportunity(tx, ctx.networkId, ctx.actorId, fields));
    await setRunningOrganisations(tx, ctx.networkId, id, [...new Set(organisationIds)]);
    if (status && status !== 'draft') await updateOpportunity(tx, ctx.networkId, id, { status });
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
      details: { organisations: organisationIds, level: input.level },
      ip: ctx.ip,
    });
    return id;
  });
}

/**
 * Changes an opportunity (any coordinator of a running organisation), its status or its running
 * organisations. The lead stays first; a coordinator cannot remove every organisation they act for
 * (they would lock themselves out), which is refused as 422.
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
    const ref = { status: current.status, organisationIds: current.organisations.map((o) => o.id) };
    if (!opportunityPolicy.view(ctx.actor, ref)) throw notFound();
    const onlyClosing = Object.keys(input).length === 1 && input.status === 'closed';
    const allowed = onlyClosing
      ? opportunityPolicy.close(ctx.actor, ref)
      : opportunityPolicy.update(ctx.actor, ref);
    if (!allowed) throw forbidden();
    const { organisationIds, ...fields } = input;
    if (organisationIds) {
      const unique = [...new Set(organisationIds)];
      await checkOrganisations(tx, ctx.networkId, unique);
      if (!opportunityPolicy.update(ctx.actor, { status: current.status, organisationIds: unique }))
        throw new Problem(422, 'opportunity.keep_own_organisation');
      await setRunningOrganisations(tx, ctx.networkId, id, unique);
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
      details: { fields: Object.keys(input) },
      ip: ctx.ip,
    });
  });
}
