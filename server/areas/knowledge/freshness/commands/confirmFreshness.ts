import type { FreshnessTarget } from '../../../../db/schema.ts';
import { type Executor, executeTx } from '../../../../db/tx.ts';
import type { CommandContext } from '../../../../http/context.ts';
import { forbidden, notFound } from '../../../../http/problem.ts';
import { audit } from '../../../../platform/audit.ts';
import { notificationInsert } from '../../../../platform/notifications.ts';
import { webPaths } from '../../../../platform/webPaths.ts';
import { freshnessPolicy } from '../policies/freshness.ts';
import { findSubject, markReviewed, resolveNotes } from '../repositories/freshness.ts';

/**
 * "Still correct": the owner or an editor says the thing was checked. Guarantees, in one
 * transaction with the thing's row locked: `reviewed_at` is now (the next due date starts from
 * here), every open reader's note is resolved by this person, each reader who wrote one hears that
 * it was dealt with, and the audit log has the check. A thing the person may not see is 404.
 */
export async function confirmFreshness(
  db: Executor,
  ctx: CommandContext,
  type: FreshnessTarget,
  id: string,
): Promise<void> {
  await executeTx(db, async (tx) => {
    const s = await findSubject(tx, ctx.networkId, type, id, { lock: true });
    if (!s || !freshnessPolicy.see(ctx.actor, s)) throw notFound();
    if (!freshnessPolicy.confirm(ctx.actor, s)) throw forbidden();
    const now = new Date();
    await markReviewed(tx, ctx.networkId, type, id, now);
    const reporters = await resolveNotes(tx, ctx.networkId, type, id, ctx.actorId);
    const toTell = [...new Set(reporters)].filter((r): r is string => r !== null && r !== ctx.actorId);
    await notificationInsert(
      tx,
      toTell.map((accountId) => ({
        networkId: ctx.networkId,
        accountId,
        kind: 'freshness.note_resolved' as const,
        params: { title: s.title },
        link: webPaths.freshnessCheck(type, id),
      })),
    )?.execute();
    await audit(tx, {
      networkId: ctx.networkId,
      actorId: ctx.actorId,
      action: 'knowledge.freshness_confirmed',
      entityType: type,
      entityId: id,
      details: { resolvedNotes: reporters.length },
      ip: ctx.ip,
    });
  });
}
