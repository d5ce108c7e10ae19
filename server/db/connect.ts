import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { cube } from '@electric-sql/pglite/contrib/cube';
import { earthdistance } from '@electric-sql/pglite/contrib/earthdistance';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.ts';

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
}

const extensions = { btree_gist, cube, earthdistance, pg_trgm };

/** Opens PGlite at `dataDir` ('memory://' for tests). One connection: PGlite serialises every query. */
export async function openPglite(dataDir: string, loadDataDir?: Blob): Promise<Database> {
  const pglite = await PGlite.create(dataDir, { extensions, loadDataDir });
  const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1 });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    host: 'pglite',
    pglite,
    async close() {
      await sql`CHECKPOINT`.execute(db).catch(() => undefined);
      await db.destroy();
      await pglite.close();
    },
  };
}

export async function openPostgres(url: string, max = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    host: 'postgres',
    async close() {
      await db.destroy();
    },
  };
}

export function openDatabase(opts: { databaseUrl?: string; dataDir: string }): Promise<Database> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl) : openPglite(opts.dataDir);
}
