import { type Executor, executeTx } from '../db/tx.ts';
import { notFound, Problem } from '../http/problem.ts';
import { audit } from '../platform/audit.ts';
import { recordInteraction } from '../platform/interactions.ts';
import { notify } from '../platform/notifications.ts';
import { findMember } from '../repositories/circles.ts';
import { claimNeed as claimRow, findNeed, markDone } from '../repositories/circles-needs.ts';
import { scheduleReminder } from './careCalendar.ts';

interface Ctx {
  networkId: string;
  circleId: string;
  actorId: string;
  ip: string;
}

/**
 * A helper takes on a need.
 *
 * Guarantees: two helpers never both hold a need — the claim is one conditional UPDATE (… WHERE
 * claimed_by IS NULL), so of concurrent claims exactly one succeeds and the others get 409. The
 * claimant's reminder is scheduled in the same transaction.
 */
export async function claimNeed(db: Executor, ctx: Ctx, needId: string): Promise<void> {
  await executeTx(db, async (tx) => {
    const claimed = await claimRow(tx, ctx.networkId, ctx.circleId, needId, ctx.actorId);
    if (!claimed) {
      const need = await findNeed(tx, ctx.networkId, ctx.circleId, needId);
      if (!need) throw notFound();
      throw new Problem(409, need.done_at ? 'circle.need_done' : 'circle.need_taken');
    }
    const member = await findMember(tx, ctx.networkId, ctx.circleId, ctx.actorId);
    if (claimed.starts_at.getTime() > Date.now())
      await scheduleReminder(tx, ctx.networkId, claimed, ctx.actorId, member?.reminder_hours ?? 24);
    await audit(tx, {
      networkId: ctx.networkId,
      actorId: ctx.actorId,
      action: 'circle.need_claimed',
      entityType: 'circle',
      entityId: ctx.circleId,
      details: { needId },
      ip: ctx.ip,
    });
  });
}

/**
 * Marks a claimed need as done, with an optional thank-you to the helper.
 *
 * Guarantees: a need is done once (a second attempt gets 409); the care task becomes one edge of the
 * community graph between the helper and the person at the centre (area 'support', source
 * 'care_need'), recorded once, so area 6 can count care without reading the circle.
 */
export async function completeNeed(
  db: Executor,
  ctx: Ctx & { personAccountId: string | null; link: string },
  needId: string,
  thanks: string,
): Promise<void> {
  await executeTx(db, async (tx) => {
    const done = await markDone(tx, ctx.networkId, ctx.circleId, needId, ctx.actorId, thanks);
    if (!done) {
      const need = await findNeed(tx, ctx.networkId, ctx.circleId, needId);
      if (!need) throw notFound();
      throw new Problem(409, need.done_at ? 'circle.need_done' : 'circle.need_not_claimed');
    }
    const helper = done.claimed_by;
    if (helper && ctx.personAccountId) {
      await recordInteraction(tx, {
        networkId: ctx.networkId,
        area: 'support',
        kind: 'care_task',
        mode: 'offline',
        a: { type: 'person', id: helper },
        b: { type: 'person', id: ctx.personAccountId },
        source: { type: 'care_need', id: needId },
      });
    }
    if (helper && helper !== ctx.actorId && thanks) {
      await notify(tx, {
        networkId: ctx.networkId,
        accountId: helper,
        kind: 'circle.need_thanks',
        params: { title: done.title, thanks },
        link: ctx.link,
      });
    }
    await audit(tx, {
      networkId: ctx.networkId,
      actorId: ctx.actorId,
      action: 'circle.need_done',
      entityType: 'circle',
      entityId: ctx.circleId,
      details: { needId },
      ip: ctx.ip,
    });
  });
}
