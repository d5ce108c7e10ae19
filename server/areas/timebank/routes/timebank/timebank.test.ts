import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../../../../test/helpers/app.ts';
import { createOrganisation, createUser, type TestUser } from '../../../../../test/helpers/factories.ts';

describe('time bank', () => {
  let t: TestApp;
  let admin: TestUser;
  let jonas: TestUser;
  let petra: TestUser;
  let stranger: TestUser;
  let workshop: { id: string; name: string };
  let jonasAccount: string;
  let workshopAccount: string;
  let poolAccount: string;

  const inject = (
    user: TestUser | null,
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    payload?: object,
    extra: Record<string, string> = {},
  ) =>
    t.app.inject({
      method,
      url: `/api/v1/timebank${url}`,
      headers: { ...(user?.headers ?? {}), ...extra },
      ...(payload ? { payload } : {}),
    });
  const key = () => ({ 'idempotency-key': randomUUID() });
  const pay = (user: TestUser, payer: string, payee: string, minutes: number, memo = '', k = key()) =>
    inject(user, 'POST', '/transfers', { payerAccountId: payer, payeeAccountId: payee, minutes, memo }, k);
  const balance = async (user: TestUser, id: string) =>
    (await inject(user, 'GET', `/accounts/${id}`)).json().balance;

  before(async () => {
    t = await createTestApp();
    workshop = await createOrganisation(t, { name: 'Fahrradwerkstatt Nord' });
    admin = await createUser(t, { admin: true });
    jonas = await createUser(t, { displayName: 'Jonas' });
    petra = await createUser(t, { displayName: 'Petra', memberOf: [[workshop.id, 'staff']] });
    stranger = await createUser(t);
    jonasAccount = (await inject(jonas, 'GET', '/accounts/mine')).json().items[0].id;
    const mine = (await inject(petra, 'GET', '/accounts/mine')).json().items;
    workshopAccount = mine.find((a: { ownerType: string }) => a.ownerType === 'organisation').id;
    const pool = (await inject(admin, 'GET', '/accounts/lookup?pool=true')).json();
    poolAccount = pool.id;
    // the pool grants Jonas his first hours (for volunteering elsewhere)
    const grant = await pay(admin, poolAccount, jonasAccount, 180, 'Ehrenamt im Stadtteilzentrum');
    assert.equal(grant.statusCode, 201, grant.body);
  });
  after(() => t.close());

  test('paying moves the credits at once and both statements show it with a running balance', async () => {
    const res = await pay(jonas, jonasAccount, workshopAccount, 90, 'Fahrrad repariert');
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().status, 'completed');
    assert.equal(await balance(jonas, jonasAccount), 90);
    assert.equal(await balance(petra, workshopAccount), 90);
    const st = (await inject(jonas, 'GET', `/accounts/${jonasAccount}/statement`)).json();
    assert.deepEqual(
      st.items.map((l: { amount: number; balanceAfter: number }) => [l.amount, l.balanceAfter]),
      [
        [-90, 90],
        [180, 180],
      ],
    );
    assert.equal(st.items[0].counterparty.name, 'Fahrradwerkstatt Nord');
    assert.equal(st.items[1].counterparty.ownerType, 'pool');
    const csv = await inject(jonas, 'GET', `/accounts/${jonasAccount}/statement.csv`);
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    assert.equal(lines[0], 'Datum;Art;Gegenkonto;Verwendungszweck;Minuten;Saldo');
    assert.match(lines[2] ?? '', /Fahrradwerkstatt Nord;Fahrrad repariert;-90;90$/);
    // the exchange is an edge in the community graph, and the workshop's staff were told
    const edge = await t.db
      .selectFrom('interaction')
      .selectAll()
      .where('source_id', '=', res.json().id)
      .executeTakeFirst();
    assert.equal(edge?.kind, 'timebank_transfer');
    const note = await t.db
      .selectFrom('notification')
      .select('kind')
      .where('account_id', '=', petra.id)
      .where('kind', '=', 'timebank.transfer_received')
      .executeTakeFirst();
    assert.ok(note);
  });

  test('a transfer may name the booking, offer or shift it pays for; one that does not exist is refused', async () => {
    const missing = await inject(
      jonas,
      'POST',
      '/transfers',
      {
        payerAccountId: jonasAccount,
        payeeAccountId: workshopAccount,
        minutes: 10,
        source: { type: 'booking', id: randomUUID() },
      },
      key(),
    );
    assert.equal(missing.statusCode, 422);
    assert.equal(missing.json().code, 'timebank.source_not_found');
    for (const type of ['offer', 'shift']) {
      const res = await inject(
        jonas,
        'POST',
        '/transfers',
        {
          payerAccountId: jonasAccount,
          payeeAccountId: workshopAccount,
          minutes: 10,
          source: { type, id: randomUUID() },
        },
        key(),
      );
      assert.equal(res.statusCode, 422, type);
      assert.equal(res.json().code, 'timebank.source_not_found');
    }
    const post = await t.app.inject({
      method: 'POST',
      url: '/api/v1/exchange/posts',
      headers: petra.headers,
      payload: { kind: 'offer', category: 'help', title: 'Fahrradreparatur', timeCreditMinutes: 10 },
    });
    assert.equal(post.statusCode, 201, post.body);
    const offer = { type: 'offer', id: post.json().id };
    const ok = await inject(
      jonas,
      'POST',
      '/transfers',
      { payerAccountId: jonasAccount, payeeAccountId: workshopAccount, minutes: 10, source: offer },
      key(),
    );
    assert.equal(ok.statusCode, 201, ok.body);
    assert.deepEqual(ok.json().source, offer);
  });

  test('a shift may be named only by those who may see it: one of a draft is answered like a missing one', async () => {
    const api = (user: TestUser, method: 'POST' | 'PATCH', url: string, payload: object) =>
      t.app.inject({ method, url: `/api/v1${url}`, headers: user.headers, payload });
    const opportunity = await api(petra, 'POST', '/opportunities', {
      level: 'regular',
      title: 'Werkstattabend (noch geheim)',
      mode: 'on_site',
      organisationIds: [workshop.id],
      status: 'draft',
    });
    assert.equal(opportunity.statusCode, 201, opportunity.body);
    const start = Date.now() + 5 * 86_400_000;
    const shift = await api(petra, 'POST', `/opportunities/${opportunity.json().id}/shifts`, {
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(start + 7_200_000).toISOString(),
      capacity: 4,
    });
    assert.equal(shift.statusCode, 201, shift.body);
    const source = { type: 'shift', id: shift.json().id };
    const payFor = (user: TestUser, payer: string, payee: string) =>
      inject(
        user,
        'POST',
        '/transfers',
        { payerAccountId: payer, payeeAccountId: payee, minutes: 5, source },
        key(),
      );
    const before = await balance(jonas, jonasAccount);
    // Jonas cannot tell this shift from one that does not exist
    const probe = await payFor(jonas, jonasAccount, workshopAccount);
    assert.equal(probe.statusCode, 422, probe.body);
    assert.equal(probe.json().code, 'timebank.source_not_found');
    assert.equal(await balance(jonas, jonasAccount), before, 'nothing moved');
    // the workshop's own staff see their draft and may name it
    const own = await payFor(petra, workshopAccount, jonasAccount);
    assert.equal(own.statusCode, 201, own.body);
    assert.deepEqual(own.json().source, source);
    // once published, everyone may
    const published = await api(petra, 'PATCH', `/opportunities/${opportunity.json().id}`, {
      status: 'published',
    });
    assert.equal(published.statusCode, 200, published.body);
    const after = await payFor(jonas, jonasAccount, workshopAccount);
    assert.equal(after.statusCode, 201, after.body);
  });

  test('a payment beyond the credit limit is refused with what is still available, and nothing moves', async () => {
    const before = await balance(jonas, jonasAccount);
    const res = await pay(jonas, jonasAccount, workshopAccount, before + 600 + 1);
    assert.equal(res.statusCode, 422);
    assert.equal(res.json().code, 'timebank.insufficient_credit');
    assert.match(res.json().title, new RegExp(`${before + 600} Minuten`));
    assert.deepEqual(res.json().available, { minutes: before + 600 });
    assert.equal(await balance(jonas, jonasAccount), before);
  });

  test('the same idempotency key twice gives one transfer and the same answer; another body is refused', async () => {
    const k = key();
    const first = await pay(jonas, jonasAccount, workshopAccount, 15, 'Schlauch', k);
    const second = await pay(jonas, jonasAccount, workshopAccount, 15, 'Schlauch', k);
    assert.equal(first.statusCode, 201);
    assert.equal(second.statusCode, 201);
    assert.deepEqual(second.json(), first.json());
    assert.equal(second.headers['idempotent-replayed'], 'true');
    const n = await t.db
      .selectFrom('timebank_transfer')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('idempotency_key', '=', k['idempotency-key'])
      .executeTakeFirstOrThrow();
    assert.equal(n.n, 1);
    const other = await pay(jonas, jonasAccount, workshopAccount, 20, 'Schlauch', k);
    assert.equal(other.statusCode, 422);
    assert.equal(other.json().code, 'timebank.idempotency_mismatch');
    const none = await inject(jonas, 'POST', '/transfers', {
      payerAccountId: jonasAccount,
      payeeAccountId: workshopAccount,
      minutes: 5,
    });
    assert.equal(none.statusCode, 400);
    assert.equal(none.json().code, 'timebank.idempotency_key_required');
  });

  test('the receiver asks, the payer is notified and confirms; a second decision is refused', async () => {
    const before = await balance(jonas, jonasAccount);
    const req = await pay(petra, jonasAccount, workshopAccount, 30, 'Bremsen eingestellt');
    assert.equal(req.statusCode, 201, req.body);
    assert.equal(req.json().status, 'requested');
    assert.equal(await balance(jonas, jonasAccount), before);
    const note = await t.db
      .selectFrom('notification')
      .select('link')
      .where('account_id', '=', jonas.id)
      .where('kind', '=', 'timebank.transfer_requested')
      .executeTakeFirst();
    assert.equal(note?.link, `/zeitbank/ueberweisungen/${req.json().id}`);
    const pending = (
      await inject(jonas, 'GET', `/accounts/${jonasAccount}/transfers?status=requested`)
    ).json();
    assert.equal(pending.items[0].id, req.json().id);
    assert.equal(pending.items[0].abilities.confirm, true);
    // the receiver cannot confirm its own request
    const selfConfirm = await inject(petra, 'POST', `/transfers/${req.json().id}/confirm`);
    assert.equal(selfConfirm.statusCode, 403);
    const ok = await inject(jonas, 'POST', `/transfers/${req.json().id}/confirm`);
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().status, 'completed');
    assert.equal(await balance(jonas, jonasAccount), before - 30);
    const again = await inject(jonas, 'POST', `/transfers/${req.json().id}/decline`);
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().code, 'timebank.not_requested');
  });

  test('a declined or withdrawn request moves nothing', async () => {
    const before = await balance(jonas, jonasAccount);
    const a = await pay(petra, jonasAccount, workshopAccount, 10);
    const declined = await inject(jonas, 'POST', `/transfers/${a.json().id}/decline`);
    assert.equal(declined.json().status, 'declined');
    const b = await pay(petra, jonasAccount, workshopAccount, 10);
    const cancelled = await inject(petra, 'POST', `/transfers/${b.json().id}/cancel`);
    assert.equal(cancelled.json().status, 'cancelled');
    assert.equal(await balance(jonas, jonasAccount), before);
  });

  test('nobody else sees a balance or pays from someone else’s account', async () => {
    const peek = await inject(stranger, 'GET', `/accounts/${jonasAccount}`);
    assert.equal(peek.statusCode, 404);
    const lookup = (await inject(stranger, 'GET', `/accounts/lookup?personId=${jonas.id}`)).json();
    assert.equal(lookup.id, jonasAccount);
    assert.equal(lookup.balance, undefined);
    assert.equal(lookup.abilities.request, false);
    const steal = await pay(stranger, jonasAccount, workshopAccount, 5);
    assert.equal(steal.statusCode, 403);
    const anon = await inject(null, 'GET', `/accounts/${jonasAccount}/statement`);
    assert.equal(anon.statusCode, 401);
  });

  test('an admin reverses a transfer with a reversal entry; the ledger stays healthy and counts it', async () => {
    const before = await balance(jonas, jonasAccount);
    const p = await pay(jonas, jonasAccount, workshopAccount, 25, 'versehentlich');
    const denied = await inject(jonas, 'POST', `/transfers/${p.json().id}/reverse`, { reason: 'Irrtum' });
    assert.equal(denied.statusCode, 403);
    const r = await inject(admin, 'POST', `/transfers/${p.json().id}/reverse`, { reason: 'Irrtum' });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json().status, 'reversed');
    assert.equal(await balance(jonas, jonasAccount), before);
    const twice = await inject(admin, 'POST', `/transfers/${p.json().id}/reverse`, { reason: 'Irrtum' });
    assert.equal(twice.statusCode, 409);
    const st = (await inject(jonas, 'GET', `/accounts/${jonasAccount}/statement`)).json();
    assert.equal(st.items[0].kind, 'reversal');
    assert.equal(st.items[0].amount, 25);
    const health = await inject(admin, 'GET', '/health');
    assert.equal(health.statusCode, 200);
    assert.equal(health.json().ok, true);
    assert.equal(health.json().balanceSum, 0);
    assert.equal(health.json().reversals, 1);
    assert.equal((await inject(jonas, 'GET', '/health')).statusCode, 403);
  });

  test('a reversal that would take the receiver below its limit says what the receiver can still give back', async () => {
    const giver = await createUser(t, { displayName: 'Gabi' });
    const taker = await createUser(t, { displayName: 'Tarek' });
    const giverAccount = (await inject(giver, 'GET', '/accounts/mine')).json().items[0].id;
    const takerAccount = (await inject(taker, 'GET', '/accounts/mine')).json().items[0].id;
    const p = await pay(giver, giverAccount, takerAccount, 100);
    assert.equal(p.statusCode, 201, p.body);
    // Tarek spends all he may: 100 received plus his limit of 600, less 30 he keeps
    assert.equal((await pay(taker, takerAccount, workshopAccount, 670)).statusCode, 201);
    const r = await inject(admin, 'POST', `/transfers/${p.json().id}/reverse`, { reason: 'Irrtum' });
    assert.equal(r.statusCode, 422);
    assert.equal(r.json().code, 'timebank.reversal_overdraws');
    assert.deepEqual(r.json().available, { minutes: 30 });
  });

  test('a credit limit cannot be set below the current debt', async () => {
    const spend = await pay(jonas, jonasAccount, workshopAccount, (await balance(jonas, jonasAccount)) + 100);
    assert.equal(spend.statusCode, 201);
    const tooLow = await inject(admin, 'PATCH', `/accounts/${jonasAccount}`, { creditLimit: 50 });
    assert.equal(tooLow.statusCode, 422);
    assert.equal(tooLow.json().code, 'timebank.limit_below_balance');
    // the lowest limit it can take, as a field
    assert.deepEqual(tooLow.json().available, { lowestLimit: 100 });
    const ok = await inject(admin, 'PATCH', `/accounts/${jonasAccount}`, { creditLimit: 100 });
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.json().available, 0);
    // null, as the schema allows it: back to a person's default limit (600), not unlimited
    const reset = await inject(admin, 'PATCH', `/accounts/${jonasAccount}`, { creditLimit: null });
    assert.equal(reset.statusCode, 200, reset.body);
    assert.equal(reset.json().creditLimit, 600);
    assert.equal(reset.json().available, 500);
    assert.equal(
      (await inject(jonas, 'PATCH', `/accounts/${jonasAccount}`, { creditLimit: 900 })).statusCode,
      403,
    );
  });

  test('a payment names the payer as they are called now, right after a rename', async () => {
    const amira = await createUser(t, { displayName: 'Amira' });
    const gul = await createUser(t, { displayName: 'Gül' });
    const amiraAccount = (await inject(amira, 'GET', '/accounts/mine')).json().items[0].id;
    const gulAccount = (await inject(gul, 'GET', '/accounts/mine')).json().items[0].id;
    const lastNotice = async () =>
      (
        await t.db
          .selectFrom('notification')
          .select('params')
          .where('account_id', '=', gul.id)
          .orderBy('created_at', 'desc')
          .orderBy('id', 'desc')
          .executeTakeFirstOrThrow()
      ).params as { from?: string };
    const first = await pay(amira, amiraAccount, gulAccount, 1);
    assert.equal(first.statusCode, 201, first.body);
    assert.equal((await lastNotice()).from, 'Amira'); // the owners of both accounts are remembered now
    const renamed = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: amira.headers,
      payload: { displayName: 'Amira S.' },
    });
    assert.equal(renamed.statusCode, 200, renamed.body);
    const res = await pay(amira, amiraAccount, gulAccount, 1);
    assert.equal(res.json().payer.name, 'Amira S.');
    assert.equal((await lastNotice()).from, 'Amira S.');
  });

  test('balances move only with the journal, and a transfer only by its status moves, even for the owner', async () => {
    const db = t.ownerDb;
    const before = await balance(jonas, jonasAccount);
    const balanceOnlyByJournal = /balance moves only with journal lines/;
    await assert.rejects(
      sql`UPDATE timebank_account SET balance = balance + 60`.execute(db),
      balanceOnlyByJournal,
    );
    // the journal's flag set by hand does not open the door: the change must come from its trigger
    await assert.rejects(
      db.transaction().execute(async (tx) => {
        await sql`SET LOCAL knotenpunkt.journal_applies = 'on'`.execute(tx);
        await sql`UPDATE timebank_account SET balance = 10000 WHERE id = ${jonasAccount}`.execute(tx);
      }),
      balanceOnlyByJournal,
    );
    await assert.rejects(
      sql`UPDATE timebank_account SET person_id = ${petra.id} WHERE id = ${jonasAccount}`.execute(db),
      /never changes/,
    );
    await assert.rejects(
      sql`INSERT INTO timebank_account (network_id, owner_type, person_id, credit_limit, balance)
        VALUES (${t.networkId}, 'person', ${stranger.id}, 600, 500)`.execute(db),
      /starts at a balance of 0/,
    );
    // what an admin may change: the credit limit
    await sql`UPDATE timebank_account SET credit_limit = credit_limit + 1 WHERE id = ${jonasAccount}`.execute(
      db,
    );
    assert.equal(await balance(jonas, jonasAccount), before);

    const paid = (await pay(admin, poolAccount, jonasAccount, 15, 'Nachbarschaftshilfe')).json();
    assert.equal(paid.status, 'completed');
    await assert.rejects(
      sql`UPDATE timebank_transfer SET minutes = minutes * 10 WHERE id = ${paid.id}`.execute(db),
      /changes only its status/,
    );
    await assert.rejects(
      sql`UPDATE timebank_transfer SET status = 'requested', entry_id = NULL WHERE id = ${paid.id}`.execute(
        db,
      ),
      /cannot move from completed to requested/,
    );
    await assert.rejects(
      sql`UPDATE timebank_transfer SET decided_at = now() - interval '1 day' WHERE id = ${paid.id}`.execute(
        db,
      ),
      /stays as it is/,
    );
    await assert.rejects(
      sql`DELETE FROM timebank_transfer WHERE id = ${paid.id}`.execute(db),
      /never deleted/,
    );
    await assert.rejects(sql`TRUNCATE timebank_transfer CASCADE`.execute(db), /append-only/);
    // the moves the commands make still go through: request → declined, completed → reversed
    const asked = (await pay(petra, jonasAccount, workshopAccount, 5, 'Ventil')).json();
    assert.equal(asked.status, 'requested');
    const declined = await inject(jonas, 'POST', `/transfers/${asked.id}/decline`);
    assert.equal(declined.statusCode, 200, declined.body);
    const reversed = await inject(admin, 'POST', `/transfers/${paid.id}/reverse`, {
      reason: 'doppelt gebucht',
    });
    assert.equal(reversed.statusCode, 200, reversed.body);
    assert.equal(await balance(jonas, jonasAccount), before);
  });

  test('the journal is append-only and every entry must balance', async () => {
    // as the owner of the tables, who holds every privilege: the triggers refuse (the app's own role
    // may not even try, see test/integration/ledger-roles.test.ts)
    await assert.rejects(sql`UPDATE timebank_line SET amount = amount * 2`.execute(t.ownerDb), /append-only/);
    await assert.rejects(sql`DELETE FROM timebank_entry`.execute(t.ownerDb), /append-only/);
    await assert.rejects(
      t.db.transaction().execute(async (tx) => {
        const e = await tx
          .insertInto('timebank_entry')
          .values({ network_id: t.networkId, kind: 'transfer', created_by: null, reverses_entry_id: null })
          .returning('id')
          .executeTakeFirstOrThrow();
        await tx
          .insertInto('timebank_line')
          .values({
            network_id: t.networkId,
            entry_id: e.id,
            line_no: 1,
            account_id: jonasAccount,
            amount: 60,
          })
          .execute();
      }),
      /unbalanced/,
    );
    const health = (await inject(admin, 'GET', '/health')).json();
    assert.equal(health.ok, true);
  });
});
