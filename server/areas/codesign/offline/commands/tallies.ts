import type { CodesignTallyChannel } from '../../../../db/schema.ts';
import { codesignToolKinds } from '../../../../db/schema.ts';
import { type Executor, executeTx } from '../../../../db/tx.ts';
import type { CommandContext } from '../../../../http/context.ts';
import { notFound, Problem } from '../../../../http/problem.ts';
import { audit } from '../../../../platform/audit.ts';
import { projectFor, toolFor } from '../../projects/access.ts';
import { enteredRoleOf } from '../../projects/contribute.ts';

export interface TallyInput {
  meetingToolId?: string | null;
  people: number;
  channel: CodesignTallyChannel;
  note: string;
  counts: { optionRef?: string | null; label: string; count: number }[];
}

/**
 * The totals of a paper dot-vote poster or a show of hands, entered by a facilitator with where they
 * came from (paper or a meeting, which meeting, how many people, a note). A tally is never a
 * participant: the people behind it are a number, not invented rows. One transaction with its audit.
 */
export async function addTally(
  db: Executor,
  ctx: CommandContext,
  toolId: string,
  input: TallyInput,
): Promise<string> {
  const counts = input.counts.map((c) => ({ ...c, label: c.label.trim() }));
  const empty = counts.findIndex((c) => c.label.length === 0);
  if (empty >= 0)
    throw new Problem(422, 'validation', {
      fields: [{ field: `/counts/${empty}/label`, code: 'field.required' }],
    });
  return executeTx(db, async (tx) => {
    const access = await toolFor(tx, ctx.networkId, ctx.actor, toolId, codesignToolKinds, 'facilitate');
    const { project } = access;
    if (project.status === 'draft') throw new Problem(409, 'codesign.project_not_active');
    let meetingId: string | null = null;
    if (input.meetingToolId) {
      const m = await tx
        .selectFrom('codesign_meeting')
        .select('id')
        .where('network_id', '=', ctx.networkId)
        .where('project_id', '=', project.id)
        .where('tool_id', '=', input.meetingToolId)
        .executeTakeFirst();
      if (!m)
        throw new Problem(422, 'validation', {
          fields: [{ field: '/meetingToolId', code: 'codesign.offline_no_meeting_record' }],
        });
      meetingId = m.id;
    }
    const row = await tx
      .insertInto('codesign_tally')
      .values({
        network_id: ctx.networkId,
        project_id: project.id,
        tool_id: toolId,
        meeting_id: meetingId,
        people: input.people,
        channel: input.channel,
        note: input.note.trim(),
        entered_by: ctx.actorId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('codesign_tally_count')
      .values(
        counts.map((c, i) => ({
          network_id: ctx.networkId,
          tally_id: row.id,
          position: i + 1,
          option_ref: c.optionRef ?? null,
          label: c.label,
          count: c.count,
        })),
      )
      .execute();
    await audit(tx, {
      networkId: ctx.networkId,
      actorId: ctx.actorId,
      action: 'codesign.tally_entered',
      entityType: 'codesign_tally',
      entityId: row.id,
      details: {
        projectId: project.id,
        toolId,
        role: enteredRoleOf(ctx, project.runningOrganisationIds),
        channel: input.channel,
        people: input.people,
      },
      ip: ctx.ip,
    });
    return row.id;
  });
}

/** Takes a tally back (a facilitator of its project; one entered by mistake). */
export async function removeTally(db: Executor, ctx: CommandContext, tallyId: string): Promise<void> {
  await executeTx(db, async (tx) => {
    const t = await tx
      .selectFrom('codesign_tally')
      .select(['id', 'project_id', 'tool_id'])
      .where('network_id', '=', ctx.networkId)
      .where('id', '=', tallyId)
      .forUpdate()
      .executeTakeFirst();
    if (!t) throw notFound();
    const access = await projectFor(tx, ctx.networkId, ctx.actor, t.project_id, 'view').catch(() => {
      throw notFound();
    });
    if (!access.may.facilitate) throw new Problem(403, 'forbidden');
    await tx
      .deleteFrom('codesign_tally')
      .where('network_id', '=', ctx.networkId)
      .where('id', '=', tallyId)
      .execute();
    await audit(tx, {
      networkId: ctx.networkId,
      actorId: ctx.actorId,
      action: 'codesign.tally_removed',
      entityType: 'codesign_tally',
      entityId: tallyId,
      details: {
        projectId: t.project_id,
        toolId: t.tool_id,
        role: enteredRoleOf(ctx, access.project.runningOrganisationIds),
      },
      ip: ctx.ip,
    });
  });
}
