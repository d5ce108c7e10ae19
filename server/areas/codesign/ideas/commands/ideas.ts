import type { CodesignPointSide } from '../../../../db/schema.ts';
import { type Executor, executeTx } from '../../../../db/tx.ts';
import type { CommandContext } from '../../../../http/context.ts';
import { notFound, Problem } from '../../../../http/problem.ts';
import { audit } from '../../../../platform/audit.ts';
import { type ToolAccess, toolFor } from '../../projects/access.ts';
import { contribute, type OnBehalf } from '../../projects/contribute.ts';
import { addToTimeline } from '../../projects/timeline.ts';
import { toolConfig } from '../../projects/tools.ts';
import {
  candidateIds,
  findIdea,
  type IdeaRow,
  insertComment,
  insertIdea,
  insertPoint,
  mergeIdeas,
  setSelected,
} from '../repositories/ideas.ts';

/**
 * What people do in a tool of kind 'ideas'. Guarantees: every idea, comment and point is one
 * contribution (projects/contribute.ts: the tool open, the person taking part — or a facilitator
 * entering it for a participant who consented, audited), written in the same transaction; merging and
 * selecting are the facilitators' steps, each one transaction with its timeline event and audit entry.
 * What a moderator hid does not exist here for anyone but moderators (404).
 */

const field = (name: string, code: 'field.required' | 'field.too_short', limit?: number) =>
  new Problem(422, 'validation', {
    fields: [{ field: `/${name}`, code, ...(limit ? { params: { limit } } : {}) }],
  });

/** The tool through the door: in one's own name it must be open to the actor; for others, a facilitator's. */
async function toolForContribution(tx: Executor, ctx: CommandContext, toolId: string, onBehalf?: OnBehalf) {
  return toolFor(tx, ctx.networkId, ctx.actor, toolId, ['ideas'], onBehalf ? 'facilitate' : 'participate');
}

/** An idea that exists for the actor (hidden ones only for moderators), with its tool. */
export async function visibleIdea(
  db: Executor,
  ctx: Pick<CommandContext, 'networkId' | 'actor'>,
  ideaId: string,
) {
  const idea = await findIdea(db, ctx.networkId, ideaId);
  if (!idea || (idea.hidden && !ctx.actor.isInstanceAdmin)) throw notFound();
  return idea;
}

export async function addIdea(
  db: Executor,
  ctx: CommandContext,
  toolId: string,
  f: { title: string; body: string; onBehalf?: OnBehalf },
) {
  const title = f.title.trim();
  const body = f.body.trim();
  if (!title) throw field('title', 'field.required');
  if (title.length < 3) throw field('title', 'field.too_short', 3);
  return executeTx(db, async (tx) => {
    const access = await toolForContribution(tx, ctx, toolId, f.onBehalf);
    if (!toolConfig('ideas', access.tool.config).participantsPropose && !access.may.facilitate)
      throw new Problem(403, 'codesignIdeas.proposals_closed');
    const c = await contribute(tx, ctx, access, 'idea', f.onBehalf);
    return insertIdea(tx, {
      networkId: ctx.networkId,
      projectId: access.project.id,
      toolId,
      contributionId: c.contributionId,
      title,
      body,
    });
  });
}

/** An idea one can add to: visible, not merged (409 naming the one it went into), through its tool's door. */
async function ideaToAddTo(tx: Executor, ctx: CommandContext, ideaId: string, onBehalf?: OnBehalf) {
  const idea = await findIdea(tx, ctx.networkId, ideaId, true);
  if (!idea) throw notFound();
  // the door first: an idea of a project one cannot see does not exist
  const access = await toolForContribution(tx, ctx, idea.tool_id, onBehalf);
  if (idea.hidden && !ctx.actor.isInstanceAdmin) throw notFound();
  if (idea.merged_into)
    throw new Problem(409, 'codesignIdeas.merged', { params: { mergedInto: idea.merged_into } });
  return { idea, access };
}

export async function addComment(
  db: Executor,
  ctx: CommandContext,
  ideaId: string,
  f: { body: string; onBehalf?: OnBehalf },
) {
  const body = f.body.trim();
  if (!body) throw field('body', 'field.required');
  return executeTx(db, async (tx) => {
    const { idea, access } = await ideaToAddTo(tx, ctx, ideaId, f.onBehalf);
    const c = await contribute(tx, ctx, access, 'comment', f.onBehalf);
    return insertComment(tx, {
      networkId: ctx.networkId,
      ideaId: idea.id,
      contributionId: c.contributionId,
      body,
    });
  });
}

export async function addPoint(
  db: Executor,
  ctx: CommandContext,
  ideaId: string,
  f: { side: CodesignPointSide; body: string; onBehalf?: OnBehalf },
) {
  const body = f.body.trim();
  if (!body) throw field('body', 'field.required');
  if (body.length < 2) throw field('body', 'field.too_short', 2);
  return executeTx(db, async (tx) => {
    const { idea, access } = await ideaToAddTo(tx, ctx, ideaId, f.onBehalf);
    if (!toolConfig('ideas', access.tool.config).points) throw new Problem(409, 'codesignIdeas.points_off');
    const c = await contribute(tx, ctx, access, 'point', f.onBehalf);
    return insertPoint(tx, {
      networkId: ctx.networkId,
      ideaId: idea.id,
      contributionId: c.contributionId,
      side: f.side,
      body,
    });
  });
}

/** A facilitator's step in an active project. */
async function facilitating(tx: Executor, ctx: CommandContext, toolId: string): Promise<ToolAccess> {
  const access = await toolFor(tx, ctx.networkId, ctx.actor, toolId, ['ideas'], 'facilitate');
  if (access.project.status !== 'active') throw new Problem(409, 'codesign.project_not_active');
  return access;
}

/**
 * Merges a duplicate into another idea of the same tool: the duplicate stays (shown as "zusammengeführt
 * mit …"), its points, comments and proposer show with the other one; ideas merged into the duplicate
 * before move along; a 'selected' mark moves too. Both rows are locked in a fixed order, so two merges
 * crossing each other cannot make a chain or a cycle.
 */
export async function mergeIdea(db: Executor, ctx: CommandContext, fromId: string, intoId: string) {
  if (fromId === intoId)
    throw new Problem(422, 'codesignIdeas.merge_self', {
      fields: [{ field: '/intoId', code: 'codesignIdeas.merge_self' }],
    });
  return executeTx(db, async (tx) => {
    const first = await visibleIdea(tx, ctx, fromId);
    const access = await facilitating(tx, ctx, first.tool_id);
    const rows = new Map<string, IdeaRow>();
    for (const id of [fromId, intoId].sort()) {
      const row = await findIdea(tx, ctx.networkId, id, true);
      if (row) rows.set(id, row);
    }
    const from = rows.get(fromId);
    const into = rows.get(intoId);
    if (!from || (from.hidden && !ctx.actor.isInstanceAdmin)) throw notFound();
    if (!into || into.tool_id !== from.tool_id || (into.hidden && !ctx.actor.isInstanceAdmin))
      throw new Problem(422, 'validation', { fields: [{ field: '/intoId', code: 'field.invalid' }] });
    if (from.merged_into)
      throw new Problem(409, 'codesignIdeas.merged', { params: { mergedInto: from.merged_into } });
    if (into.merged_into)
      throw new Problem(422, 'codesignIdeas.merge_target_merged', {
        fields: [{ field: '/intoId', code: 'codesignIdeas.merge_target_merged' }],
      });
    await mergeIdeas(tx, ctx.networkId, from.id, into.id, ctx.actorId, from.mark ?? null);
    await addToTimeline(tx, {
      networkId: ctx.networkId,
      projectId: access.project.id,
      kind: 'ideas.merged',
      actorId: ctx.actorId,
      subject: { type: 'codesign_idea', id: into.id },
      params: { from: from.title, into: into.title, tool: access.tool.title },
    });
    await audit(tx, {
      networkId: ctx.networkId,
      actorId: ctx.actorId,
      action: 'codesign.idea_merged',
      entityType: 'codesign_idea',
      entityId: from.id,
      details: { into: into.id, toolId: from.tool_id },
      ip: ctx.ip,
    });
    return into.id;
  });
}

/**
 * The facilitators choose which ideas go on to the decide phase: exactly the given ones are marked
 * 'selected' (the others lose the mark). One timeline event for the choice, none when nothing changed.
 */
export async function selectIdeas(
  db: Executor,
  ctx: CommandContext,
  toolId: string,
  ideaIds: readonly string[],
) {
  const wanted = [...new Set(ideaIds)];
  return executeTx(db, async (tx) => {
    const access = await facilitating(tx, ctx, toolId);
    const candidates = await candidateIds(tx, ctx.networkId, toolId, true);
    const known = new Set(candidates.map((c) => c.id));
    if (wanted.some((id) => !known.has(id)))
      throw new Problem(422, 'codesignIdeas.selection_unknown', {
        fields: [{ field: '/ideaIds', code: 'codesignIdeas.selection_unknown' }],
      });
    const before = new Set(candidates.filter((c) => c.mark === 'selected').map((c) => c.id));
    const changed = before.size !== wanted.length || wanted.some((id) => !before.has(id));
    if (!changed) return wanted;
    await setSelected(tx, ctx.networkId, toolId, wanted);
    await addToTimeline(tx, {
      networkId: ctx.networkId,
      projectId: access.project.id,
      kind: 'ideas.selected',
      actorId: ctx.actorId,
      subject: { type: 'codesign_tool', id: toolId },
      params: { count: wanted.length, tool: access.tool.title },
    });
    return wanted;
  });
}
