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
 * and the next time it is due the owner is asked again. An owner with one thing due is asked about
 * it; one with several gets one notice for all of them that leads to the list of what to check (a
 * team keeping thirty pages current is not sent thirty notices in a morning). Returns how many
 * things were asked about.
 */
export async function remindDue(db: Executor, networkId: string, now = new Date()): Promise<number> {
  return executeTx(db, async (tx) => {
    const due = await claimDueReminders(tx, networkId, now);
    const byOwner = Map.groupBy(due, (d) => d.owner_id);
    await notificationInsert(
      tx,
      [...byOwner].map(([ownerId, things]) => {
        const [only] = things;
        return things.length === 1 && only
          ? {
              networkId,
              accountId: ownerId,
              kind: 'freshness.review_due' as const,
              params: { title: only.title, dueAt: only.due_at.toISOString() },
              link: webPaths.freshnessCheck(only.target_type, only.target_id),
            }
          : {
              networkId,
              accountId: ownerId,
              kind: 'freshness.reviews_due' as const,
              params: { count: things.length },
              link: webPaths.freshnessList(),
            };
      }),
    )?.execute();
    return due.length;
  });
}
