import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type AppDeps, buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
// the app's query builder, with its type parsers (bigint as number, dates as strings) and plugins
import { kyselyOver } from '../../server/db/connect.ts';
import { ensureNetwork } from '../../server/platform/network.ts';
import { createTestDatabase, type TestApp } from '../helpers/app.ts';

/** The PostgreSQL server every machine here and CI has; concurrency needs real parallel connections. */
export const localPostgres = 'postgres://postgres@127.0.0.1:5432/test';

/**
 * A test app on a fresh database of a real PostgreSQL server with 20 connections: the server of
 * DATABASE_URL, or the local one when it is unset. Races cannot show on PGlite (one connection), so
 * concurrency tests always run here.
 *
 * Unlike freshDatabase(), close() waits until every pooled connection has really ended before the
 * database is dropped; otherwise the drop terminates connections that are still closing and pg
 * raises an uncaught "terminating connection due to administrator command".
 */
export async function createPostgresTestApp(): Promise<TestApp & { url: string }> {
  const url = process.env.DATABASE_URL ?? localPostgres;
  const name = `kp_conc_${randomBytes(6).toString('hex')}`;
  // created and migrated by the owner role, the app connecting as its own role (see testRoles)
  const urls = await createTestDatabase(url, name);

  const pool = new pg.Pool({ connectionString: urls.appUrl, max: 20 });
  const ended: Promise<void>[] = [];
  pool.on('connect', (client) => {
    ended.push(new Promise((resolve) => client.once('end', () => resolve())));
  });
  const db = kyselyOver(pool);
  const database = {
    db,
    host: 'postgres' as const,
    async close() {
      await db.destroy();
      await Promise.all(ended);
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name}`);
      await c.end();
    },
  };
  const { network } = await ensureNetwork(db, { slug: 'testnetz', name: 'Testnetz' });
  const config = { ...loadConfig({ SEED: 'none', DATA_DIR: '/nonexistent' }), databaseUrl: undefined };
  const deps: AppDeps = { db: database, config, network };
  const app = await buildApp(deps, { logger: false });
  await app.ready();
  return {
    app,
    db,
    // the concurrency tests write through the app's role only
    ownerDb: db,
    database,
    networkId: network.id,
    url: urls.appUrl,
    async close() {
      await app.close();
      await database.close();
    },
  };
}
