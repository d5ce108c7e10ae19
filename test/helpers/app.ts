import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { type AppDeps, buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { type Database, openPglite, openPostgres } from '../../server/db/connect.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import type { DB } from '../../server/db/schema.ts';
import { ensureNetwork } from '../../server/platform/network.ts';

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a new database
 * on the PostgreSQL server of DATABASE_URL (created here, dropped at close).
 */
export async function freshDatabase(): Promise<Database & { url?: string }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const d = await openPglite('memory://');
    await migrateToLatest(d.db);
    return d;
  }
  const name = `kp_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  const d = await openPostgres(dbUrl.toString(), 20);
  await migrateToLatest(d.db);
  return {
    ...d,
    url: dbUrl.toString(),
    async close() {
      await d.close();
      await dropDatabase(url, name);
    },
  };
}

/**
 * Drops a test database once its connections have gone. A pool's end() resolves before its
 * connections have finished closing; a forced drop would kill them mid-close and pg raises an
 * uncaught error in whoever still holds one. So a plain drop is retried while they go away, and
 * forced only if they never do.
 */
export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name}${attempt >= 500 ? ' WITH (FORCE)' : ''}`);
        break;
      } catch (err) {
        if ((err as { code?: string }).code !== '55006' || attempt >= 500) throw err;
      }
    }
  } finally {
    await c.end();
  }
}

export interface TestApp {
  app: Awaited<ReturnType<typeof buildApp>>;
  db: Kysely<DB>;
  database: Database;
  networkId: string;
  close(): Promise<void>;
}

export async function createTestApp(
  env: Record<string, string> = {},
  opts: { webDist?: string } = {},
): Promise<TestApp> {
  const database = await freshDatabase();
  const { network } = await ensureNetwork(database.db, { slug: 'testnetz', name: 'Testnetz' });
  const config = {
    // tests never reach a geocoder on the internet; those of the address search start a fake one
    ...loadConfig({ SEED: 'none', DATA_DIR: '/nonexistent', GEOCODER_URL: 'off', ...env }),
    databaseUrl: undefined,
  };
  const deps: AppDeps = { db: database, config, network };
  const app = await buildApp(deps, { logger: false, webDist: opts.webDist });
  await app.ready();
  return {
    app,
    db: database.db,
    database,
    networkId: network.id,
    async close() {
      await app.close();
      await database.close();
    },
  };
}
