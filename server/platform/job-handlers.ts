import { sql } from 'kysely';
import { remindShift, shiftReminderJob } from '../areas/participation/commands/remindShift.ts';
import { remindExpiringPosts, reminderJob } from '../areas/sharing/commands/remindExpiringPosts.ts';
import { circleJobHandlers } from '../areas/support/commands/circleJobs.ts';
import type { Config } from '../config.ts';
import type { Executor } from '../db/tx.ts';
import { expireInteraction, expireInteractionJob, pruneCooldowns } from './interactions.ts';
import { enqueue, type JobHandler } from './jobs.ts';
import { mailDeliveryJob } from './mail.ts';

export const pruneJob = 'maintenance.prune';

/**
 * Schedules the daily clean-up (at `at`, now by default) unless one is already pending: each run
 * schedules the next, and a server start makes sure the chain exists.
 */
export async function schedulePrune(db: Executor, networkId: string, at = new Date()) {
  await enqueue(db, { networkId, kind: pruneJob, runAt: at, dedupeKey: 'daily' });
}

/** Every kind of background job the worker runs. Areas add theirs here. */
export function jobHandlers(config: Config): Record<string, JobHandler> {
  const handlers: Record<string, JobHandler> = {
    /** Forget old sign-in failures, expired sessions and tokens, cool-downs that are over; once a day. */
    [pruneJob]: async (db, { networkId }) => {
      await db
        .deleteFrom('auth_failure')
        .where('network_id', '=', networkId)
        .where('at', '<', sql<Date>`now() - interval '1 day'`)
        .execute();
      await db
        .deleteFrom('session')
        .where('network_id', '=', networkId)
        .where('expires_at', '<', sql<Date>`now()`)
        .execute();
      await db
        .deleteFrom('one_time_token')
        .where('network_id', '=', networkId)
        .where('expires_at', '<', sql<Date>`now() - interval '30 days'`)
        .execute();
      await pruneCooldowns(db, networkId);
      await schedulePrune(db, networkId, new Date(Date.now() + 24 * 60 * 60 * 1000));
    },
  };
  /** Teilen: remind authors of offers and wants that expire soon. */
  handlers[reminderJob] = async (db, { networkId }) => {
    await remindExpiringPosts(db, networkId);
  };
  /** Unterstützungskreise: unclaimed-need alerts, reminders, weekly series, purges after deletion. */
  Object.assign(handlers, circleJobHandlers(config));
  /** Mitmachen: remind everyone with a place a day before their shift. */
  handlers[shiftReminderJob] = async (db, { networkId, payload }) => {
    if (typeof payload.shiftId === 'string') await remindShift(db, networkId, payload.shiftId);
  };
  /** Räume & Brücken: an interaction logged with a person who did not confirm it in time goes. */
  handlers[expireInteractionJob] = async (db, { networkId, payload }) => {
    if (typeof payload.interactionId === 'string')
      await expireInteraction(db, networkId, payload.interactionId);
  };
  if (config.smtpUrl) handlers['mail.deliver'] = mailDeliveryJob(config.smtpUrl, config.mailFrom);
  return handlers;
}
