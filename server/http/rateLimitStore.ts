import { createHash } from 'node:crypto';
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';

/** How often a server writes the counts it has kept in memory to the database. */
export const flushEveryMs = 500;
/** A client is counted in memory only while it has used less than this share of its allowance. */
export const memoryShare = 1 / 8;
/** At most this many counters go into one statement. */
const maxBatch = 2000;

type Result = { current: number; ttl: number };
type Callback = (error: Error | null, result?: Result) => void;

interface Counter {
  /** the count the database answered last (this window) */
  known: number;
  /** requests counted here and not yet written to the database */
  pending: number;
  /** requests counted here whose statement has not answered yet */
  inFlight: number;
  /** when this server believes the window ends (its own clock, set from the database's answers) */
  windowEndsAt: number;
  windowMs: number;
  /** below this count the client is counted in memory */
  memoryBelow: number;
  /** whether a request came since the last flush */
  seen: boolean;
}

export interface DatabaseRateLimit {
  /** for @fastify/rate-limit's `store` option */
  Store: FastifyRateLimitStoreCtor;
  /** writes what is counted in memory to the database now (also every `flushEveryMs`) */
  flush(): Promise<void>;
  /** the last flush, and no more timer (app's onClose) */
  close(): Promise<void>;
}

/**
 * The rate limit's counters in the database (table `rate_limit_hit`), so that every app server
 * behind a load balancer counts the same requests: a client's 600 a minute are 600 in all, not 600
 * per server — approximately below an eighth of the allowance, exactly above it:
 *
 * - **In memory, flushed in batches.** While a client's count (the database's last answer plus what
 *   this server counted since) is below `memoryShare` of its allowance (75 of the API's 600), a
 *   request is counted in this process's memory and answered at once; every `flushEveryMs` one
 *   statement adds all counts kept in memory to the database and reads back each client's total,
 *   which includes what the other servers counted. Writing one row per request was most of
 *   PostgreSQL's work for a simple read (issue #18), and nearly every client stays below the share.
 * - **Exactly, in the database.** From that share on, each request of the client is counted by one
 *   statement that adds it (with anything still kept in memory) and answers the total — atomic under
 *   the row's lock, so parallel requests on several servers are counted exactly and the last ones
 *   of the allowance are never handed out twice.
 *
 * The trade-off: one server counts exactly (its memory and its statements see every request of its
 * own), but a request counted in the memory of another server is seen here only after that server's
 * next flush. So several servers together may let a client through up to (servers − 1) × (share − 1)
 * requests over its allowance in a minute (2 servers: 74 over 600), never more; a server that has not
 * yet heard of a client counts its first requests from zero until its flush reads the total. Routes
 * with a limit of their own (sign-in, registration, sign-in links — password guessing and mail
 * flooding) are always counted exactly, each request by the database, and a limit so small that the
 * share is below 2 is too.
 *
 * Only on PostgreSQL (server/app.ts): PGlite is one process, whose memory store is exact already.
 * Each route with its own limit counts in a namespace of its own, as the memory store's per-route
 * children do. Old rows are pruned by the daily maintenance job; counters of clients that were quiet
 * since the last flush and are below the share are dropped from memory (their count is in the
 * database and comes back with their next flush).
 */
export function databaseRateLimit(
  db: Kysely<DB>,
  networkId: string,
  opts: { flushEveryMs?: number } = {},
): DatabaseRateLimit {
  const counters = new Map<string, Counter>();
  let flushing: Promise<void> | null = null;

  function counterOf(rowKey: string, timeWindow: number, memoryBelow: number, now: number): Counter {
    let c = counters.get(rowKey);
    if (!c || now >= c.windowEndsAt) {
      // a new client here, or its window is over (what was not flushed belonged to the old one)
      c = {
        known: 0,
        pending: 0,
        inFlight: 0,
        windowEndsAt: now + timeWindow,
        windowMs: timeWindow,
        memoryBelow,
        seen: true,
      };
      counters.set(rowKey, c);
    }
    c.seen = true;
    return c;
  }

  /** The database's answer for a counter: the total now, and when its window ends. */
  function learn(c: Counter, hits: number, ttlMs: number, added: number): void {
    const endsAt = Date.now() + ttlMs;
    // a fresh window in the database (its count is no more than what was just added) replaces ours
    c.known = hits <= added ? hits : Math.max(c.known, hits);
    c.windowEndsAt = endsAt;
  }

  function countExactly(rowKey: string, c: Counter, timeWindow: number, callback: Callback): void {
    const added = c.pending + 1;
    c.pending = 0;
    c.inFlight += added;
    sql<{ hits: number; ttl_ms: number }>`
      INSERT INTO rate_limit_hit (network_id, key, hits, window_ends_at)
      VALUES (${networkId}::uuid, ${rowKey}, ${added}, now() + make_interval(secs => ${timeWindow / 1000}))
      ON CONFLICT (network_id, key) DO UPDATE SET
        hits = CASE WHEN rate_limit_hit.window_ends_at <= now() THEN excluded.hits
                    ELSE least(rate_limit_hit.hits + excluded.hits, 2000000000) END,
        window_ends_at = CASE WHEN rate_limit_hit.window_ends_at <= now() THEN excluded.window_ends_at
                              ELSE rate_limit_hit.window_ends_at END
      RETURNING hits, greatest(0, ceil(extract(epoch FROM window_ends_at - now()) * 1000))::integer AS ttl_ms`
      .execute(db)
      .then(
        (r) => {
          const { hits, ttl_ms } = r.rows[0]!;
          c.inFlight -= added;
          learn(c, hits, ttl_ms, added);
          callback(null, { current: hits, ttl: ttl_ms });
        },
        (err: unknown) => {
          // not counted in the database: kept for the next flush (skipOnError lets the request through)
          c.inFlight -= added;
          c.pending += added;
          callback(err instanceof Error ? err : new Error(String(err)));
        },
      );
  }

  async function writeBatch(): Promise<void> {
    const now = Date.now();
    const keys: string[] = [];
    const added: number[] = [];
    const windows: number[] = [];
    const sent: Counter[] = [];
    for (const [key, c] of counters) {
      if (c.pending > 0) {
        if (keys.length >= maxBatch) continue;
        keys.push(key);
        added.push(c.pending);
        windows.push(c.windowMs / 1000);
        sent.push(c);
        c.inFlight += c.pending;
        c.pending = 0;
      } else if (c.inFlight === 0 && (now >= c.windowEndsAt || (!c.seen && c.known < c.memoryBelow))) {
        counters.delete(key);
        continue;
      }
      c.seen = false;
    }
    if (keys.length === 0) return;
    try {
      const r = await sql<{ key: string; hits: number; ttl_ms: number }>`
        INSERT INTO rate_limit_hit (network_id, key, hits, window_ends_at)
        SELECT ${networkId}::uuid, t.key, t.added, now() + make_interval(secs => t.secs)
        FROM unnest(${keys}::text[], ${added}::integer[], ${windows}::float8[]) AS t(key, added, secs)
        ON CONFLICT (network_id, key) DO UPDATE SET
          hits = CASE WHEN rate_limit_hit.window_ends_at <= now() THEN excluded.hits
                      ELSE least(rate_limit_hit.hits + excluded.hits, 2000000000) END,
          window_ends_at = CASE WHEN rate_limit_hit.window_ends_at <= now() THEN excluded.window_ends_at
                                ELSE rate_limit_hit.window_ends_at END
        RETURNING key, hits, greatest(0, ceil(extract(epoch FROM window_ends_at - now()) * 1000))::integer AS ttl_ms`.execute(
        db,
      );
      for (let i = 0; i < sent.length; i++) sent[i]!.inFlight -= added[i]!;
      const index = new Map(keys.map((k, i) => [k, i]));
      for (const row of r.rows) {
        const i = index.get(row.key);
        if (i === undefined) continue;
        const c = sent[i]!;
        // the counter may have been replaced by a new window meanwhile: then this answer is not its
        if (counters.get(row.key) === c) learn(c, row.hits, row.ttl_ms, added[i]!);
      }
    } catch {
      // the database did not take them: they are counted again with the next flush
      for (let i = 0; i < sent.length; i++) {
        sent[i]!.inFlight -= added[i]!;
        sent[i]!.pending += added[i]!;
      }
    }
  }

  function flush(): Promise<void> {
    flushing ??= writeBatch().finally(() => {
      flushing = null;
    });
    return flushing;
  }

  const timer = setInterval(() => void flush(), opts.flushEveryMs ?? flushEveryMs);
  timer.unref();

  class DatabaseStore implements FastifyRateLimitStore {
    readonly namespace: string;
    readonly exact: boolean;

    constructor(_options: unknown, namespace = 'api', exact = false) {
      this.namespace = namespace;
      this.exact = exact;
    }

    incr(key: string, callback: Callback, timeWindow: number, max?: number): void {
      const rowKey = `${this.namespace}|${key}`.slice(0, 200);
      const memoryBelow = this.exact ? 0 : Math.floor((max ?? 0) * memoryShare);
      const now = Date.now();
      const c = counterOf(rowKey, timeWindow, memoryBelow, now);
      const current = c.known + c.inFlight + c.pending + 1;
      if (memoryBelow >= 2 && current < memoryBelow) {
        c.pending += 1;
        callback(null, { current, ttl: c.windowEndsAt - now });
        return;
      }
      countExactly(rowKey, c, timeWindow, callback);
    }

    child(routeOptions: Parameters<FastifyRateLimitStore['child']>[0]): FastifyRateLimitStore {
      // the plugin passes its merged parameters with the route as `routeInfo`, which its types omit
      const { routeInfo } = routeOptions as unknown as {
        routeInfo?: { method?: string | string[]; url?: string };
      };
      const route = `${String(routeInfo?.method ?? '')} ${routeInfo?.url ?? ''}`;
      // a route's own limit guards something (passwords, mailboxes): every request counted exactly
      return new DatabaseStore(
        undefined,
        createHash('sha256').update(route).digest('base64url').slice(0, 12),
        true,
      );
    }
  }

  return {
    Store: DatabaseStore,
    flush,
    async close() {
      clearInterval(timer);
      await flush().catch(() => {});
    },
  };
}
