import { type Executor, executeTx } from '../../../../db/tx.ts';
import type { CommandContext } from '../../../../http/context.ts';
import { notFound, Problem } from '../../../../http/problem.ts';
import { type ToolAccess, toolFor } from '../../projects/access.ts';
import { contribute, type OnBehalf } from '../../projects/contribute.ts';
import { toolConfig } from '../../projects/tools.ts';
import { addDots, lockBudget, takeDots } from '../repositories/dots.ts';
import { findOption } from '../repositories/options.ts';
import { replaceRanking } from '../repositories/rankings.ts';

/**
 * Placing, moving and taking away dots, and saving a ranking. Guarantees: each change is one
 * contribution (contribute(): the person's own, or entered by a facilitator for a participant who
 * consented, audited), in one transaction with the votes it changes; the tool takes votes (open);
 * a person's dots never pass the budget nor `maxPerOption` on one option, one ranking per person with
 * each place and option once, at most `places` places — all of it held by the database as well
 * (migration 20261206_1440), whose refusals come back here as 409 with the reason.
 */

type DotChange =
  | { change: 'place' | 'remove'; optionId: string; count: number }
  | { change: 'move'; fromOptionId: string; toOptionId: string; count: number };

/** The tool for a vote by the actor or, with `onBehalf`, by a facilitator for someone. */
async function votingTool(
  tx: Executor,
  ctx: CommandContext,
  toolId: string,
  kind: 'dots' | 'ranking',
  onBehalf?: OnBehalf,
): Promise<ToolAccess> {
  const access = await toolFor(
    tx,
    ctx.networkId,
    ctx.actor,
    toolId,
    [kind],
    onBehalf ? 'facilitate' : 'participate',
  );
  if (!access.open) throw new Problem(409, 'codesign.tool_not_open');
  return access;
}

async function optionOf(tx: Executor, ctx: CommandContext, toolId: string, optionId: string) {
  const o = await findOption(tx, ctx.networkId, optionId);
  if (!o || o.tool_id !== toolId) throw new Problem(422, 'codesignVotes.option_unknown');
  return o;
}

/** The database's refusals (23514, named constraints) as a person reads them. */
function refusal(e: unknown, config: { budget?: number; maxPerOption?: number; places?: number }): never {
  const c =
    (e as { code?: string; constraint?: string }).code === '23514'
      ? (e as { constraint?: string }).constraint
      : null;
  if (c === 'codesign_dot_budget')
    throw new Problem(409, 'codesignVotes.over_budget', { params: { budget: config.budget ?? 0 } });
  if (c === 'codesign_dot_per_option')
    throw new Problem(409, 'codesignVotes.over_per_option', { params: { max: config.maxPerOption ?? 0 } });
  if (c === 'codesign_vote_closed') throw new Problem(409, 'codesignVotes.closed');
  if (c === 'codesign_dot_option' || c === 'codesign_ranking_option')
    throw new Problem(422, 'codesignVotes.option_unknown');
  if (c === 'codesign_ranking_places')
    throw new Problem(422, 'codesignVotes.ranking_too_long', { params: { places: config.places ?? 0 } });
  throw e;
}

/** Places, takes away or moves one person's dots. Returns whose dots they are. */
export async function changeDots(
  db: Executor,
  ctx: CommandContext,
  toolId: string,
  change: DotChange,
  onBehalf?: OnBehalf,
): Promise<{ participantId: string }> {
  return executeTx(db, async (tx) => {
    const access = await votingTool(tx, ctx, toolId, 'dots', onBehalf);
    const config = toolConfig('dots', access.tool.config);
    if (change.change === 'move') {
      if (change.fromOptionId === change.toOptionId) throw new Problem(422, 'codesignVotes.move_same');
      await optionOf(tx, ctx, toolId, change.fromOptionId);
      await optionOf(tx, ctx, toolId, change.toOptionId);
    } else await optionOf(tx, ctx, toolId, change.optionId);
    const c = await contribute(tx, ctx, access, 'dots', onBehalf);
    const key = (optionId: string) => ({
      networkId: ctx.networkId,
      toolId,
      optionId,
      participantId: c.participantId,
    });
    try {
      await lockBudget(tx, ctx.networkId, toolId, c.participantId);
      if (change.change === 'place') await addDots(tx, key(change.optionId), change.count, c.contributionId);
      else {
        const from = change.change === 'move' ? change.fromOptionId : change.optionId;
        // taken away first, so a move never passes the budget on the way
        if (!(await takeDots(tx, key(from), change.count, c.contributionId)))
          throw new Problem(409, 'codesignVotes.no_dot');
        if (change.change === 'move')
          await addDots(tx, key(change.toOptionId), change.count, c.contributionId);
      }
    } catch (e) {
      refusal(e, config);
    }
    return { participantId: c.participantId };
  });
}

/** Puts one person's ranking (option ids, first place first) in place of their last one; empty takes it back. */
export async function saveRanking(
  db: Executor,
  ctx: CommandContext,
  toolId: string,
  optionIds: readonly string[],
  onBehalf?: OnBehalf,
): Promise<{ participantId: string }> {
  return executeTx(db, async (tx) => {
    const access = await votingTool(tx, ctx, toolId, 'ranking', onBehalf);
    const config = toolConfig('ranking', access.tool.config);
    if (new Set(optionIds).size !== optionIds.length)
      throw new Problem(422, 'codesignVotes.ranking_twice', {
        fields: [{ field: '/optionIds', code: 'codesignVotes.ranking_twice' }],
      });
    if (optionIds.length > config.places)
      throw new Problem(422, 'codesignVotes.ranking_too_long', {
        params: { places: config.places },
        fields: [
          { field: '/optionIds', code: 'codesignVotes.ranking_too_long', params: { places: config.places } },
        ],
      });
    for (const id of optionIds) await optionOf(tx, ctx, toolId, id);
    const c = await contribute(tx, ctx, access, 'ranking', onBehalf);
    try {
      await replaceRanking(
        tx,
        { networkId: ctx.networkId, toolId, participantId: c.participantId },
        optionIds,
        c.contributionId,
      );
    } catch (e) {
      refusal(e, config);
    }
    return { participantId: c.participantId };
  });
}

/** A participant of the tool's project whose votes a facilitator may look at to enter theirs (404 otherwise). */
export async function assistedParticipant(
  db: Executor,
  networkId: string,
  projectId: string,
  participantId: string,
) {
  const p = await db
    .selectFrom('codesign_participant')
    .select(['id', 'status'])
    .where('network_id', '=', networkId)
    .where('project_id', '=', projectId)
    .where('id', '=', participantId)
    .executeTakeFirst();
  if (!p || p.status === 'left') throw notFound();
  return p.id;
}
