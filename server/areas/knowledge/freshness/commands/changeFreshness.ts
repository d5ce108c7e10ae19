import type { FreshnessTarget } from '../../../../db/schema.ts';
import { type Executor, executeTx } from '../../../../db/tx.ts';
import type { CommandContext } from '../../../../http/context.ts';
import { forbidden, notFound, Problem } from '../../../../http/problem.ts';
import { audit } from '../../../../platform/audit.ts';
import { notify } from '../../../../platform/notifications.ts';
import { webPaths } from '../../../../platform/webPaths.ts';
import { actorOf } from '../../../../repositories/accounts.ts';
import { freshnessPolicy } from '../policies/freshness.ts';
import { findSubject, setOwnership } from '../repositories/freshness.ts';

export interface FreshnessChange {
  ownerId?: string;
  reviewIntervalDays?: number;
}

/**
 * Who keeps a thing current and how often it is checked, changed by someone who may confirm it.
 * Guarantees, in one transaction with the thing's row locked: the new owner is one of the thing's
 * editors (policies/freshness.ts `edit`; otherwise 422 on /ownerId) — so whoever is asked "still
 * correct?" can also fix it —, the change is audited with what it was before, and a new owner
 * (other than the one making the change) is notified. A new interval moves the due date, and so a
 * reminder for the new date can go.
 */
export async function changeFreshness(
  db: Executor,
  ctx: CommandContext,
  type: FreshnessTarget,
  id: string,
  change: FreshnessChange,
): Promise<void> {
  if (change.ownerId === undefined && change.reviewIntervalDays === undefined)
    throw new Problem(422, 'freshness.nothing_to_change', {
      fields: [{ field: '/ownerId', code: 'freshness.nothing_to_change' }],
    });
  await executeTx(db, async (tx) => {
    const s = await findSubject(tx, ctx.networkId, type, id, { lock: true });
    if (!s || !freshnessPolicy.see(ctx.actor, s)) throw notFound();
    if (!freshnessPolicy.confirm(ctx.actor, s)) throw forbidden();
    const ownerId = change.ownerId ?? s.ownerId;
    const newOwner = ownerId !== s.ownerId;
    if (newOwner && ownerId !== null) {
      const candidate = await actorOf(tx, ctx.networkId, ownerId);
      if (!candidate || !freshnessPolicy.edit(candidate, s))
        throw new Problem(422, 'validation', {
          fields: [{ field: '/ownerId', code: 'freshness.owner_not_editor' }],
        });
    }
    const reviewIntervalDays = change.reviewIntervalDays ?? s.review_interval_days;
    await setOwnership(tx, ctx.networkId, type, id, { ownerId, reviewIntervalDays });
    await audit(tx, {
      networkId: ctx.networkId,
      actorId: ctx.actorId,
      action: 'knowledge.freshness_changed',
      entityType: type,
      entityId: id,
      details: {
        ownerId,
        previousOwnerId: s.ownerId,
        reviewIntervalDays,
        previousReviewIntervalDays: s.review_interval_days,
      },
      ip: ctx.ip,
    });
    if (newOwner && ownerId && ownerId !== ctx.actorId) {
      const me = await tx
        .selectFrom('account')
        .select('display_name')
        .where('network_id', '=', ctx.networkId)
        .where('id', '=', ctx.actorId)
        .executeTakeFirstOrThrow();
      await notify(tx, {
        networkId: ctx.networkId,
        accountId: ownerId,
        kind: 'freshness.owner_assigned',
        params: { title: s.title, name: me.display_name },
        link: webPaths.freshnessCheck(type, id),
      });
    }
  });
}
