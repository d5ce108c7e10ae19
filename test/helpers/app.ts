import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { type AppDeps, buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { type Database, kyselyOver, openPglite, openPostgres } from '../../server/db/connect.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { grantAppRole, requiredExtensions } from '../../server/db/roles.ts';
import type { DB } from '../../server/db/schema.ts';
import { ensureNetwork } from '../../server/platform/network.ts';

/**
 * The two roles of a production PostgreSQL setup (README, Operations), for the server suite on
 * PostgreSQL: TEST_OWNER_ROLE owns each test database and runs the migrations, TEST_APP_ROLE is what
 * the app connects as (no owner, no superuser; db/roles.ts grants it its privileges). Both log in
 * without a password (trust, as on CI). Unset: everything as the user of DATABASE_URL, as before.
 */
export function testRoles(): { owner: string; app: string } | null {
  const owner = process.env.TEST_OWNER_ROLE;
  const app = process.env.TEST_APP_ROLE;
  if (!owner && !app) return null;
  if (!owner || !app) throw new Error('TEST_OWNER_ROLE and TEST_APP_ROLE go together');
  return { owner, app };
}

/** `url` on database `name`, as `role` when given (without a password). */
export function dbUrlAs(url: string, name: string, role?: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  if (role) {
    u.username = role;
    u.password = '';
  }
  return u.toString();
}

/**
 * Creates database `name` on the server of `adminUrl`; with an `owner`, the way the README's
 * operations section does: owned by that role, the extensions made by the admin (earthdistance is
 * no trusted extension, so only a superuser may create it), so the owner can run the migrations.
 */
export async function createDatabaseFor(adminUrl: string, name: string, owner?: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}${owner ? ` OWNER ${owner}` : ''}`);
  } finally {
    await admin.end();
  }
  if (!owner) return;
  const inside = new pg.Client({ connectionString: dbUrlAs(adminUrl, name) });
  await inside.connect();
  try {
    await inside.query(requiredExtensions.map((e) => `CREATE EXTENSION IF NOT EXISTS ${e};`).join('\n'));
  } finally {
    await inside.end();
  }
}

/**
 * Creates database `name` on the server of `adminUrl` and migrates it: with testRoles(), owned by
 * and migrated as the owner role, and the app role granted its privileges.
 * Returns the URLs of the owner and of the app (both the admin's without roles).
 */
export async function createTestDatabase(
  adminUrl: string,
  name: string,
): Promise<{ ownerUrl: string; appUrl: string; adminUrl: string }> {
  const roles = testRoles();
  await createDatabaseFor(adminUrl, name, roles?.owner);
  const ownerUrl = dbUrlAs(adminUrl, name, roles?.owner);
  const owner = new pg.Pool({ connectionString: ownerUrl, max: 1 });
  const ownerDb = kyselyOver(owner);
  try {
    await migrateToLatest(ownerDb);
    if (roles) await grantAppRole(ownerDb, roles.app);
  } finally {
    await ownerDb.destroy();
  }
  return { ownerUrl, appUrl: dbUrlAs(adminUrl, name, roles?.app), adminUrl: dbUrlAs(adminUrl, name) };
}

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a new database
 * on the PostgreSQL server of DATABASE_URL (created here, dropped at close), reached as the user
 * of DATABASE_URL — or, with `as: 'app'` and testRoles(), as the app's role, the way the server
 * reaches it. `ownerDb` is the owner's handle (on PGlite and without roles, the same as `db`).
 */
export async function freshDatabase(
  opts: { as?: 'admin' | 'app' } = {},
): Promise<Database & { url?: string; ownerDb: Kysely<DB> }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const d = await openPglite('memory://');
    await migrateToLatest(d.db);
    return { ...d, ownerDb: d.db };
  }
  const name = `kp_test_${randomBytes(6).toString('hex')}`;
  const urls = await createTestDatabase(url, name);
  const asApp = opts.as === 'app' && testRoles();
  const mainUrl = asApp ? urls.appUrl : urls.adminUrl;
  const d = await openPostgres(mainUrl, 20);
  const owner = asApp ? await openPostgres(urls.ownerUrl, 3) : null;
  return {
    ...d,
    url: mainUrl,
    ownerDb: owner?.db ?? d.db,
    async close() {
      await d.close();
      await owner?.close();
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
  /** What the app connects as: on PostgreSQL with testRoles(), the app's role (no owner). */
  db: Kysely<DB>;
  /** The owner of the tables (who runs the migrations); the same as db without testRoles(). */
  ownerDb: Kysely<DB>;
  database: Database;
  networkId: string;
  close(): Promise<void>;
}

export async function createTestApp(
  env: Record<string, string> = {},
  opts: { webDist?: string } = {},
): Promise<TestApp> {
  const database = await freshDatabase({ as: 'app' });
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
    ownerDb: database.ownerDb,
    database,
    networkId: network.id,
    async close() {
      await app.close();
      await database.close();
    },
  };
}
