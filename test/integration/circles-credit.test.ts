import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createOrganisation, createUser, type TestUser } from '../helpers/factories.ts';
import { api, circleWithEveryRole, type EveryRole } from './circles-fixture.ts';

const hour = 3600_000;

interface NeedView {
  id: string;
  title: string;
  doneAt: string | null;
  credit: { minutes: number; reversed: boolean } | null;
  abilities: { done: boolean; credit: boolean };
}

/**
 * A time credit for the helper when a need is marked done: paid once, from an account the person who
 * marks it may pay from, in the same transaction as the marking, and without telling anyone outside
 * the circle what the help was.
 */
describe('support circles: a time credit for done help', () => {
  let t: TestApp;
  let call: ReturnType<typeof api>;
  let k: EveryRole;
  let otherOrgStaff: TestUser;
  let accounts: Record<'coordinator' | 'org' | 'helper' | 'owner' | 'otherOrg', string>;
  let day = 0;

  const bank = (user: TestUser, method: 'GET' | 'POST', url: string, payload?: object, headers = {}) =>
    t.app.inject({
      method,
      url: `/api/v1/timebank${url}`,
      headers: { ...user.headers, ...headers },
      ...(payload ? { payload } : {}),
    });
  const balance = async (user: TestUser, id: string) =>
    (await bank(user, 'GET', `/accounts/${id}`)).json().balance as number;
  const myAccounts = async (user: TestUser) =>
    (await bank(user, 'GET', '/accounts/mine')).json().items as { id: string; ownerType: string }[];

  /** A need of `minutes` length on a day of its own (so the needs never clash), claimed by `by`. */
  async function claimedNeed(title: string, by: TestUser, minutes = 90): Promise<NeedView> {
    day++;
    const start = new Date(Date.now() - 3 * hour + day * 24 * hour);
    const res = await call(k.coordinator, 'POST', `/${k.circleId}/needs`, {
      kind: 'shopping',
      title,
      start: start.toISOString(),
      end: new Date(start.getTime() + minutes * 60_000).toISOString(),
    });
    assert.equal(res.statusCode, 201, res.body);
    const id = res.json().items[0].id as string;
    const claimed = await call(by, 'POST', `/${k.circleId}/needs/${id}/claim`);
    assert.equal(claimed.statusCode, 200, claimed.body);
    return claimed.json();
  }

  const done = (user: TestUser | null, needId: string, body: object) =>
    call(user, 'POST', `/${k.circleId}/needs/${needId}/done`, body);

  async function needTransfers(needId: string) {
    return t.db
      .selectFrom('timebank_transfer')
      .selectAll()
      .where('source_type', '=', 'need')
      .where('source_id', '=', needId)
      .execute();
  }

  async function needRow(needId: string) {
    return t.db.selectFrom('circle_need').selectAll().where('id', '=', needId).executeTakeFirstOrThrow();
  }

  before(async () => {
    t = await createTestApp();
    call = api(t);
    k = await circleWithEveryRole(t);
    const otherOrg = await createOrganisation(t, { name: 'Tafel Süd' });
    otherOrgStaff = await createUser(t, { displayName: 'Tafel-Team', memberOf: [[otherOrg.id, 'staff']] });
    const mine = await myAccounts(k.coordinator);
    const [own, org] = [
      mine.find((a) => a.ownerType === 'person'),
      mine.find((a) => a.ownerType === 'organisation'),
    ];
    assert.ok(own && org);
    const otherOrgAccount = (await myAccounts(otherOrgStaff)).find((a) => a.ownerType === 'organisation');
    assert.ok(otherOrgAccount);
    accounts = {
      coordinator: own.id,
      org: org.id,
      helper: (await myAccounts(k.helper))[0]!.id,
      owner: (await myAccounts(k.owner))[0]!.id,
      otherOrg: otherOrgAccount.id,
    };
  });
  after(() => t.close());

  test('the coordinator gives the helper the need’s 90 minutes from her own account, once', async () => {
    const n = await claimedNeed('Einkauf bei der Apotheke', k.helper);
    assert.equal(n.abilities.credit, false, 'the helper is not offered to pay themselves');
    const seen = (
      await call(
        k.coordinator,
        'GET',
        `/${k.circleId}/needs?to=${new Date(Date.now() + 40 * 24 * hour).toISOString()}`,
      )
    )
      .json()
      .items.find((x: NeedView) => x.id === n.id);
    assert.equal(seen.abilities.credit, true);

    const res = await done(k.coordinator, n.id, { thanks: 'Danke!', credit: {} });
    assert.equal(res.statusCode, 200, res.body);
    assert.ok(res.json().doneAt);
    assert.deepEqual(res.json().credit, { minutes: 90, reversed: false });
    assert.equal(res.json().abilities.credit, false);
    assert.equal(await balance(k.coordinator, accounts.coordinator), -90);
    assert.equal(await balance(k.helper, accounts.helper), 90);

    // everyone who sees the need sees that it was credited
    for (const who of [k.viewer, k.helper, k.owner, k.professional]) {
      const list = await call(who, 'GET', `/${k.circleId}/needs`);
      const mine = list.json().items.find((x: NeedView) => x.id === n.id);
      assert.deepEqual(mine?.credit, { minutes: 90, reversed: false });
    }

    // marked done again (by the owner, or the coordinator once more): 409, and nothing is paid twice
    const again = await done(k.owner, n.id, { credit: { minutes: 30 } });
    assert.equal(again.statusCode, 409, again.body);
    assert.equal(again.json().code, 'circle.need_done');
    assert.equal((await done(k.coordinator, n.id, { credit: {} })).statusCode, 409);
    const paid = await needTransfers(n.id);
    assert.equal(paid.length, 1);
    assert.equal(paid[0]?.status, 'completed');
    assert.equal(paid[0]?.minutes, 90);
    assert.equal((await needRow(n.id)).credit_transfer_id, paid[0]?.id);
    assert.equal(await balance(k.helper, accounts.helper), 90);

    // the helper hears of the credit, with a link into the time bank
    const told = await t.db
      .selectFrom('notification')
      .selectAll()
      .where('account_id', '=', k.helper.id)
      .where('kind', '=', 'timebank.transfer_received')
      .execute();
    assert.equal(told.length, 1);
    assert.equal(told[0]?.link, `/zeitbank/ueberweisungen/${paid[0]?.id}`);
  });

  test('paid from the organisation’s account, the statements tell its staff nothing about the circle', async () => {
    const n = await claimedNeed('Begleitung zur Dialyse', k.helper, 120);
    const before = await balance(k.orgMember, accounts.org);
    const res = await done(k.coordinator, n.id, { credit: { payerAccountId: accounts.org, minutes: 45 } });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json().credit, { minutes: 45, reversed: false });
    assert.equal(await balance(k.orgMember, accounts.org), before - 45);

    // the organisation's admin (not in the circle) reads the statement, the transfer and the CSV
    const statement = await bank(k.orgMember, 'GET', `/accounts/${accounts.org}/statement`);
    assert.equal(statement.statusCode, 200);
    const line = statement.json().items[0];
    assert.equal(line.amount, -45);
    assert.equal(line.memo, '');
    assert.equal(line.sourceType, 'need');
    const transfer = await bank(k.orgMember, 'GET', `/transfers/${line.transferId}`);
    assert.equal(transfer.statusCode, 200);
    assert.equal(transfer.json().memo, '');
    const csv = await bank(k.orgMember, 'GET', `/accounts/${accounts.org}/statement.csv`);
    assert.match(csv.body, /Unterstützungskreis: Hilfe erledigt/);
    const csvEn = await bank(k.helper, 'GET', `/accounts/${accounts.helper}/statement.csv`, undefined, {
      'accept-language': 'en',
    });
    assert.match(csvEn.body, /Support circle: help given/);
    // an instance admin keeps the ledger healthy: balanced, and no word of the circle in what they read
    const health = await bank(k.instanceAdmin, 'GET', '/health');
    assert.equal(health.json().ok, true, health.body);
    const adminStatement = await bank(k.instanceAdmin, 'GET', `/accounts/${accounts.helper}/statement`);
    for (const body of [statement.body, transfer.body, csv.body, health.body, adminStatement.body]) {
      assert.doesNotMatch(body, /Dialyse|Apotheke|Herr K\./);
      assert.ok(!body.includes(k.circleId));
    }
    // the circle itself stays closed to them
    assert.equal((await call(k.orgMember, 'GET', `/${k.circleId}/needs`)).statusCode, 404);
  });

  test('when the account cannot cover it, nothing is marked done and the message says why', async () => {
    const n = await claimedNeed('Fahrt zum Facharzt', k.helper, 60);
    const own = await balance(k.coordinator, accounts.coordinator);
    const helperBefore = await balance(k.helper, accounts.helper);
    // a new person's account may go 600 minutes below zero; 1440 minutes are more than is left
    const res = await done(k.coordinator, n.id, { thanks: 'Danke', credit: { minutes: 1440 } });
    assert.equal(res.statusCode, 422, res.body);
    assert.equal(res.json().code, 'circle.credit_insufficient');
    assert.match(res.json().title, new RegExp(`nur noch ${600 + own} Minuten`));
    assert.equal(res.json().errors[0].field, '/credit/minutes');
    assert.deepEqual(res.json().available, { minutes: 600 + own });
    const row = await needRow(n.id);
    assert.equal(row.done_at, null);
    assert.equal(row.thanks, '');
    assert.equal(row.credit_transfer_id, null);
    assert.equal((await needTransfers(n.id)).length, 0);
    assert.equal(await balance(k.coordinator, accounts.coordinator), own);
    assert.equal(await balance(k.helper, accounts.helper), helperBefore);
    const thanked = await t.db
      .selectFrom('interaction')
      .select('id')
      .where('source_type', '=', 'care_need')
      .where('source_id', '=', n.id)
      .execute();
    assert.equal(thanked.length, 0, 'no care edge for a need that is not done');

    // with fewer minutes it goes through
    const ok = await done(k.coordinator, n.id, { credit: { minutes: 60 } });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(await balance(k.coordinator, accounts.coordinator), own - 60);
  });

  test('nobody pays from someone else’s account, and a helper or viewer gives no credit at all', async () => {
    const n = await claimedNeed('Wäsche abholen', k.helper);
    const refused = [
      // the coordinator may not pay from the owner's personal account, another organisation's, or one that does not exist
      [k.coordinator, { payerAccountId: accounts.owner }, 403, 'circle.credit_payer'],
      [k.coordinator, { payerAccountId: accounts.otherOrg }, 403, 'circle.credit_payer'],
      [k.coordinator, { payerAccountId: randomUUID() }, 403, 'circle.credit_payer'],
      // the helper (who may mark their own need done) and the viewer give no credit, from any account
      [k.helper, { payerAccountId: accounts.coordinator }, 403, 'forbidden'],
      [k.helper, {}, 403, 'forbidden'],
      [k.viewer, { payerAccountId: accounts.coordinator }, 403, 'forbidden'],
      [k.professional, {}, 403, 'forbidden'],
      // outside the circle: the need does not exist for them
      [k.orgMember, { payerAccountId: accounts.org }, 404, 'not_found'],
      [k.instanceAdmin, {}, 404, 'not_found'],
      [otherOrgStaff, { payerAccountId: accounts.otherOrg }, 404, 'not_found'],
      [null, {}, 404, 'not_found'],
    ] as const;
    for (const [who, credit, status, code] of refused) {
      const res = await done(who, n.id, { credit });
      assert.equal(res.statusCode, status, `${who?.displayName ?? 'anonymous'}: ${res.body}`);
      assert.equal(res.json().code, code);
    }
    assert.equal((await needRow(n.id)).done_at, null);
    assert.equal((await needTransfers(n.id)).length, 0);

    // the helper still marks their own help done, without a credit
    const own = await done(k.helper, n.id, { thanks: '' });
    assert.equal(own.statusCode, 200, own.body);
    assert.equal(own.json().credit, null);
  });

  test('a coordinator who helped themselves cannot credit themselves', async () => {
    const n = await claimedNeed('Rasen mähen', k.coordinator);
    const res = await done(k.coordinator, n.id, { credit: { payerAccountId: accounts.org } });
    assert.equal(res.statusCode, 422, res.body);
    assert.equal(res.json().code, 'circle.credit_self');
    assert.equal((await needRow(n.id)).done_at, null);
    assert.equal((await needTransfers(n.id)).length, 0);
  });

  test('each occurrence of a weekly need is credited on its own', async () => {
    const start = new Date(Date.now() - 2 * hour + 30 * 24 * hour);
    const created = await call(k.coordinator, 'POST', `/${k.circleId}/needs`, {
      kind: 'visit',
      title: 'Wöchentlicher Besuch',
      start: start.toISOString(),
      end: new Date(start.getTime() + hour).toISOString(),
      weekly: { until: new Date(start.getTime() + 8 * 24 * hour).toISOString().slice(0, 10) },
    });
    assert.equal(created.statusCode, 201, created.body);
    const items = created.json().items as { id: string }[];
    assert.equal(items.length, 2);
    for (const item of items) {
      assert.equal((await call(k.helper, 'POST', `/${k.circleId}/needs/${item.id}/claim`)).statusCode, 200);
      const res = await done(k.owner, item.id, { credit: { minutes: 30 } });
      assert.equal(res.statusCode, 200, res.body);
    }
    const transfers = await Promise.all(items.map((i) => needTransfers(i.id)));
    assert.deepEqual(
      transfers.map((x) => x.length),
      [1, 1],
    );
    assert.notEqual(transfers[0]?.[0]?.id, transfers[1]?.[0]?.id);
  });

  test('the time bank’s own route cannot tie a payment to a need', async () => {
    const n = await claimedNeed('Blumen gießen', k.helper);
    const res = await bank(
      k.coordinator,
      'POST',
      '/transfers',
      {
        payerAccountId: accounts.coordinator,
        payeeAccountId: accounts.helper,
        minutes: 5,
        source: { type: 'need', id: n.id },
      },
      { 'idempotency-key': randomUUID() },
    );
    assert.equal(res.statusCode, 400, res.body);
    assert.equal((await needTransfers(n.id)).length, 0);
    // and the need's one credit is still there to give
    const ok = await done(k.coordinator, n.id, { credit: { minutes: 15 } });
    assert.equal(ok.statusCode, 200, ok.body);
  });

  test('the owner’s export names the credits; the ledger still balances', async () => {
    const exported = await call(k.owner, 'GET', `/${k.circleId}/export`);
    assert.equal(exported.statusCode, 200);
    const needs = exported.json().needs as { title: string; creditMinutes: number | null }[];
    assert.equal(needs.find((x) => x.title === 'Einkauf bei der Apotheke')?.creditMinutes, 90);
    assert.equal(needs.find((x) => x.title === 'Wäsche abholen')?.creditMinutes, null);
    const health = await bank(k.instanceAdmin, 'GET', '/health');
    assert.equal(health.json().ok, true, health.body);
    assert.equal(health.json().balanceSum, 0);
  });
});
