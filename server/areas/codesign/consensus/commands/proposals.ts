import type { CodesignOutcome } from '../../../../db/schema.ts';
import { type Executor, executeTx } from '../../../../db/tx.ts';
import type { CommandContext } from '../../../../http/context.ts';
import { notFound, Problem } from '../../../../http/problem.ts';
import { toolFor } from '../../projects/access.ts';
import { addToTimeline } from '../../projects/timeline.ts';
import { lockProposal } from '../repositories/proposals.ts';

/**
 * Proposals, by the project's facilitators (and organisers): put one to the group with a closing
 * time, close it early, write what came of it with a review date, and note the review as done.
 * Guarantees: each is one transaction; closing and the outcome lock the proposal's row for update,
 * so no stance crosses them (see stances.ts); an outcome only after closing (the database holds it
 * too); the timeline records a new proposal and its outcome.
 */

const dayOf = (d: Date) => d.toISOString().slice(0, 10);

export async function createProposal(
  db: Executor,
  ctx: CommandContext,
  toolId: string,
  f: { title: string; body: string; ideaId: string | null; closesAt: Date },
): Promise<string> {
  return executeTx(db, async (tx) => {
    const access = await toolFor(tx, ctx.networkId, ctx.actor, toolId, ['consensus'], 'facilitate');
    if (access.project.status !== 'active') throw new Problem(409, 'codesign.project_not_active');
    if (f.closesAt.getTime() <= Date.now())
      throw new Problem(422, 'validation', {
        fields: [{ field: '/closesAt', code: 'codesign_consensus.closes_in_past' }],
      });
    const row = await tx
      .insertInto('codesign_proposal')
      .values({
        network_id: ctx.networkId,
        project_id: access.project.id,
        tool_id: toolId,
        title: f.title,
        body: f.body,
        idea_id: f.ideaId,
        closes_at: f.closesAt,
        created_by: ctx.actorId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await addToTimeline(tx, {
      networkId: ctx.networkId,
      projectId: access.project.id,
      kind: 'consensus.proposed',
      actorId: ctx.actorId,
      subject: { type: 'codesign_proposal', id: row.id },
      params: { title: f.title, closesAt: f.closesAt.toISOString() },
    });
    return row.id;
  });
}

async function facilitated(tx: Executor, ctx: CommandContext, proposalId: string) {
  const p = await lockProposal(tx, ctx.networkId, proposalId, 'update');
  if (!p) throw notFound();
  const access = await toolFor(tx, ctx.networkId, ctx.actor, p.tool_id, ['consensus'], 'facilitate');
  return { p, access };
}

/** Ends the voting now: the row is locked first, so the closing time is after every stance already taken. */
export async function closeProposal(db: Executor, ctx: CommandContext, proposalId: string): Promise<void> {
  await executeTx(db, async (tx) => {
    const { p } = await facilitated(tx, ctx, proposalId);
    if (p.clock >= p.closes_at) throw new Problem(409, 'codesign_consensus.closed');
    await tx
      .updateTable('codesign_proposal')
      .set((eb) => ({ closes_at: eb.fn('clock_timestamp'), updated_at: eb.fn('now') }))
      .where('network_id', '=', ctx.networkId)
      .where('id', '=', proposalId)
      .execute();
  });
}

/**
 * What came of the proposal, once it closed: decided, not decided, or changed — a statement in plain
 * words and the day the group looks again. Writing it again corrects it; a new review date is
 * reminded anew.
 */
export async function writeOutcome(
  db: Executor,
  ctx: CommandContext,
  proposalId: string,
  f: { outcome: CodesignOutcome; statement: string; reviewOn: string | null },
): Promise<void> {
  await executeTx(db, async (tx) => {
    const { p, access } = await facilitated(tx, ctx, proposalId);
    const toolClosed = access.tool.closes_at !== null && access.tool.closes_at <= p.clock;
    if (p.clock < p.closes_at && !toolClosed) throw new Problem(409, 'codesign_consensus.still_open');
    if (f.reviewOn !== null && f.reviewOn < dayOf(p.clock) && f.reviewOn !== p.review_on)
      throw new Problem(422, 'validation', {
        fields: [{ field: '/reviewOn', code: 'codesign_consensus.review_in_past' }],
      });
    const sameReview = f.reviewOn === p.review_on;
    await tx
      .updateTable('codesign_proposal')
      .set((eb) => ({
        outcome: f.outcome,
        outcome_statement: f.statement,
        outcome_by: ctx.actorId,
        outcome_at: eb.fn('now'),
        review_on: f.reviewOn,
        ...(sameReview ? {} : { review_reminded_at: null, reviewed_at: null, review_note: null }),
        updated_at: eb.fn('now'),
      }))
      .where('network_id', '=', ctx.networkId)
      .where('id', '=', proposalId)
      .execute();
    if (p.outcome === null)
      await addToTimeline(tx, {
        networkId: ctx.networkId,
        projectId: access.project.id,
        kind: 'consensus.decided',
        actorId: ctx.actorId,
        subject: { type: 'codesign_proposal', id: proposalId },
        params: { title: p.title, outcome: f.outcome, reviewOn: f.reviewOn },
      });
  });
}

/** The review has taken place: a short note of what the group found; the proposal leaves Today. */
export async function markReviewed(
  db: Executor,
  ctx: CommandContext,
  proposalId: string,
  note: string,
): Promise<void> {
  await executeTx(db, async (tx) => {
    const { p } = await facilitated(tx, ctx, proposalId);
    if (!p.review_on) throw new Problem(409, 'codesign_consensus.no_review');
    await tx
      .updateTable('codesign_proposal')
      .set((eb) => ({ reviewed_at: eb.fn('now'), review_note: note, updated_at: eb.fn('now') }))
      .where('network_id', '=', ctx.networkId)
      .where('id', '=', proposalId)
      .execute();
  });
}
