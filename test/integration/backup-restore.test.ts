import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { mapCellHealth } from '../../server/areas/sharing/repositories/resources.ts';
import { ensureAccount, postEntry } from '../../server/areas/timebank/repositories/timebank.ts';
import { readBackupHeader, restoreBackup, writeBackup } from '../../server/cli/backup-file.ts';
import { nonEmptyTables, wipeAll } from '../../server/cli/transfer.ts';
import { audit } from '../../server/platform/audit.ts';
import { ensureNetwork } from '../../server/platform/network.ts';
import { seedDemoTown } from '../../server/seed/demo.ts';
import { freshDatabase } from '../helpers/app.ts';
import { snapshot } from './helpers.ts';

describe(`backup and restore (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let d: Awaited<ReturnType<typeof freshDatabase>>;
  let networkId: string;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-backup-'));
  const file = path.join(dir, 'lindenbrueck.jsonl.gz');

  before(async () => {
    d = await freshDatabase();
    const { network } = await ensureNetwork(d.db, { slug: 'lindenbrueck', name: 'Lindenbrück vernetzt' });
    networkId = network.id;
    await seedDemoTown(d.db, networkId);
    // Rows the demo does not make: identity columns, a ledger with cached balances and a reversal
    // pointing at its own table, text needing escapes.
    const people = await d.db
      .selectFrom('account')
      .select('id')
      .where('network_id', '=', networkId)
      .limit(2)
      .execute();
    await d.db.transaction().execute(async (tx) => {
      const a = await ensureAccount(tx, networkId, { type: 'person', id: people[0]!.id });
      const b = await ensureAccount(tx, networkId, { type: 'person', id: people[1]!.id });
      const first = await postEntry(tx, networkId, {
        kind: 'transfer',
        memo: 'Fahrrad repariert – „danke“\n\\ 🚲',
        createdBy: people[0]!.id,
        lines: [
          { accountId: a.id, amount: -90 },
          { accountId: b.id, amount: 90 },
        ],
      });
      await postEntry(tx, networkId, {
        kind: 'reversal',
        memo: 'Storno',
        createdBy: people[0]!.id,
        reversesEntryId: first,
        lines: [
          { accountId: a.id, amount: 90 },
          { accountId: b.id, amount: -90 },
        ],
      });
      await postEntry(tx, networkId, {
        kind: 'transfer',
        memo: 'Umzugshilfe',
        createdBy: people[1]!.id,
        lines: [
          { accountId: a.id, amount: 30 },
          { accountId: b.id, amount: -30 },
        ],
      });
      for (let i = 0; i < 3; i++)
        await audit(tx, {
          networkId,
          actorId: people[0]!.id,
          action: 'test.done',
          entityType: 'account',
          details: { i, nested: { list: [1, 'zwei', null] } },
        });
    });
  });
  after(async () => {
    await d.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('backup, wipe, restore gives back every row of every table', async () => {
    const balancesOf = async () =>
      (
        await d.db
          .selectFrom('timebank_account')
          .select('balance')
          .where('network_id', '=', networkId)
          .execute()
      )
        .map((b) => Number(b.balance))
        .sort((x, y) => x - y);
    const balancesBefore = await balancesOf();
    assert.ok(balancesBefore.includes(-30) && balancesBefore.includes(30));
    const before = await snapshot(d.db);
    assert.ok(before.organisation!.length >= 10);
    const stats = await writeBackup(d.db, d.host, file);
    assert.equal(
      stats.rows,
      Object.values(before).reduce((n, rows) => n + rows.length, 0),
    );
    const header = await readBackupHeader(file);
    assert.equal(header.format, 'knotenpunkt-backup');
    assert.ok(header.migrations.length >= 1);

    await d.db.transaction().execute((tx) => wipeAll(tx));
    assert.equal((await nonEmptyTables(d.db)).size, 0);
    await restoreBackup(d.db, file, { wipe: false });
    assert.deepEqual(await snapshot(d.db), before);

    // Cached balances were not counted a second time (the demo town has its own transfers too).
    assert.deepEqual(await balancesOf(), balancesBefore);
    // The map summary came back as it was and still equals a fresh count of the resources.
    const map = await mapCellHealth(d.db, networkId);
    assert.ok(map.cells > 0);
    assert.equal(map.mismatched, 0);
  });

  test('identity sequences continue after the restored rows', async () => {
    const maxBefore = await sql<{ m: number }>`SELECT max(id)::int AS m FROM audit_log`.execute(d.db);
    await audit(d.db, { networkId, actorId: null, action: 'test.after_restore', entityType: 'account' });
    const row = await d.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'test.after_restore')
      .executeTakeFirstOrThrow();
    assert.ok(Number(row.id) > maxBefore.rows[0]!.m);
  });

  test('restoring over existing data with wipe replaces it in one go', async () => {
    const expected = await snapshot(d.db);
    await writeBackup(d.db, d.host, `${file}.2`);
    await audit(d.db, { networkId, actorId: null, action: 'test.extra', entityType: 'account' });
    await restoreBackup(d.db, `${file}.2`, { wipe: true });
    assert.deepEqual(await snapshot(d.db), expected);
  });

  test('a truncated backup is refused and leaves the database as it was', async () => {
    const expected = await snapshot(d.db);
    const whole = fs.readFileSync(file);
    const { gunzipSync, gzipSync } = await import('node:zlib');
    const lines = gunzipSync(whole).toString('utf8').split('\n');
    fs.writeFileSync(`${file}.cut`, gzipSync(lines.slice(0, Math.floor(lines.length / 2)).join('\n')));
    await assert.rejects(restoreBackup(d.db, `${file}.cut`, { wipe: true }), /ends early/);
    assert.deepEqual(await snapshot(d.db), expected);
  });
});
