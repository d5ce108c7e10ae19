import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Executor } from '../db/tx.ts';

export type JobHandler = (
  db: Kysely<DB>,
  job: {
    networkId: string;
    id: number;
    payload: Record<string, unknown>;
    /**
     * The claim's attempt number. A run whose claim ran out (its server stalled past the lock) may
     * still be going when another server takes the job up; a handler whose effect must happen once
     * writes it only `WHERE status = 'running' AND attempts = attempt`, so the stale run's is refused.
     */
    attempt: number;
  },
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

/**
 * How long a claim holds without news from its worker. A running worker renews its claims every
 * third of it (see `heartbeat`), so only a dead worker's claims run out, and its jobs are taken up
 * again by another server after at most this long. JOB_LOCK_SECONDS overrides it (tests).
 */
export const defaultLockSeconds = 60;

/** This process, as it is named in `job.claimed_by`: which server runs (or ran) a job. */
export const workerName = `${hostname()}:${process.pid}`;

/**
 * One advisory lock id for every claim round, on every server. Claiming takes a few milliseconds,
 * so rounds may as well take turns; in turn, a round sees every claim committed before it, which is
 * what keeps two jobs of one kind and dedupe key from running at once (see runDueJobs).
 */
const claimLock = 0x6b705f6a6f6273n; // "kp_jobs"

export interface RunOptions {
  limit?: number;
  lockSeconds?: number;
  /** Asked before each claimed job starts: when true, the rest of the round is given back unrun. */
  stopping?: () => boolean;
}

/**
 * Claims due jobs and runs each outside the claim transaction, then records success or a retry with
 * exponential backoff. What makes it safe on several app servers at once:
 *
 * - claims are FOR UPDATE SKIP LOCKED under one advisory lock: no job is claimed twice, and
 *   a job is not claimed while another of its kind and dedupe key is running (a recurring job's next
 *   run, mail delivery's next batch), so those never overlap either;
 * - a claim carries this worker's name and an attempt number and is renewed while the job runs; a
 *   claim whose worker died runs out after `lockSeconds` and the job is taken up again;
 * - success or failure is recorded only while the claim is still this worker's (same attempt), so
 *   a worker that lost its claim cannot overwrite what the new owner records;
 * - when the worker stops (SIGTERM), claimed jobs not yet started are given back at once.
 */
export async function runDueJobs(
  db: Kysely<DB>,
  handlers: Record<string, JobHandler>,
  opts: RunOptions | number = {},
): Promise<number> {
  const {
    limit = 10,
    lockSeconds = defaultLockSeconds,
    stopping = () => false,
  } = typeof opts === 'number' ? { limit: opts } : opts;
  const kinds = Object.keys(handlers);
  if (kinds.length === 0) return 0;
  const claimed = await db.transaction().execute(async (tx) => {
    await sql`SELECT pg_advisory_xact_lock(${claimLock.toString()}::bigint)`.execute(tx);
    const due = await tx
      .selectFrom('job')
      .select(['network_id', 'id', 'kind', 'dedupe_key', 'payload', 'attempts', 'max_attempts'])
      .where('kind', 'in', kinds)
      .where((eb) =>
        eb.or([
          eb('status', '=', 'pending'),
          eb.and([eb('status', '=', 'running'), eb('locked_until', '<', sql<Date>`now()`)]),
        ]),
      )
      .where('run_at', '<=', sql<Date>`now()`)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('job as r')
              .select('r.id')
              .whereRef('r.network_id', '=', 'job.network_id')
              .whereRef('r.kind', '=', 'job.kind')
              .whereRef('r.dedupe_key', '=', 'job.dedupe_key')
              .whereRef('r.id', '<>', 'job.id')
              .where('r.status', '=', 'running')
              .where('r.locked_until', '>=', sql<Date>`now()`),
          ),
        ),
      )
      .orderBy('run_at')
      .limit(limit)
      .forUpdate('job')
      .skipLocked()
      .execute();
    // and one per kind and dedupe key in a round, for the same reason
    const seen = new Set<string>();
    const round = due.filter((j) => {
      if (j.dedupe_key === null) return true;
      const key = `${j.network_id}\0${j.kind}\0${j.dedupe_key}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    for (const j of round) {
      await tx
        .updateTable('job')
        .set({
          status: 'running',
          attempts: j.attempts + 1,
          claimed_by: workerName,
          locked_until: sql`now() + make_interval(secs => ${lockSeconds})`,
        })
        .where('network_id', '=', j.network_id)
        .where('id', '=', j.id)
        .execute();
    }
    return round.map((j) => ({ ...j, attempts: j.attempts + 1 }));
  });
  let ran = 0;
  for (const [i, j] of claimed.entries()) {
    if (stopping()) {
      await giveBack(db, claimed.slice(i));
      break;
    }
    ran++;
    const stopBeat = heartbeat(db, j, lockSeconds);
    try {
      await handlers[j.kind]!(db, {
        networkId: j.network_id,
        id: j.id,
        payload: j.payload as unknown as Record<string, unknown>,
        attempt: j.attempts,
      });
      await stopBeat();
      await db
        .updateTable('job')
        .set({ status: 'done', finished_at: sql`now()`, locked_until: null, last_error: null })
        .where('network_id', '=', j.network_id)
        .where('id', '=', j.id)
        .where('status', '=', 'running')
        .where('attempts', '=', j.attempts)
        .execute();
    } catch (err) {
      await stopBeat();
      const failed = j.attempts >= j.max_attempts;
      const error = String(err instanceof Error ? err.message : err).slice(0, 2000);
      const stillMine = (q: ReturnType<typeof db.updateTable<'job'>>) =>
        q
          .where('network_id', '=', j.network_id)
          .where('id', '=', j.id)
          .where('status', '=', 'running')
          .where('attempts', '=', j.attempts);
      await stillMine(
        db.updateTable('job').set({
          status: failed ? 'failed' : 'pending',
          locked_until: null,
          last_error: error,
          run_at: sql`now() + make_interval(secs => ${Math.min(3600, 2 ** j.attempts * 15)})`,
          finished_at: failed ? sql`now()` : null,
        }),
      )
        .execute()
        // another pending job with the same dedupe key already covers the retry
        .catch(() =>
          stillMine(
            db
              .updateTable('job')
              .set({ status: 'failed', locked_until: null, last_error: error, finished_at: sql`now()` }),
          ).execute(),
        );
    }
  }
  return ran;
}

interface Claim {
  network_id: string;
  id: number;
  attempts: number;
}

/** Renews the claim every third of `lockSeconds` while the job runs; the returned function stops it. */
function heartbeat(db: Kysely<DB>, j: Claim, lockSeconds: number): () => Promise<void> {
  let last: Promise<unknown> = Promise.resolve();
  const timer = setInterval(
    () => {
      last = db
        .updateTable('job')
        .set({ locked_until: sql`now() + make_interval(secs => ${lockSeconds})` })
        .where('network_id', '=', j.network_id)
        .where('id', '=', j.id)
        .where('status', '=', 'running')
        .where('attempts', '=', j.attempts)
        .execute()
        // a missed beat only shortens the claim; the next one tries again
        .catch(() => undefined);
    },
    Math.max(100, (lockSeconds * 1000) / 3),
  );
  return async () => {
    clearInterval(timer);
    await last;
  };
}

/** Gives claimed but unstarted jobs back to the queue, as if never claimed. */
async function giveBack(db: Kysely<DB>, jobs: Claim[]): Promise<void> {
  for (const j of jobs)
    await db
      .updateTable('job')
      .set({ status: 'pending', attempts: j.attempts - 1, locked_until: null, claimed_by: null })
      .where('network_id', '=', j.network_id)
      .where('id', '=', j.id)
      .where('status', '=', 'running')
      .where('attempts', '=', j.attempts)
      .execute()
      // a pending twin with the same dedupe key appeared meanwhile: it stands for this one
      .catch(() =>
        db
          .updateTable('job')
          .set({ status: 'done', finished_at: sql`now()`, locked_until: null, last_error: 'superseded' })
          .where('network_id', '=', j.network_id)
          .where('id', '=', j.id)
          .where('status', '=', 'running')
          .where('attempts', '=', j.attempts)
          .execute(),
      );
}

/** Polls the queue until stopped. Returns a function that stops it and waits for the current round. */
export function startWorker(
  db: Kysely<DB>,
  handlers: Record<string, JobHandler>,
  opts: { intervalMs?: number; lockSeconds?: number; onError?: (err: unknown) => void } = {},
): () => Promise<void> {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<unknown> = Promise.resolve();
  const tick = () => {
    if (stopped) return;
    current = runDueJobs(db, handlers, { lockSeconds: opts.lockSeconds, stopping: () => stopped })
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
