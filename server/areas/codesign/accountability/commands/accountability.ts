import type { CodesignAgeBand, CodesignStake } from '../../../../db/schema.ts';
import { codesignAgeBands, codesignStakes } from '../../../../db/schema.ts';
import { type Executor, executeTx } from '../../../../db/tx.ts';
import type { CommandContext } from '../../../../http/context.ts';
import { Problem } from '../../../../http/problem.ts';
import { audit } from '../../../../platform/audit.ts';
import { localDate } from '../../../../platform/localTime.ts';
import { notificationInsert } from '../../../../platform/notifications.ts';
import { webPaths } from '../../../../platform/webPaths.ts';
import { projectFor, toolFor } from '../../projects/access.ts';
import { addToTimeline } from '../../projects/timeline.ts';
import {
  type AffectedGroup,
  claimDueReviews,
  findOutcome,
  insertReview,
  type OutcomeFields,
  playbookPageExists,
  type ReviewFields,
  replaceAffected,
  reviewAudience,
  saveOutcome,
  setToolMethod,
} from '../repositories/accountability.ts';

const fieldError = (
  field: string,
  code: 'field.invalid' | 'codesign.affected_twice' | 'codesign.review_in_future',
) => new Problem(422, 'validation', { fields: [{ field, code }] });

/**
 * The groups a project is for. Guarantees: each value is one the kind of group knows (a district of
 * this network, an age band, a stake, a language code), no group twice, and the expected shares of a
 * kind add up to at most 100 % — checked before anything is written; the set is replaced whole, in one
 * transaction with its audit and timeline rows.
 */
export async function setAffectedGroups(
  db: Executor,
  ctx: CommandContext,
  projectId: string,
  groups: AffectedGroup[],
) {
  return executeTx(db, async (tx) => {
    await projectFor(tx, ctx.networkId, ctx.actor, projectId, 'organise');
    const districts = new Set(
      (await tx.selectFrom('district').select('id').where('network_id', '=', ctx.networkId).execute()).map(
        (d) => d.id,
      ),
    );
    const seen = new Set<string>();
    const shares = new Map<string, number>();
    for (const [i, g] of groups.entries()) {
      const valid =
        g.dimension === 'district'
          ? districts.has(g.value.toLowerCase())
          : g.dimension === 'age_band'
            ? codesignAgeBands.includes(g.value as CodesignAgeBand)
            : g.dimension === 'stake'
              ? codesignStakes.includes(g.value as CodesignStake)
              : /^[a-z]{2,3}$/.test(g.value);
      if (!valid) throw fieldError(`/groups/${i}/value`, 'field.invalid');
      const key = `${g.dimension}:${g.value.toLowerCase()}`;
      if (seen.has(key)) throw fieldError(`/groups/${i}/value`, 'codesign.affected_twice');
      seen.add(key);
      shares.set(g.dimension, (shares.get(g.dimension) ?? 0) + (g.expectedShare ?? 0));
    }
    if ([...shares.values()].some((s) => s > 1.0005)) throw new Problem(422, 'codesign.affected_shares_over');
    const normalised = groups.map((g) => ({
      ...g,
      value: g.dimension === 'district' ? g.value.toLowerCase() : g.value,
    }));
    await replaceAffected(tx, ctx.networkId, projectId, normalised);
    await audit(tx, {
      networkId: ctx.networkId,
      actorId: ctx.actorId,
      action: 'codesign.affected_groups_set',
      entityType: 'codesign_project',
      entityId: projectId,
      details: { groups: normalised.length },
      ip: ctx.ip,
    });
    await addToTimeline(tx, {
      networkId: ctx.networkId,
      projectId,
      kind: 'accountability.affected_set',
      actorId: ctx.actorId,
      params: { groups: normalised.length },
    });
  });
}

/**
 * Where the result stands. Guarantees: only the running organisations' staff write it; an edit based
 * on an older state is refused (409) instead of overwriting someone else's; each save keeps its
 * history row, audit and timeline entry in the same transaction.
 */
export async function updateOutcome(
  db: Executor,
  ctx: CommandContext,
  projectId: string,
  f: OutcomeFields,
  basedOn: string | null,
) {
  return executeTx(db, async (tx) => {
    await projectFor(tx, ctx.networkId, ctx.actor, projectId, 'organise');
    await tx
      .selectFrom('codesign_project')
      .select('id')
      .where('network_id', '=', ctx.networkId)
      .where('id', '=', projectId)
      .forUpdate()
      .execute();
    const current = await findOutcome(tx, ctx.networkId, projectId);
    const currentStamp = current?.updated_at.toISOString() ?? null;
    if (currentStamp !== (basedOn === null ? null : new Date(basedOn).toISOString()))
      throw new Problem(409, 'codesign.outcome_stale');
    await saveOutcome(tx, ctx.networkId, projectId, ctx.actorId, f);
    await audit(tx, {
      networkId: ctx.networkId,
      actorId: ctx.actorId,
      action: 'codesign.outcome_updated',
      entityType: 'codesign_project',
      entityId: projectId,
      details: { status: f.status, progress: f.progress },
      ip: ctx.ip,
    });
    await addToTimeline(tx, {
      networkId: ctx.networkId,
      projectId,
      kind: 'accountability.outcome_updated',
      actorId: ctx.actorId,
      params: { status: f.status, progress: f.progress },
    });
  });
}

/**
 * A look back at the project. Guarantees: written by its facilitators and organisers, held today or
 * earlier; it answers the review date it follows (no more reminders for it), and may set the next
 * one — in one transaction with its timeline entry.
 */
export async function addReview(
  db: Executor,
  ctx: CommandContext,
  projectId: string,
  f: ReviewFields,
  nextReviewOn: string | null | undefined,
  now = new Date(),
) {
  if (f.heldOn > localDate(now)) throw fieldError('/heldOn', 'codesign.review_in_future');
  return executeTx(db, async (tx) => {
    await projectFor(tx, ctx.networkId, ctx.actor, projectId, 'facilitate');
    const id = await insertReview(tx, ctx.networkId, projectId, ctx.actorId, f);
    if (nextReviewOn !== undefined) {
      const outcome = await findOutcome(tx, ctx.networkId, projectId);
      await saveOutcome(tx, ctx.networkId, projectId, ctx.actorId, {
        status: outcome?.status ?? 'planned',
        progress: outcome?.progress ?? 0,
        statement: outcome?.statement ?? '',
        reviewOn: nextReviewOn,
      });
    }
    await addToTimeline(tx, {
      networkId: ctx.networkId,
      projectId,
      kind: 'accountability.reviewed',
      actorId: ctx.actorId,
      subject: { type: 'codesign_review', id },
      params: { heldOn: f.heldOn },
    });
    return id;
  });
}

/** The method (a playbook page) a tool applied; the page must exist (422 otherwise). */
export async function setMethod(db: Executor, ctx: CommandContext, toolId: string, pageId: string | null) {
  return executeTx(db, async (tx) => {
    const access = await toolFor(
      tx,
      ctx.networkId,
      ctx.actor,
      toolId,
      ['ideas', 'consensus', 'dots', 'ranking', 'survey', 'meeting'],
      'organise',
    );
    if (pageId !== null && !(await playbookPageExists(tx, ctx.networkId, pageId)))
      throw fieldError('/pageId', 'field.invalid');
    await setToolMethod(tx, ctx.networkId, toolId, pageId);
    await audit(tx, {
      networkId: ctx.networkId,
      actorId: ctx.actorId,
      action: 'codesign.tool_method_set',
      entityType: 'codesign_tool',
      entityId: toolId,
      details: { projectId: access.project.id, pageId },
      ip: ctx.ip,
    });
  });
}

/** The job kind of the review sweep (recurring, see ../index.ts). */
export const remindReviewsJob = 'codesign.review_remind';

/**
 * "Zeit für den Rückblick": on a project's review date its organisers and facilitators are told, once
 * per project and date (the reminder rows this run wrote, in the transaction of the notifications).
 * Returns how many projects were due.
 */
export async function remindDueReviews(db: Executor, networkId: string, now = new Date()): Promise<number> {
  return executeTx(db, async (tx) => {
    const due = await claimDueReviews(tx, networkId, localDate(now));
    for (const d of due) {
      const project = await tx
        .selectFrom('codesign_project')
        .select('title')
        .where('network_id', '=', networkId)
        .where('id', '=', d.project_id)
        .executeTakeFirstOrThrow();
      const audience = await reviewAudience(tx, networkId, d.project_id);
      await notificationInsert(
        tx,
        audience.map((accountId) => ({
          networkId,
          accountId,
          kind: 'codesign.review_due' as const,
          params: { title: project.title },
          link: webPaths.codesignImpact(d.project_id),
        })),
      )?.execute();
    }
    return due.length;
  });
}
