import { type Executor, executeTx } from '../../../../db/tx.ts';
import type { CommandContext } from '../../../../http/context.ts';
import { notFound, Problem } from '../../../../http/problem.ts';
import { recordInteraction } from '../../../../platform/interactions.ts';
import { isHidden } from '../../../../platform/moderation.ts';
import { follow } from '../../digests/repositories/follows.ts';
import { mapReportPolicy } from '../policies/report.ts';
import { addSupport, findReport, removeSupport } from '../repositories/reports.ts';

async function supportable(tx: Executor, ctx: CommandContext, id: string) {
  const r = await findReport(tx, ctx.networkId, id);
  if (!r || (await isHidden(tx, ctx.networkId, 'map_report', id))) throw notFound();
  if (!mapReportPolicy.support(ctx.actor, r)) throw new Problem(409, 'map_report.own_report');
  return r;
}

/**
 * "Me too": the person noticed it as well. Guarantees, in one transaction: one row per person and
 * report, and `support_count` equal to the number of rows however many press at once (see
 * addSupport); the supporter follows the report from then on and the interaction supporter ↔ author
 * is recorded once. Pressing again changes nothing. Answers the count.
 */
export async function supportReport(db: Executor, ctx: CommandContext, id: string): Promise<number> {
  return executeTx(db, async (tx) => {
    const r = await supportable(tx, ctx, id);
    if (await addSupport(tx, ctx.networkId, id, ctx.actorId)) {
      await follow(tx, ctx.networkId, ctx.actorId, 'map_report', id);
      if (r.author_id)
        await recordInteraction(tx, {
          networkId: ctx.networkId,
          area: 'knowledge',
          kind: 'map_report_support',
          mode: 'online',
          a: { type: 'person', id: ctx.actorId },
          b: { type: 'person', id: r.author_id },
          source: { type: 'map_report_support', id },
        });
    }
    return countOf(tx, ctx.networkId, id);
  });
}

/** Takes "me too" back (the person keeps following until they stop). Answers the count. */
export async function withdrawSupport(db: Executor, ctx: CommandContext, id: string): Promise<number> {
  return executeTx(db, async (tx) => {
    await supportable(tx, ctx, id);
    await removeSupport(tx, ctx.networkId, id, ctx.actorId);
    return countOf(tx, ctx.networkId, id);
  });
}

async function countOf(tx: Executor, networkId: string, id: string) {
  const row = await tx
    .selectFrom('map_report')
    .select('support_count')
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return row.support_count;
}
