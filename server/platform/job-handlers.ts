import { sql } from 'kysely';
import { areas } from '../areas/index.ts';
import { pruneExpiredSignIns } from '../auth/oidc/store.ts';
import type { Config } from '../config.ts';
import type { Executor } from '../db/tx.ts';
import { federationJobs } from '../interop/activitypub/jobs.ts';
import { DbKvStore } from '../interop/activitypub/kv.ts';
import { expireInteraction, expireInteractionJob, pruneCooldowns } from './interactions.ts';
import { enqueue, type JobHandler, workerName } from './jobs.ts';
import { mailDeliveryJob } from './mail.ts';

export const pruneJob = 'maintenance.prune';
/** A job that only says which server ran it: to check that the workers run (and the multi-server test). */
export const pingJob = 'platform.ping';

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
      await db
        .deleteFrom('rate_limit_hit')
        .where('network_id', '=', networkId)
        .where('window_ends_at', '<', sql<Date>`now()`)
        .execute();
      await pruneExpiredSignIns(db, networkId);
      await pruneCooldowns(db, networkId);
      await DbKvStore.prune(db, networkId);
      await schedulePrune(db, networkId, new Date(Date.now() + 24 * 60 * 60 * 1000));
    },
  };
  /**
   * Adds this server's name to the job's payload (`ranBy`), after waiting `payload.ms` (at most 5 s)
   * so a run can be caught in flight. Enqueue one with SQL to see which servers take jobs:
   * INSERT INTO job (network_id, kind) SELECT id, 'platform.ping' FROM network.
   */
  handlers[pingJob] = async (db, { networkId, id, payload, attempt }) => {
    const ms = Math.min(5000, Math.max(0, Number(payload.ms) || 0));
    if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
    // only while the claim is still this run's: a run that outlived its claim leaves no trace
    await sql`
      UPDATE job SET payload = jsonb_set(payload, '{ranBy}', coalesce(payload -> 'ranBy', '[]'::jsonb) || to_jsonb(${workerName}::text))
      WHERE network_id = ${networkId}::uuid AND id = ${id} AND status = 'running' AND attempts = ${attempt}`.execute(
      db,
    );
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
  Object.assign(handlers, federationJobs(config));
  if (config.smtpUrl) handlers['mail.deliver'] = mailDeliveryJob(config.smtpUrl, config.mailFrom);
  return handlers;
}
