import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { ledgerHealth } from '../../server/areas/timebank/repositories/timebank.ts';
import { openPostgres } from '../../server/db/connect.ts';
import { migrateAtStart } from '../../server/db/roles.ts';
import { localPostgres } from '../concurrency/postgres.ts';
import {
  createDatabaseFor,
  createTestApp,
  dbUrlAs,
  dropDatabase,
  type TestApp,
  testRoles,
} from '../helpers/app.ts';
import { createUser, type TestUser } from '../helpers/factories.ts';

/**
 * The server as a PostgreSQL role of its own: no owner of any table, no superuser, the migrations run
 * as the owner (README, Operations). Always on PostgreSQL (DATABASE_URL's server, else the local one):
 * with the roles CI creates from the README (TEST_OWNER_ROLE, TEST_APP_ROLE), else with two roles
 * made for this file and dropped after it.
 */
const adminUrl = process.env.DATABASE_URL ?? localPostgres;

async function admin(text: string) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    return await c.query(text);
  } finally {
    await c.end();
  }
}

describe('the app runs as its own database role; the ledger is closed to it but through the journal', () => {
  let t: TestApp;
  let roles: { owner: string; app: string };
  let madeRoles = false;
  let jonas: TestUser;
  let admin1: TestUser;
  let poolAccount: string;
  let jonasAccount: string;

  const inject = (user: TestUser, method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({
      method,
      url: `/api/v1/timebank${url}`,
      headers: { ...user.headers, 'idempotency-key': randomUUID() },
      ...(payload ? { payload } : {}),
    });

  before(async () => {
    const given = testRoles();
    if (given) roles = given;
    else {
      const tag = randomBytes(4).toString('hex');
      roles = { owner: `kp_owner_${tag}`, app: `kp_app_${tag}` };
      await admin(`CREATE ROLE ${roles.owner} LOGIN; CREATE ROLE ${roles.app} LOGIN`);
      madeRoles = true;
    }
    process.env.DATABASE_URL = adminUrl;
    process.env.TEST_OWNER_ROLE = roles.owner;
    process.env.TEST_APP_ROLE = roles.app;
    t = await createTestApp();
    admin1 = await createUser(t, { admin: true });
    jonas = await createUser(t, { displayName: 'Jonas' });
    poolAccount = (await inject(admin1, 'GET', '/accounts/lookup?pool=true')).json().id;
    jonasAccount = (await inject(jonas, 'GET', '/accounts/mine')).json().items[0].id;
  });
  after(async () => {
    await t?.close();
    if (madeRoles) await admin(`DROP ROLE IF EXISTS ${roles.app}; DROP ROLE IF EXISTS ${roles.owner}`);
  });

  test('the app connects as a role that is no superuser and owns no table', async () => {
    const me = await sql<{ role: string; superuser: boolean; owned: number }>`
      SELECT current_user AS role, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser,
        (SELECT count(*)::int FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user) AS owned
    `.execute(t.db);
    assert.deepEqual(me.rows[0], { role: roles.app, superuser: false, owned: 0 });
    const owners = await sql<{ owner: string }>`
      SELECT DISTINCT tableowner AS owner FROM pg_tables WHERE schemaname = 'public'`.execute(t.db);
    assert.deepEqual(
      owners.rows.map((r) => r.owner),
      [roles.owner],
    );
  });

  test('a payment through the API works as the app role: the journal moves the balances', async () => {
    const res = await inject(admin1, 'POST', '/transfers', {
      payerAccountId: poolAccount,
      payeeAccountId: jonasAccount,
      minutes: 120,
      memo: 'Ehrenamt',
    });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().status, 'completed');
    assert.equal((await inject(jonas, 'GET', `/accounts/${jonasAccount}`)).json().balance, 120);
    const health = await ledgerHealth(t.db, t.networkId);
    assert.equal(health.mismatched_accounts, 0);
    assert.equal(health.balance_sum, 0);
  });

  test('the app role may not set a balance, rewrite a transfer or the journal, or switch a guard off', async () => {
    const denied = /permission denied/;
    await assert.rejects(sql`UPDATE timebank_account SET balance = balance + 60`.execute(t.db), denied);
    await assert.rejects(
      sql`INSERT INTO timebank_account (network_id, owner_type, credit_limit, balance)
        VALUES (${t.networkId}, 'pool', NULL, 500)`.execute(t.db),
      denied,
    );
    await assert.rejects(sql`UPDATE timebank_transfer SET minutes = 1000`.execute(t.db), denied);
    await assert.rejects(sql`DELETE FROM timebank_transfer`.execute(t.db), denied);
    await assert.rejects(sql`UPDATE timebank_line SET amount = amount * 2`.execute(t.db), denied);
    await assert.rejects(sql`DELETE FROM timebank_entry`.execute(t.db), denied);
    await assert.rejects(sql`TRUNCATE audit_log`.execute(t.db), denied);
    await assert.rejects(
      sql`ALTER TABLE timebank_account DISABLE TRIGGER USER`.execute(t.db),
      /must be owner/,
    );
    await assert.rejects(sql`SET session_replication_role = replica`.execute(t.db), denied);
    assert.equal((await inject(jonas, 'GET', `/accounts/${jonasAccount}`)).json().balance, 120);
  });

  test('the owner holds every privilege, and the database still refuses its direct balance change', async () => {
    await assert.rejects(
      sql`UPDATE timebank_account SET balance = balance + 60`.execute(t.ownerDb),
      /balance moves only with journal lines/,
    );
    await assert.rejects(
      sql`UPDATE timebank_transfer SET minutes = 1000`.execute(t.ownerDb),
      /only its status/,
    );
  });

  test('at start the server migrates as the owner and grants the app role what it needs, no more', async () => {
    const name = `kp_test_${randomBytes(6).toString('hex')}`;
    await createDatabaseFor(adminUrl, name, roles.owner);
    const app = await openPostgres(dbUrlAs(adminUrl, name, roles.app), 2);
    try {
      const steps = await migrateAtStart(app.db, dbUrlAs(adminUrl, name, roles.owner));
      assert.ok(steps.length > 0);
      const can = await sql<Record<string, boolean>>`
        SELECT
          has_table_privilege('organisation', 'SELECT, INSERT, UPDATE, DELETE') AS plain_table,
          has_table_privilege('organisation', 'TRUNCATE') AS truncate,
          has_column_privilege('timebank_account', 'balance', 'UPDATE') AS set_balance,
          has_column_privilege('timebank_account', 'balance', 'INSERT') AS insert_balance,
          has_column_privilege('timebank_account', 'credit_limit', 'UPDATE') AS set_limit,
          has_column_privilege('timebank_transfer', 'minutes', 'UPDATE') AS set_minutes,
          has_column_privilege('timebank_transfer', 'status', 'UPDATE') AS set_status,
          has_table_privilege('timebank_transfer', 'DELETE') AS delete_transfer,
          has_table_privilege('timebank_line', 'INSERT') AS post_line,
          has_table_privilege('timebank_line', 'UPDATE') AS change_line,
          has_table_privilege('kysely_migration', 'INSERT') AS record_migration
      `.execute(app.db);
      assert.deepEqual(can.rows[0], {
        plain_table: true,
        truncate: false,
        set_balance: false,
        insert_balance: false,
        set_limit: true,
        set_minutes: false,
        set_status: true,
        delete_transfer: false,
        post_line: true,
        change_line: false,
        record_migration: false,
      });
    } finally {
      await app.close();
      await dropDatabase(adminUrl, name);
    }
  });
});
