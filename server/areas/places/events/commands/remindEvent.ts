import type { Kysely } from 'kysely';
import type { DB } from '../../../../db/schema.ts';
import { type Executor, executeTx } from '../../../../db/tx.ts';
import { takeUnreminded } from '../../../../platform/capacity.ts';
import { enqueue } from '../../../../platform/jobs.ts';
import { notify } from '../../../../platform/notifications.ts';
import { webPaths } from '../../../../platform/webPaths.ts';
import { findEvent } from '../repositories/events.ts';
import { eventPlaces } from '../repositories/registrations.ts';

export const eventReminderJob = 'places.event_reminder';
/** As Mitmachen reminds of a shift: a day before. */
export const reminderHoursBefore = 24;

/** Schedules the reminder a day before the event starts (in the caller's transaction), once per start time. */
export async function scheduleEventReminder(
  db: Executor,
  networkId: string,
  eventId: string,
  startsAt: Date,
) {
  await enqueue(db, {
    networkId,
    kind: eventReminderJob,
    payload: { eventId },
    runAt: new Date(Math.max(Date.now(), startsAt.getTime() - reminderHoursBefore * 3600_000)),
    dedupeKey: `${eventId}:${startsAt.toISOString()}`,
  });
}

/**
 * Reminds everyone with a place that the event is tomorrow (the job queue and `reminded_at`, as
 * Mitmachen's shift reminders: platform/capacity.ts `takeUnreminded`).
 *
 * Guarantees: each registration is reminded at most once per start (reminded_at is set in the same
 * transaction as the notification; moving the event clears it); nothing for a cancelled or past event;
 * a run left from before the event was moved later does nothing (the new start's run reminds).
 */
export async function remindEvent(db: Kysely<DB>, networkId: string, eventId: string): Promise<number> {
  return executeTx(db, async (tx) => {
    const event = await findEvent(tx, networkId, eventId, null);
    const now = Date.now();
    if (event?.status !== 'scheduled' || event.ends_at.getTime() <= now) return 0;
    if (event.starts_at.getTime() - now > (reminderHoursBefore + 1) * 3600_000) return 0;
    const due = await takeUnreminded(tx, eventPlaces, networkId, eventId);
    for (const r of due)
      await notify(tx, {
        networkId,
        accountId: r.account_id,
        kind: 'place_event.reminder',
        params: { title: event.title, startsAt: event.starts_at.toISOString() },
        link: webPaths.placesEvent(event.id),
      });
    return due.length;
  });
}
