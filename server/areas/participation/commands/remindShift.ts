import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { type Executor, executeTx } from '../../../db/tx.ts';
import { takeUnreminded } from '../../../platform/capacity.ts';
import { enqueue } from '../../../platform/jobs.ts';
import { notify } from '../../../platform/notifications.ts';
import { webPaths } from '../../../platform/webPaths.ts';
import { findOpportunity } from '../repositories/opportunities.ts';
import { findShift, shiftPlaces } from '../repositories/shifts.ts';

export const shiftReminderJob = 'participation.shift_reminder';
export const reminderHoursBefore = 24;

/** Schedules the reminder for a shift a day before it starts (in the caller's transaction). */
export async function scheduleShiftReminder(
  db: Executor,
  networkId: string,
  shiftId: string,
  startsAt: Date,
) {
  await enqueue(db, {
    networkId,
    kind: shiftReminderJob,
    payload: { shiftId },
    runAt: new Date(Math.max(Date.now(), startsAt.getTime() - reminderHoursBefore * 3600_000)),
    dedupeKey: `${shiftId}:${startsAt.toISOString()}`,
  });
}

/**
 * Reminds everyone with a place on the shift that it is coming up.
 *
 * Guarantees: each sign-up is reminded at most once (reminded_at is set in the same transaction as
 * the notification), so running the job twice, or again after a promotion, tells only the new ones.
 */
export async function remindShift(db: Kysely<DB>, networkId: string, shiftId: string): Promise<number> {
  return executeTx(db, async (tx) => {
    const shift = await findShift(tx, networkId, shiftId);
    if (!shift || shift.ends_at.getTime() <= Date.now()) return 0;
    const opportunity = await findOpportunity(tx, networkId, shift.opportunity_id);
    if (opportunity?.status !== 'published') return 0;
    const due = await takeUnreminded(tx, shiftPlaces, networkId, shiftId);
    for (const s of due) {
      await notify(tx, {
        networkId,
        accountId: s.account_id,
        kind: 'shift.reminder',
        params: { title: opportunity.title, startsAt: shift.starts_at.toISOString() },
        link: webPaths.opportunity(opportunity.id),
      });
    }
    return due.length;
  });
}
