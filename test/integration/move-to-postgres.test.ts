import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { mapCellHealth } from '../../server/areas/sharing/repositories/resources.ts';
import { countRows, listTables } from '../../server/cli/transfer.ts';
import { type Database, openPglite, openPostgres } from '../../server/db/connect.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { ensureNetwork } from '../../server/platform/network.ts';
import { seedDemoTown } from '../../server/seed/demo.ts';
import { dropDatabase } from '../helpers/app.ts';
import { childEnv, runScript, snapshot } from './helpers.ts';

// The PostgreSQL server is always there on CI; without DATABASE_URL we use its default test database.
const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function admin(query: string) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(query);
  } finally {
    await c.end();
  }
}

describe('move-to-postgres', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-move-'));
  const name = `kp_move_${randomBytes(6).toString('hex')}`;
  const targetUrl = (() => {
    const u = new URL(adminUrl);
    u.pathname = `/${name}`;
    return u.toString();
  })();
  let target: Database | undefined;

  before(async () => {
    const source = await openPglite(dataDir);
    await migrateToLatest(source.db);
    const { network } = await ensureNetwork(source.db, {
      slug: 'lindenbrueck',
      name: 'Lindenbrück vernetzt',
    });
    await seedDemoTown(source.db, network.id);
    await source.close();
    await admin(`CREATE DATABASE ${name}`);
  });
  after(async () => {
    await target?.close();
    // a forced drop would kill the pool's connections mid-close (an uncaught error in this process)
    await dropDatabase(adminUrl, name);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('copies the embedded database into an empty PostgreSQL database, row for row', async () => {
    const r = await runScript('server/cli/move-to-postgres.ts', [targetUrl], childEnv({ DATA_DIR: dataDir }));
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Row counts match in every table/);
    assert.match(r.stdout, /DATABASE_URL=postgres:\/\//);

    const source = await openPglite(dataDir);
    try {
      target = await openPostgres(targetUrl, 2);
      const sourceCounts = await countRows(source.db, await listTables(source.db));
      const targetCounts = await countRows(target.db, await listTables(target.db));
      assert.deepEqual(targetCounts, sourceCounts);
      assert.ok((sourceCounts.get('organisation') ?? 0) >= 10);
      // A sample of rows, value for value: organisations, profiles (arrays, jsonb), districts (GeoJSON).
      const [s, t] = [await snapshot(source.db), await snapshot(target.db)];
      for (const table of [
        'organisation',
        'profile',
        'district',
        'network',
        'membership',
        'resource_map_cell',
      ])
        assert.deepEqual(t[table], s[table], table);
      // the map summary computed on PGlite is exact on PostgreSQL too (the grid is the same bit for bit)
      const network = await target.db.selectFrom('network').select('id').executeTakeFirstOrThrow();
      const map = await mapCellHealth(target.db, network.id);
      assert.ok(map.cells > 0);
      assert.equal(map.mismatched, 0);
    } finally {
      await source.close();
    }
  });

  test('refuses a PostgreSQL database that already holds data, and says so', async () => {
    const r = await runScript('server/cli/move-to-postgres.ts', [targetUrl], childEnv({ DATA_DIR: dataDir }));
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /is not empty/);
  });

  test('explains a missing argument and a missing data directory', async () => {
    const none = await runScript('server/cli/move-to-postgres.ts', [], childEnv({ DATA_DIR: dataDir }));
    assert.notEqual(none.code, 0);
    assert.match(none.stderr, /Usage: npm run move-to-postgres/);
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-empty-'));
    const missing = await runScript(
      'server/cli/move-to-postgres.ts',
      [targetUrl],
      childEnv({ DATA_DIR: empty }),
    );
    fs.rmSync(empty, { recursive: true, force: true });
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /no embedded Knotenpunkt database/);
  });
});
