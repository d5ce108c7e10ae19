import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Executor } from '../db/tx.ts';

export type JobHandler = (
  db: Kysely<DB>,
  job: { networkId: string; payload: Record<string, unknown> },
) => Promise<void>;

/** Enqueues a job in the caller's transaction; with a dedupe key, at most one is pending at a time. */
export async function enqueue(
  db: Executor,
  job: {
    networkId: string;
    kind: string;
    payload?: Record<string, unknown>;
    runAt?: Date;
    dedupeKey?: string;
  },
): Promise<void> {
  await db
    .insertInto('job')
    .values({
      network_id: job.networkId,
      kind: job.kind,
      payload: JSON.stringify(job.payload ?? {}),
      run_at: job.runAt ?? new Date(),
      dedupe_key: job.dedupeKey ?? null,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

const lockSeconds = 120;

/**
 * Claims due jobs with FOR UPDATE SKIP LOCKED (so several app servers can share the queue), runs
 * each outside the claim transaction, and records success or a retry with exponential backoff.
 * A job whose worker died is picked up again once its lock expires.
 */
export async function runDueJobs(
  db: Kysely<DB>,
  handlers: Record<string, JobHandler>,
  limit = 10,
): Promise<number> {
  const kinds = Object.keys(handlers);
  if (kinds.length === 0) return 0;
  const claimed = await db.transaction().execute(async (tx) => {
    const due = await tx
      .selectFrom('job')
      .select(['network_id', 'id', 'kind', 'payload', 'attempts', 'max_attempts'])
      .where('kind', 'in', kinds)
      .where((eb) =>
        eb.or([
          eb('status', '=', 'pending'),
          eb.and([eb('status', '=', 'running'), eb('locked_until', '<', sql<Date>`now()`)]),
        ]),
      )
      .where('run_at', '<=', sql<Date>`now()`)
      .orderBy('run_at')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    for (const j of due) {
      await tx
        .updateTable('job')
        .set({
          status: 'running',
          attempts: j.attempts + 1,
          locked_until: sql`now() + make_interval(secs => ${lockSeconds})`,
        })
        .where('network_id', '=', j.network_id)
        .where('id', '=', j.id)
        .execute();
    }
    return due;
  });
  for (const j of claimed) {
    const handler = handlers[j.kind];
    try {
      await handler!(db, {
        networkId: j.network_id,
        payload: j.payload as unknown as Record<string, unknown>,
      });
      await db
        .updateTable('job')
        .set({ status: 'done', finished_at: sql`now()`, locked_until: null, last_error: null })
        .where('network_id', '=', j.network_id)
        .where('id', '=', j.id)
        .execute();
    } catch (err) {
      const attempts = j.attempts + 1;
      const failed = attempts >= j.max_attempts;
      const error = String(err instanceof Error ? err.message : err).slice(0, 2000);
      await db
        .updateTable('job')
        .set({
          status: failed ? 'failed' : 'pending',
          locked_until: null,
          last_error: error,
          run_at: sql`now() + make_interval(secs => ${Math.min(3600, 2 ** attempts * 15)})`,
          finished_at: failed ? sql`now()` : null,
        })
        .where('network_id', '=', j.network_id)
        .where('id', '=', j.id)
        .execute()
        // another pending job with the same dedupe key already covers the retry
        .catch(() =>
          db
            .updateTable('job')
            .set({ status: 'failed', locked_until: null, last_error: error, finished_at: sql`now()` })
            .where('network_id', '=', j.network_id)
            .where('id', '=', j.id)
            .execute(),
        );
    }
  }
  return claimed.length;
}

/** Polls the queue until stopped. Returns a function that stops it and waits for the current round. */
export function startWorker(
  db: Kysely<DB>,
  handlers: Record<string, JobHandler>,
  opts: { intervalMs?: number; onError?: (err: unknown) => void } = {},
): () => Promise<void> {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<unknown> = Promise.resolve();
  const tick = () => {
    if (stopped) return;
    current = runDueJobs(db, handlers)
      .catch((err) => opts.onError?.(err))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, opts.intervalMs ?? 2000);
      });
  };
  timer = setTimeout(tick, 200);
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await current;
  };
}
