import { type Executor, executeTx } from '../../../../db/tx.ts';
import type { CommandContext } from '../../../../http/context.ts';
import { notFound, Problem } from '../../../../http/problem.ts';
import { toolFor } from '../../projects/access.ts';
import { addToTimeline } from '../../projects/timeline.ts';
import {
  countOptions,
  deleteOption,
  findOption,
  insertOptions,
  maxOptions,
  optionHasVotes,
  updateOption,
} from '../repositories/options.ts';

/**
 * The options of a dots or ranking tool, kept by its facilitators. Guarantees: only a facilitator or
 * an organiser of the project changes them; a tool has at most `maxOptions`; ideas taken over from an
 * ideas tool come in once each (the database's unique index) and show on the project's timeline; an
 * option removed while the vote is open gives its dots back (the database's trigger lowers the
 * counters); after closing, an option with votes stays, so the result stays as it was.
 */

export interface OptionInput {
  title: string;
  description: string;
  sourceIdeaId?: string | null;
}

const clean = (o: OptionInput) => ({
  title: o.title.trim().replace(/\s+/g, ' '),
  description: o.description.trim(),
  sourceIdeaId: o.sourceIdeaId ?? null,
});

function checkTitle(title: string, at: string) {
  if (title.length < 2)
    throw new Problem(422, 'validation', {
      fields: [{ field: at, code: 'field.too_short', params: { limit: 2 } }],
    });
}

async function toolToFacilitate(db: Executor, ctx: CommandContext, toolId: string) {
  return toolFor(db, ctx.networkId, ctx.actor, toolId, ['dots', 'ranking'], 'facilitate');
}

export async function addOptions(
  db: Executor,
  ctx: CommandContext,
  toolId: string,
  given: readonly OptionInput[],
  imported: boolean,
): Promise<string[]> {
  const options = given.map(clean);
  for (const [i, o] of options.entries()) checkTitle(o.title, imported ? `/options/${i}/title` : '/title');
  return executeTx(db, async (tx) => {
    const access = await toolToFacilitate(tx, ctx, toolId);
    const ids = await insertOptions(tx, ctx.networkId, toolId, ctx.actorId, options);
    if ((await countOptions(tx, ctx.networkId, toolId)) > maxOptions)
      throw new Problem(409, 'codesignVotes.too_many_options', { params: { max: maxOptions } });
    if (imported && ids.length > 0)
      await addToTimeline(tx, {
        networkId: ctx.networkId,
        projectId: access.project.id,
        kind: 'votes.options_imported',
        actorId: ctx.actorId,
        subject: { type: 'codesign_tool', id: toolId },
        params: { tool: access.tool.title, count: ids.length },
      });
    return ids;
  });
}

/** The option and its tool, for a facilitator of its project (404 for anyone who may not see it). */
async function optionToFacilitate(db: Executor, ctx: CommandContext, id: string) {
  const o = await findOption(db, ctx.networkId, id);
  if (!o) throw notFound();
  const access = await toolToFacilitate(db, ctx, o.tool_id);
  return { o, access };
}

/** The tool an option belongs to, as the actor may see it (404 otherwise). */
export async function toolOfOption(db: Executor, ctx: CommandContext, id: string) {
  return (await optionToFacilitate(db, ctx, id)).o.tool_id;
}

export async function changeOption(db: Executor, ctx: CommandContext, id: string, given: OptionInput) {
  const f = clean(given);
  checkTitle(f.title, '/title');
  await executeTx(db, async (tx) => {
    await optionToFacilitate(tx, ctx, id);
    await updateOption(tx, ctx.networkId, id, f);
  });
}

export async function removeOption(db: Executor, ctx: CommandContext, id: string) {
  await executeTx(db, async (tx) => {
    const { access } = await optionToFacilitate(tx, ctx, id);
    if (!access.open && (await optionHasVotes(tx, ctx.networkId, id)))
      throw new Problem(409, 'codesignVotes.option_has_votes');
    await deleteOption(tx, ctx.networkId, id);
  });
}
