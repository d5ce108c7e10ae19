import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { listenForWrites, onWrite, watchedWrites, writeChannel } from '../../server/db/writeWatch.ts';
import type { TestApp } from '../helpers/app.ts';
import { createUser } from '../helpers/factories.ts';
import { createPostgresTestApp } from './postgres.ts';

/**
 * Caches that must agree across app servers (sessions, account owners) are emptied by writes of other
 * processes too: the notify_write() trigger of each watched table tells every listening server at
 * commit (db/writeWatch.ts).
 */
describe('writes of other processes reach the caches (PostgreSQL LISTEN/NOTIFY)', () => {
  let t: TestApp & { url: string };
  let listening: ReturnType<typeof listenForWrites>;
  before(async () => {
    t = await createPostgresTestApp(); // builds the app, so every cache has registered what it watches
    listening = listenForWrites(t.url);
    await listening.ready;
  });
  after(async () => {
    await listening.stop();
    await t.close();
  });

  test('every table and kind a cache watches has a notify_write trigger', async () => {
    const watched = watchedWrites();
    assert.ok(
      watched.some((w) => w.table === 'session' && w.kind === 'delete'),
      'the session cache is seen',
    );
    const triggers = await sql<{ table: string; ins: boolean; upd: boolean; del: boolean }>`
      SELECT c.relname AS table,
             (t.tgtype & 4) <> 0 AS ins, (t.tgtype & 16) <> 0 AS upd, (t.tgtype & 8) <> 0 AS del
      FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid
      WHERE p.proname = 'notify_write' AND NOT t.tgisinternal`.execute(t.db);
    const covered = new Set<string>();
    for (const r of triggers.rows) {
      if (r.ins) covered.add(`${r.table}:insert`);
      if (r.upd) covered.add(`${r.table}:update`);
      if (r.del) covered.add(`${r.table}:delete`);
    }
    assert.deepEqual(
      watched.map((w) => `${w.table}:${w.kind}`).filter((k) => !covered.has(k)),
      [],
      'watched writes without a trigger',
    );
  });

  test('a sign-out committed by another process reaches this one', { timeout: 10_000 }, async () => {
    let heard: () => void = () => undefined;
    const sessionDeleted = new Promise<void>((resolve) => {
      heard = resolve;
    });
    onWrite(['session'], ['delete'], () => heard());
    // another process (another app server, the admin command line), on a connection of its own
    const other = new pg.Client({ connectionString: t.url });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query('DELETE FROM session WHERE false');
      await other.query('COMMIT');
    } finally {
      await other.end();
    }
    await sessionDeleted; // never resolves (the test times out) if the write was not heard
  });

  test("a payment sends no notification: balances are no cache's business", { timeout: 20_000 }, async () => {
    const admin = await createUser(t, { admin: true });
    const jonas = await createUser(t);
    const api = (method: 'GET' | 'POST', url: string, payload?: object) =>
      t.app.inject({
        method,
        url: `/api/v1/timebank${url}`,
        headers: { ...admin.headers, 'idempotency-key': randomUUID() },
        ...(payload ? { payload } : {}),
      });
    const pool = (await api('GET', '/accounts/lookup?pool=true')).json().id;
    const jonasAccount = (
      await t.app.inject({ method: 'GET', url: '/api/v1/timebank/accounts/mine', headers: jonas.headers })
    ).json().items[0].id;

    const heard: string[] = [];
    let sentinel: () => void = () => undefined;
    const sentinelHeard = new Promise<void>((resolve) => {
      sentinel = resolve;
    });
    const listener = new pg.Client({ connectionString: t.url });
    await listener.connect();
    try {
      listener.on('notification', (msg) => {
        if (msg.payload === 'sentinel:done') sentinel();
        else heard.push(String(msg.payload));
      });
      await listener.query(`LISTEN ${writeChannel}`);
      const paid = await api('POST', '/transfers', {
        payerAccountId: pool,
        payeeAccountId: jonasAccount,
        minutes: 30,
      });
      assert.equal(paid.statusCode, 201, paid.body);
      // notifications arrive in commit order: once this one is here, the payment's would have been
      await listener.query(`SELECT pg_notify('${writeChannel}', 'sentinel:done')`);
      await sentinelHeard;
      assert.deepEqual(heard, [], 'a payment notified the caches');
    } finally {
      await listener.end();
    }
  });
});
