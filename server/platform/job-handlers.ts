import { sql } from 'kysely';
import { areas } from '../areas/index.ts';
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

/** Schedules every area's recurring job unless one of its kind is pending (at start, and after each run). */
export async function scheduleRecurring(db: Executor, networkId: string, config: Config, at = new Date()) {
  for (const area of areas)
    for (const kind of Object.keys(area.recurring?.(config) ?? {}))
      await enqueue(db, { networkId, kind, runAt: at, dedupeKey: 'recurring' });
}

/** Every kind of background job the worker runs: the foundation's, and each area's (its manifest). */
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
  for (const area of areas) Object.assign(handlers, area.jobs?.(config));
  for (const area of areas)
    for (const [kind, { everyMinutes, run }] of Object.entries(area.recurring?.(config) ?? {}))
      handlers[kind] = async (db, job) => {
        // the next run is in the queue before this one starts, so a failing run cannot end the chain
        await enqueue(db, {
          networkId: job.networkId,
          kind,
          runAt: new Date(Date.now() + everyMinutes * 60_000),
          dedupeKey: 'recurring',
        });
        await run(db, job);
      };
  /** Räume & Brücken: an interaction logged with a person who did not confirm it in time goes. */
  handlers[expireInteractionJob] = async (db, { networkId, payload }) => {
    if (typeof payload.interactionId === 'string')
      await expireInteraction(db, networkId, payload.interactionId);
  };
  if (config.smtpUrl) handlers['mail.deliver'] = mailDeliveryJob(config.smtpUrl, config.mailFrom);
  return handlers;
}
