import type { Executor } from '../../../../db/tx.ts';
import { executeTx } from '../../../../db/tx.ts';
import { notificationInsert } from '../../../../platform/notifications.ts';
import { webPaths } from '../../../../platform/webPaths.ts';
import { claimDueReminders } from '../repositories/freshness.ts';

/** The job kind of the sweep (recurring, see ../index.ts). */
export const remindDueJob = 'knowledge.freshness_remind';

/**
 * "Noch aktuell?": each owner whose check is due is asked once per due period. Guarantees: the
 * reminder rows (one per thing and due date, primary key) and the notifications are written in one
 * transaction, and only for the rows this run wrote — so two sweeps at once, or a sweep after a
 * crash, never ask twice for the same due date. A check (or a new interval) makes a new due date,
 * and the next time it is due the owner is asked again. Returns how many were asked.
 */
export async function remindDue(db: Executor, networkId: string, now = new Date()): Promise<number> {
  return executeTx(db, async (tx) => {
    const due = await claimDueReminders(tx, networkId, now);
    await notificationInsert(
      tx,
      due.map((d) => ({
        networkId,
        accountId: d.owner_id,
        kind: 'freshness.review_due' as const,
        params: { title: d.title, dueAt: d.due_at.toISOString() },
        link: webPaths.freshnessCheck(d.target_type, d.target_id),
      })),
    )?.execute();
    return due.length;
  });
}
