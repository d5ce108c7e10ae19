import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TestApp } from '../helpers/app.ts';
import { createUser, type TestUser } from '../helpers/factories.ts';
import { api, circleWithEveryRole, type EveryRole, join } from '../integration/circles-fixture.ts';
import { createPostgresTestApp } from './postgres.ts';

describe('a need is never held by two helpers (PostgreSQL, parallel claims)', () => {
  let t: TestApp;
  let k: EveryRole;
  let helpers: TestUser[];
  let call: ReturnType<typeof api>;

  before(async () => {
    t = await createPostgresTestApp();
    call = api(t);
    k = await circleWithEveryRole(t);
    helpers = [];
    for (let i = 0; i < 12; i++) {
      const h = await createUser(t, { displayName: `Helfer ${i}` });
      await join(t, k.coordinator, k.circleId, h, 'helper');
      helpers.push(h);
    }
  });
  after(() => t.close());

  test('12 helpers claim the same Tuesday ride at once: one holds it, 11 are told someone was quicker', async () => {
    const start = new Date(Date.now() + 48 * 3600_000);
    for (let round = 0; round < 5; round++) {
      const created = await call(k.coordinator, 'POST', `/${k.circleId}/needs`, {
        kind: 'ride',
        title: `Fahrt ${round}`,
        start: new Date(start.getTime() + round * 3600_000).toISOString(),
        end: new Date(start.getTime() + (round + 1) * 3600_000).toISOString(),
      });
      const needId = created.json().items[0].id as string;
      const results = await Promise.all(
        helpers.map((h) => call(h, 'POST', `/${k.circleId}/needs/${needId}/claim`)),
      );
      const won = results.filter((r) => r.statusCode === 200);
      const lost = results.filter((r) => r.statusCode === 409);
      assert.equal(won.length, 1, results.map((r) => r.statusCode).join(','));
      assert.equal(lost.length, helpers.length - 1);
      for (const r of lost) assert.equal(r.json().code, 'circle.need_taken');
      const row = await t.db
        .selectFrom('circle_need')
        .select('claimed_by')
        .where('id', '=', needId)
        .executeTakeFirstOrThrow();
      assert.equal(row.claimed_by, won[0]?.json().claimedBy.id);
      const reminders = await t.db
        .selectFrom('job')
        .select('payload')
        .where('kind', '=', 'circle.need_reminder')
        .execute();
      const forThis = reminders.filter((j) => (j.payload as { needId?: string }).needId === needId);
      assert.equal(forThis.length, 1, 'only the winner is reminded');
    }
  });
});

describe('a need is credited once (PostgreSQL, parallel marking done)', () => {
  let t: TestApp;
  let k: EveryRole;
  let coordinators: TestUser[];
  let call: ReturnType<typeof api>;

  before(async () => {
    t = await createPostgresTestApp();
    call = api(t);
    k = await circleWithEveryRole(t);
    coordinators = [k.owner, k.coordinator];
    for (let i = 0; i < 6; i++) {
      const c = await createUser(t, { displayName: `Koordination ${i}` });
      await join(t, k.owner, k.circleId, c, 'coordinator');
      coordinators.push(c);
    }
  });
  after(() => t.close());

  test('8 coordinators mark the same shopping trip done with a credit at once: one pays, 7 are told it is done', async () => {
    const start = new Date(Date.now() - 3 * 3600_000);
    for (let round = 0; round < 5; round++) {
      const created = await call(k.coordinator, 'POST', `/${k.circleId}/needs`, {
        kind: 'shopping',
        title: `Einkauf ${round}`,
        start: new Date(start.getTime() - round * 3600_000).toISOString(),
        end: new Date(start.getTime() - round * 3600_000 + 1800_000).toISOString(),
      });
      const needId = created.json().items[0].id as string;
      assert.equal((await call(k.helper, 'POST', `/${k.circleId}/needs/${needId}/claim`)).statusCode, 200);
      const results = await Promise.all(
        coordinators.map((c) =>
          call(c, 'POST', `/${k.circleId}/needs/${needId}/done`, {
            thanks: 'Danke',
            credit: { minutes: 20 },
          }),
        ),
      );
      const won = results.filter((r) => r.statusCode === 200);
      const lost = results.filter((r) => r.statusCode === 409);
      assert.equal(won.length, 1, results.map((r) => `${r.statusCode} ${r.body}`).join('\n'));
      assert.equal(lost.length, coordinators.length - 1);
      for (const r of lost) assert.equal(r.json().code, 'circle.need_done');
      const paid = await t.db
        .selectFrom('timebank_transfer')
        .select(['id', 'minutes', 'status'])
        .where('source_type', '=', 'need')
        .where('source_id', '=', needId)
        .execute();
      assert.deepEqual(
        paid.map((p) => [p.minutes, p.status]),
        [[20, 'completed']],
      );
    }
    const helper = await t.db
      .selectFrom('timebank_account')
      .select('balance')
      .where('person_id', '=', k.helper.id)
      .executeTakeFirstOrThrow();
    assert.equal(helper.balance, 5 * 20);
    const sum = await t.db
      .selectFrom('timebank_account')
      .select((eb) => eb.fn.sum<number>('balance').as('s'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(sum.s), 0);
  });

  test('the database itself refuses a second transfer naming the same need, whoever starts it', async () => {
    const created = await call(k.coordinator, 'POST', `/${k.circleId}/needs`, {
      kind: 'visit',
      title: 'Besuch',
      start: new Date(Date.now() - 2 * 3600_000).toISOString(),
      end: new Date(Date.now() - 3600_000).toISOString(),
    });
    const needId = created.json().items[0].id as string;
    await call(k.helper, 'POST', `/${k.circleId}/needs/${needId}/claim`);
    const res = await call(k.coordinator, 'POST', `/${k.circleId}/needs/${needId}/done`, { credit: {} });
    assert.equal(res.statusCode, 200, res.body);
    const first = await t.db
      .selectFrom('timebank_transfer')
      .selectAll()
      .where('source_type', '=', 'need')
      .where('source_id', '=', needId)
      .executeTakeFirstOrThrow();
    await assert.rejects(
      t.db
        .insertInto('timebank_transfer')
        .values({
          network_id: t.networkId,
          payer_account_id: first.payer_account_id,
          payee_account_id: first.payee_account_id,
          minutes: 5,
          status: 'requested',
          initiated_by: k.owner.id,
          idempotency_key: `need-${needId}`,
          request_hash: 'x',
          source_type: 'need',
          source_id: needId,
        })
        .execute(),
      (err: { code?: string; constraint?: string }) =>
        err.code === '23505' && err.constraint === 'timebank_transfer_one_per_need',
    );
  });
});
