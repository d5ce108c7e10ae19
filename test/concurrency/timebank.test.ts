import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { TestApp } from '../helpers/app.ts';
import { createOrganisation, createUser, type TestUser } from '../helpers/factories.ts';
import { createPostgresTestApp } from './postgres.ts';

describe('time bank under concurrency (PostgreSQL)', () => {
  let t: TestApp;
  let admin: TestUser;
  let jonas: TestUser;
  let jonasAccount: string;
  let payees: string[];
  let pool: string;

  const post = (user: TestUser, url: string, payload: object, key = randomUUID()) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/timebank${url}`,
      headers: { ...user.headers, 'idempotency-key': key },
      payload,
    });
  const get = (user: TestUser, url: string) =>
    t.app.inject({ method: 'GET', url: `/api/v1/timebank${url}`, headers: user.headers });

  before(async () => {
    t = await createPostgresTestApp();
    admin = await createUser(t, { admin: true });
    jonas = await createUser(t);
    jonasAccount = (await get(jonas, '/accounts/mine')).json().items[0].id;
    pool = (await get(admin, '/accounts/lookup?pool=true')).json().id;
    payees = [];
    for (let i = 0; i < 4; i++) {
      const org = await createOrganisation(t);
      payees.push((await get(admin, `/accounts/lookup?organisationId=${org.id}`)).json().id);
    }
  });
  after(() => t.close());

  test('20 parallel payments from one account never overdraw it', async () => {
    const limit = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/timebank/accounts/${jonasAccount}`,
      headers: admin.headers,
      payload: { creditLimit: 0 },
    });
    assert.equal(limit.statusCode, 200);
    assert.equal(
      (await post(admin, '/transfers', { payerAccountId: pool, payeeAccountId: jonasAccount, minutes: 300 }))
        .statusCode,
      201,
    );
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        post(jonas, '/transfers', {
          payerAccountId: jonasAccount,
          payeeAccountId: payees[i % 4],
          minutes: 60,
        }),
      ),
    );
    const codes = results.map((r) => r.statusCode).sort();
    assert.deepEqual(codes, [...Array(5).fill(201), ...Array(15).fill(422)]);
    for (const r of results.filter((x) => x.statusCode === 422))
      assert.equal(r.json().code, 'timebank.insufficient_credit');
    assert.equal((await get(jonas, `/accounts/${jonasAccount}`)).json().balance, 0);
    const health = (await get(admin, '/health')).json();
    assert.equal(health.ok, true);
    assert.equal(health.balanceSum, 0);
  });

  test('the same idempotency key sent 20 times in parallel makes exactly one transfer', async () => {
    await post(admin, '/transfers', { payerAccountId: pool, payeeAccountId: jonasAccount, minutes: 100 });
    const before = (await get(jonas, `/accounts/${jonasAccount}`)).json().balance;
    const key = randomUUID();
    const werkstatt = await createUser(t);
    const payee = (await get(werkstatt, '/accounts/mine')).json().items[0].id;
    const body = { payerAccountId: jonasAccount, payeeAccountId: payee, minutes: 40, memo: 'Werkstatt' };
    // what closes a payment: counted before and after (a replay that wrote would add rows under ids of its own)
    const n = (q: { executeTakeFirstOrThrow(): Promise<{ n: string | number | bigint }> }) =>
      q.executeTakeFirstOrThrow().then((r) => Number(r.n));
    const closingRecords = async () => ({
      audit: await n(
        t.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('action', '=', 'timebank.transfer_completed'),
      ),
      interactions: await n(
        t.db
          .selectFrom('interaction')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('b_id', '=', werkstatt.id),
      ),
      notifications: await n(
        t.db
          .selectFrom('notification')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('account_id', '=', werkstatt.id),
      ),
    });
    const recordsBefore = await closingRecords();
    const results = await Promise.all(Array.from({ length: 20 }, () => post(jonas, '/transfers', body, key)));
    assert.deepEqual(
      results.map((r) => r.statusCode),
      Array(20).fill(201),
    );
    const ids = new Set(results.map((r) => r.json().id));
    assert.equal(ids.size, 1);
    assert.equal(results.filter((r) => r.headers['idempotent-replayed'] === 'true').length, 19);
    assert.equal((await get(jonas, `/accounts/${jonasAccount}`)).json().balance, before - 40);
    assert.equal((await get(admin, '/health')).json().ok, true);
    // the 19 replays wrote nothing: one audit row, one interaction, the payee told once
    assert.deepEqual(await closingRecords(), {
      audit: recordsBefore.audit + 1,
      interactions: 1,
      notifications: 1,
    });
  });

  test('payments both ways between the same accounts at once never deadlock and lose nothing', async () => {
    const other = await createUser(t);
    const otherAccount = (await get(other, '/accounts/mine')).json().items[0].id;
    const start = [
      (await get(jonas, `/accounts/${jonasAccount}`)).json().balance,
      (await get(other, `/accounts/${otherAccount}`)).json().balance,
    ];
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        i % 2
          ? post(jonas, '/transfers', {
              payerAccountId: jonasAccount,
              payeeAccountId: otherAccount,
              minutes: 5,
            })
          : post(other, '/transfers', {
              payerAccountId: otherAccount,
              payeeAccountId: jonasAccount,
              minutes: 7,
            }),
      ),
    );
    assert.deepEqual(
      results.map((r) => r.statusCode),
      Array(30).fill(201),
    );
    assert.equal((await get(jonas, `/accounts/${jonasAccount}`)).json().balance, start[0] - 15 * 5 + 15 * 7);
    assert.equal((await get(other, `/accounts/${otherAccount}`)).json().balance, start[1] + 15 * 5 - 15 * 7);
    assert.equal((await get(admin, '/health')).json().ok, true);
  });

  test('parallel confirmations of one request move the credits once', async () => {
    await post(admin, '/transfers', { payerAccountId: pool, payeeAccountId: jonasAccount, minutes: 50 });
    const before = (await get(jonas, `/accounts/${jonasAccount}`)).json().balance;
    const req = await post(admin, '/transfers', {
      payerAccountId: jonasAccount,
      payeeAccountId: pool,
      minutes: 50,
    });
    // the admin acts for the pool: as the receiver it asks, Jonas confirms
    assert.equal(req.json().status, 'requested');
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        t.app.inject({
          method: 'POST',
          url: `/api/v1/timebank/transfers/${req.json().id}/confirm`,
          headers: jonas.headers,
        }),
      ),
    );
    assert.deepEqual(results.map((r) => r.statusCode).sort(), [200, ...Array(9).fill(409)]);
    assert.equal((await get(jonas, `/accounts/${jonasAccount}`)).json().balance, before - 50);
  });
});
