import { createHash } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { cube } from '@electric-sql/pglite/contrib/cube';
import { earthdistance } from '@electric-sql/pglite/contrib/earthdistance';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.ts';
import { WriteWatchPlugin } from './writeWatch.ts';

// Return bigint/numeric counts as JS numbers and timestamps as Date; dates (no time) stay strings.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));
pg.types.setTypeParser(1082, (v) => v);

export type Host = 'pglite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  host: Host;
  /** Flush to disk (PGlite) and close every connection. */
  close(): Promise<void>;
  /** The PGlite instance, for backup/restore; undefined on PostgreSQL. */
  pglite?: PGlite;
  /** The connection pool, for the metrics (its sizes); PGlite's has one connection. */
  pool?: pg.Pool;
  /**
   * On PostgreSQL, a small second pool whose connections run every statement with the plan
   * PostgreSQL prepared for it, never one made for the values (`plan_cache_mode =
   * force_generic_plan` from the connection's start): for the search (platform/search.ts), whose
   * statement costs more to plan than to run. Without it (PGlite, one connection) the search sets
   * the mode around its statement: two more round trips. Its pool for the metrics.
   */
  preparedPlans?: { db: Kysely<DB>; pool: pg.Pool };
}

const extensions = { btree_gist, cube, earthdistance, pg_trgm };

/**
 * How many distinct query texts get a prepared statement. The app builds its queries from code, so
 * it has a few hundred; the bound keeps a query whose text varies (an IN list of any length) from
 * filling each connection's memory on the server. Texts beyond it run unnamed, as before.
 */
const maxPrepared = 1000;
const statementNames = new Map<string, string>();

function statementName(text: string): string | null {
  const known = statementNames.get(text);
  if (known) return known;
  if (statementNames.size >= maxPrepared) return null;
  const name = `kp_${createHash('sha256').update(text).digest('base64url').slice(0, 32)}`;
  statementNames.set(text, name);
  return name;
}

/**
 * A client that sends the app's parameterised queries as named prepared statements: PostgreSQL
 * parses and plans each distinct query once per connection instead of on every call. Planning was
 * the largest part of a time-bank transfer's cost in the database (0.75 ms for the session lookup,
 * 0.4 ms for the accounts, of ~1.7 ms in all); see docs/PERFORMANCE.md. PostgreSQL still chooses a
 * custom plan per call where a generic one would be worse, and drops cached plans when a table changes.
 */
class PreparingClient extends pg.Client {
  // biome-ignore lint/suspicious/noExplicitAny: pg's query has a dozen overloads; this forwards them all
  override query(...args: any[]): any {
    const [text, values] = args;
    if (args.length === 2 && typeof text === 'string' && Array.isArray(values) && values.length > 0) {
      const name = statementName(text);
      if (name) return super.query({ name, text, values });
    }
    // biome-ignore lint/suspicious/noExplicitAny: see above
    return (super.query as (...a: any[]) => any)(...args);
  }
}

/** The query builder over a pool, as every part of the app (and the tests) must open it. */
export function kyselyOver(pool: pg.Pool): Kysely<DB> {
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [new WriteWatchPlugin()] });
}

/** Opens PGlite at `dataDir` ('memory://' for tests). One connection: PGlite serialises every query. */
export async function openPglite(dataDir: string, loadDataDir?: Blob): Promise<Database> {
  const pglite = await PGlite.create(dataDir, { extensions, loadDataDir });
  const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1, Client: PreparingClient });
  const db = kyselyOver(pool);
  return {
    db,
    host: 'pglite',
    pglite,
    pool,
    async close() {
      await sql`CHECKPOINT`.execute(db).catch(() => undefined);
      await db.destroy();
      await pglite.close();
    },
  };
}

/**
 * How long a pool connection may sit idle before it is closed. pg's default is 10 s, and a town's
 * traffic comes in bursts: after every quiet spell of ten seconds the next requests met new backends
 * that had yet to load their caches and prepare and plan each statement again — the slowest 1 % of a
 * map view's requests at size M, all in the first second after a pause (docs/PERFORMANCE.md, "Warm
 * connections"). Ten connections per server, kept for ten minutes, cost PostgreSQL little. Idle
 * connections no longer hold a process open (`allowExitOnIdle`): a command-line run ends when its
 * work is done, as it did when the connections closed after ten seconds.
 */
const idleTimeoutMillis = 10 * 60_000;

export async function openPostgres(url: string, max = 10): Promise<Database> {
  const options = {
    connectionString: url,
    idleTimeoutMillis,
    allowExitOnIdle: true,
    Client: PreparingClient,
  };
  const pool = new pg.Pool({ ...options, max });
  const db = kyselyOver(pool);
  // half as many: a search keeps its backend busy for milliseconds of CPU, so more of them at once
  // than the database has cores queue there instead of here
  const preparedPool = new pg.Pool({
    ...options,
    max: Math.ceil(max / 2),
    options: '-c plan_cache_mode=force_generic_plan',
  });
  const preparedDb = kyselyOver(preparedPool);
  return {
    db,
    host: 'postgres',
    pool,
    preparedPlans: { db: preparedDb, pool: preparedPool },
    async close() {
      await Promise.all([db.destroy(), preparedDb.destroy()]);
    },
  };
}

export function openDatabase(opts: { databaseUrl?: string; dataDir: string }): Promise<Database> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl) : openPglite(opts.dataDir);
}
