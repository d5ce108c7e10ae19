import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { demoLogins, demoPassword } from '../../server/seed/demo.ts';
import { childEnv, type RunningServer, runScript, startServer, waitFor } from './helpers.ts';

/** Sends SIGTERM and waits (bounded) for the exit code. */
async function stop(server: RunningServer): Promise<number | null> {
  server.child.kill('SIGTERM');
  const [code] = await Promise.race([
    server.exited,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error('no exit within 15 s')), 15_000).unref(),
    ),
  ]);
  return code;
}

async function organisationTotal(url: string): Promise<number> {
  const r = await fetch(`${url}/api/v1/organisations?limit=1`);
  assert.equal(r.status, 200);
  return ((await r.json()) as { total: number }).total;
}

describe('server lifecycle on the embedded database', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-life-'));
  const running: RunningServer[] = [];
  after(() => {
    for (const s of running) if (s.child.exitCode === null) s.child.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('starts, refuses a second process, stops cleanly on SIGTERM and restarts without duplicating the demo', async () => {
    const first = await startServer({ DATA_DIR: dataDir, SEED: 'demo' });
    running.push(first);
    assert.match(first.output(), /Demo sign-ins/);
    for (const p of ['/healthz', '/readyz', '/api/openapi.json']) {
      const r = await fetch(`${first.url}${p}`);
      assert.equal(r.status, 200, p);
    }
    const home = await fetch(`${first.url}/`);
    assert.ok(home.status < 500, `/ answered ${home.status}`);
    const orgs = await organisationTotal(first.url);
    assert.ok(orgs >= 10);

    // A second server on the same data directory must not start.
    const second = await runScript(
      'server/main.ts',
      [],
      childEnv({ DATA_DIR: dataDir, PORT: '0', SEED: 'demo' }),
    );
    assert.notEqual(second.code, 0);
    assert.match(second.stderr, /data directory .* is in use by another Knotenpunkt process/);
    assert.match(second.stderr, new RegExp(`pid ${first.child.pid}`));
    assert.equal((await fetch(`${first.url}/healthz`)).status, 200);

    // Commands that need the data directory say the same instead of touching it.
    const backup = await runScript(
      'server/cli/backup.ts',
      [path.join(dataDir, '..', `kp-${Date.now()}.gz`)],
      childEnv({ DATA_DIR: dataDir }),
    );
    assert.equal(backup.code, 2);
    assert.match(backup.stderr, /in use by another Knotenpunkt process/);

    assert.equal(await stop(first), 0);
    assert.equal(fs.existsSync(path.join(dataDir, 'knotenpunkt.pid')), false);

    const again = await startServer({ DATA_DIR: dataDir, SEED: 'demo' });
    running.push(again);
    assert.equal(await organisationTotal(again.url), orgs);

    const login = demoLogins.find((l) => l.email.startsWith('aylin'))!;
    const signIn = await fetch(`${again.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: login.email, password: demoPassword }),
    });
    assert.equal(signIn.status, 200);
    assert.equal(
      ((await signIn.json()) as { account: { displayName: string } }).account.displayName,
      'Aylin Demir',
    );
    assert.equal(await stop(again), 0);
  });
});

describe('first start without demo data', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-empty-'));
  const running: RunningServer[] = [];
  after(() => {
    for (const s of running) if (s.child.exitCode === null) s.child.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('SEED=none explains how to create the first admin; `npm run admin -- create` prints a working sign-in link', async () => {
    const empty = await startServer({ DATA_DIR: dataDir, SEED: 'none' });
    running.push(empty);
    await waitFor('the start banner', 10_000, async () =>
      /npm run admin -- create/.test(empty.output()) ? true : undefined,
    );
    assert.equal(await organisationTotal(empty.url), 0);
    assert.equal(await stop(empty), 0);

    const missing = await runScript('server/cli/admin.ts', ['create'], childEnv({ DATA_DIR: dataDir }));
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /Usage: npm run admin -- create EMAIL/);

    const created = await runScript(
      'server/cli/admin.ts',
      ['create', 'Erste.Admin@Example.org', 'Erste Administratorin'],
      childEnv({ DATA_DIR: dataDir, PUBLIC_URL: 'http://knotenpunkt.test' }),
    );
    assert.equal(created.code, 0, created.stderr);
    const token = /http:\/\/knotenpunkt\.test\/anmelden\/link#([A-Za-z0-9_-]+)/.exec(created.stdout)?.[1];
    assert.ok(token, created.stdout);

    const server = await startServer({ DATA_DIR: dataDir, SEED: 'none' });
    running.push(server);
    assert.doesNotMatch(server.output(), /No administrator yet/);
    const redeem = await fetch(`${server.url}/api/v1/session/link/redeem`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    });
    assert.equal(redeem.status, 200);
    const body = (await redeem.json()) as { account: { email: string; isInstanceAdmin: boolean } };
    assert.equal(body.account.email, 'erste.admin@example.org');
    assert.equal(body.account.isInstanceAdmin, true);
    assert.equal(await stop(server), 0);
  });
});

describe('backup and restore commands', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-cli-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('give clear messages and non-zero exit codes for every mistake', async () => {
    const env = childEnv({ DATA_DIR: path.join(dir, 'nothing-here') });
    const noArg = await runScript('server/cli/backup.ts', [], env);
    assert.equal(noArg.code, 1);
    assert.match(noArg.stderr, /Usage: npm run backup -- FILE/);
    const noDb = await runScript('server/cli/backup.ts', [path.join(dir, 'b.gz')], env);
    assert.equal(noDb.code, 1);
    assert.match(noDb.stderr, /no Knotenpunkt database/);
    const noFile = await runScript('server/cli/restore.ts', [path.join(dir, 'missing.gz')], env);
    assert.equal(noFile.code, 1);
    assert.match(noFile.stderr, /Backup file .*missing\.gz not found/);
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'hello');
    const notBackup = await runScript('server/cli/restore.ts', [path.join(dir, 'notes.txt')], env);
    assert.equal(notBackup.code, 1);
    assert.match(notBackup.stderr, /is not a Knotenpunkt backup/);
  });

  test('migrate, backup and restore work on a data directory; restore refuses a database that holds data', async () => {
    const env = childEnv({ DATA_DIR: path.join(dir, 'data') });
    const migrated = await runScript('server/cli/migrate.ts', [], env);
    assert.equal(migrated.code, 0, migrated.stderr);
    assert.match(migrated.stdout, /Up 20261125_0900_foundation/);
    const admin = await runScript('server/cli/admin.ts', ['create', 'koch@example.org', 'Miriam Koch'], env);
    assert.equal(admin.code, 0, admin.stderr);
    const file = path.join(dir, 'backup.jsonl.gz');
    const backup = await runScript('server/cli/backup.ts', [file], env);
    assert.equal(backup.code, 0, backup.stderr);
    const twice = await runScript('server/cli/backup.ts', [file], env);
    assert.equal(twice.code, 1);
    assert.match(twice.stderr, /already exists/);

    const refused = await runScript('server/cli/restore.ts', [file], env);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /is not empty .* add --force/);
    const forced = await runScript('server/cli/restore.ts', [file, '--force'], env);
    assert.equal(forced.code, 0, forced.stderr);
    const elsewhere = await runScript(
      'server/cli/restore.ts',
      [file],
      childEnv({ DATA_DIR: path.join(dir, 'copy') }),
    );
    assert.equal(elsewhere.code, 0, elsewhere.stderr);
    assert.match(elsewhere.stdout, /Restored \d+ rows/);
  });
});
