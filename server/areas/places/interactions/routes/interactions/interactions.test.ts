import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { type Kysely, sql } from 'kysely';
import { createTestApp, type TestApp } from '../../../../../../test/helpers/app.ts';
import { createOrganisation, createUser, type TestUser } from '../../../../../../test/helpers/factories.ts';
import { loadConfig } from '../../../../../config.ts';
import * as confirmationMigration from '../../../../../db/migrations/20261126_1200_interaction_confirmation.ts';
import { recordInteraction } from '../../../../../platform/interactions.ts';
import { jobHandlers } from '../../../../../platform/job-handlers.ts';
import { runDueJobs } from '../../../../../platform/jobs.ts';

describe('interactions', () => {
  let t: TestApp;
  let aylin: TestUser;
  let herrK: TestUser;
  let paula: TestUser;
  let bakeryStaff: TestUser;
  let instanceAdmin: TestUser;
  let org: { id: string; name: string };
  before(async () => {
    t = await createTestApp();
    aylin = await createUser(t, { displayName: 'Aylin' });
    herrK = await createUser(t, { displayName: 'Herr K.' });
    paula = await createUser(t, { displayName: 'Paula' });
    org = await createOrganisation(t, { name: 'Bäckerei Yilmaz', kind: 'company', sector: 'business' });
    bakeryStaff = await createUser(t, { displayName: 'Deniz', memberOf: [[org.id, 'staff']] });
    instanceAdmin = await createUser(t, { displayName: 'Ingo', admin: true });
  });
  after(() => t.close());

  const record = (headers: TestUser['headers'] | undefined, payload: object) =>
    t.app.inject({ method: 'POST', url: '/api/v1/interactions', headers, payload });
  const mine = (headers?: TestUser['headers'], query = '') =>
    t.app.inject({ method: 'GET', url: `/api/v1/interactions/mine${query}`, headers });
  const confirm = (user: TestUser, id: string) =>
    t.app.inject({ method: 'POST', url: `/api/v1/interactions/${id}/confirm`, headers: user.headers });
  const remove = (user: TestUser, id: string) =>
    t.app.inject({ method: 'DELETE', url: `/api/v1/interactions/${id}`, headers: user.headers });
  const count = async () => (await t.db.selectFrom('interaction').select('id').execute()).length;
  const callWith = (user: TestUser, kind = 'phone_call') =>
    record(aylin.headers, { area: 'support', kind, mode: 'online', with: { type: 'person', id: user.id } });
  const requestsTo = async (user: TestUser) =>
    t.db
      .selectFrom('notification')
      .select(['params', 'link'])
      .where('account_id', '=', user.id)
      .where('kind', '=', 'interaction.confirmation_requested')
      .execute();
  const row = (id: string) =>
    t.db.selectFrom('interaction').select(['status', 'confirmed_at']).where('id', '=', id).executeTakeFirst();

  test('a person logs a meeting with an organisation: it counts at once and she sees it in her list', async () => {
    const res = await record(aylin.headers, {
      area: 'places',
      kind: 'meeting',
      mode: 'offline',
      with: { type: 'organisation', id: org.id },
      occurredAt: '2026-11-20T10:00:00.000Z',
    });
    assert.equal(res.statusCode, 201);
    assert.deepEqual(res.json(), {
      id: res.json().id,
      area: 'places',
      kind: 'meeting',
      mode: 'offline',
      with: { type: 'organisation', id: org.id, name: 'Bäckerei Yilmaz' },
      occurredAt: '2026-11-20T10:00:00.000Z',
      status: 'confirmed',
      loggedBy: 'me',
      abilities: { confirm: false, remove: true },
    });
    const page = (await mine(aylin.headers)).json();
    assert.equal(page.total, 1);
    assert.deepEqual(page.items[0], res.json());
    const log = await t.db
      .selectFrom('audit_log')
      .select('actor_id')
      .where('action', '=', 'interaction.recorded')
      .executeTakeFirstOrThrow();
    assert.equal(log.actor_id, aylin.id);
  });

  test('one logged with a person waits for that person: asked by a notification, it counts only once confirmed', async () => {
    const res = await callWith(herrK);
    assert.equal(res.statusCode, 201, res.body);
    const id = res.json().id;
    assert.equal(res.json().status, 'pending');
    assert.deepEqual(res.json().abilities, { confirm: false, remove: true }, 'she cannot confirm it herself');
    assert.deepEqual(await row(id), { status: 'pending', confirmed_at: null });
    const asked = await requestsTo(herrK);
    assert.equal(asked.length, 1);
    assert.deepEqual(asked[0]!.params, { name: 'Aylin', kind: 'phone_call' });
    assert.equal(asked[0]!.link, '/begegnungen');
    // he sees what he is asked to confirm, and by whom
    const his = (await mine(herrK.headers)).json();
    assert.equal(his.total, 1);
    assert.deepEqual(his.items[0].with, { type: 'person', id: aylin.id, name: 'Aylin' });
    assert.equal(his.items[0].status, 'pending');
    assert.equal(his.items[0].loggedBy, 'them');
    assert.deepEqual(his.items[0].abilities, { confirm: true, remove: true });
    // she logging yet another before he answered: refused, nothing written, he is not asked again
    const before = await count();
    const again = await callWith(herrK, 'visit');
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().code, 'interaction.pending_exists');
    assert.match(again.json().title, /Herr K\./);
    // a form shows it at the person picker
    assert.deepEqual(
      again.json().errors.map((e: { field: string }) => e.field),
      ['/with/id'],
    );
    assert.equal(await count(), before);
    assert.equal((await requestsTo(herrK)).length, 1);
    // only he confirms it
    const own = await confirm(aylin, id);
    assert.equal(own.statusCode, 403);
    assert.equal(own.json().code, 'interaction.confirm_own');
    const ok = await confirm(herrK, id);
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().status, 'confirmed');
    assert.deepEqual(ok.json().abilities, { confirm: false, remove: true });
    assert.equal((await row(id))?.status, 'confirmed');
    assert.ok((await row(id))?.confirmed_at);
    assert.equal((await confirm(herrK, id)).statusCode, 200, 'confirming twice changes nothing');
    const hers = (await mine(aylin.headers, '?status=confirmed')).json();
    assert.deepEqual(
      hers.items.map((i: { id: string }) => i.id),
      [id, hers.items[1].id],
      'newest first, both confirmed',
    );
    // now she may log the next one
    assert.equal((await callWith(herrK, 'visit')).statusCode, 201);
  });

  test('the person declines: it is gone for both, without a word to the one who logged it', async () => {
    const pending = (await mine(herrK.headers, '?status=pending')).json();
    assert.equal(pending.total, 1);
    const id = pending.items[0].id;
    const notesBefore = await t.db
      .selectFrom('notification')
      .select('id')
      .where('account_id', '=', aylin.id)
      .execute();
    const res = await remove(herrK, id);
    assert.equal(res.statusCode, 204);
    assert.equal(await row(id), undefined);
    assert.equal((await mine(aylin.headers, '?status=pending')).json().total, 0);
    assert.equal((await mine(herrK.headers, '?status=pending')).json().total, 0);
    const notesAfter = await t.db
      .selectFrom('notification')
      .select('id')
      .where('account_id', '=', aylin.id)
      .execute();
    assert.equal(notesAfter.length, notesBefore.length);
    const log = await t.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'interaction.removed')
      .where('entity_id', '=', id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(log.details, { status: 'pending', by: 'other' });
    assert.equal((await remove(herrK, id)).statusCode, 404);
    assert.equal((await confirm(herrK, id)).statusCode, 404);
  });

  const cooldowns = () =>
    t.db.selectFrom('interaction_cooldown').select(['requester_id', 'person_id', 'until']).execute();
  /** As if the cool-downs had begun 30 days and a second ago. */
  const endCooldowns = () =>
    sql`UPDATE interaction_cooldown SET until = now() - interval '1 second'`.execute(t.db);

  test('after he declined, she cannot ask him again for 30 days; others can, and so can she afterwards', async () => {
    const before = await count();
    const asked = (await requestsTo(herrK)).length;
    assert.deepEqual(
      (await cooldowns()).map((c) => [c.requester_id, c.person_id]),
      [[aylin.id, herrK.id]],
      'his "no" is remembered for the pair, and nothing else of it',
    );
    const days = ((await cooldowns())[0]!.until.getTime() - Date.now()) / 86_400_000;
    assert.ok(days > 29.9 && days <= 30, `${days} days`);
    const again = await callWith(herrK, 'visit');
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().code, 'interaction.declined_recently');
    assert.equal(
      again.json().title,
      'Herr K. hat vor Kurzem eine Begegnung abgelehnt, die Sie eingetragen hatten. Danach können Sie 30 Tage lang keine neue mit Herr K. eintragen; Herr K. kann eine Begegnung mit Ihnen aber selbst eintragen.',
    );
    assert.equal(again.headers['retry-after'], undefined, 'not when he said no');
    const english = await t.app.inject({
      method: 'POST',
      url: '/api/v1/interactions',
      headers: { ...aylin.headers, 'accept-language': 'en' },
      payload: { area: 'support', kind: 'visit', mode: 'online', with: { type: 'person', id: herrK.id } },
    });
    assert.equal(english.statusCode, 409);
    assert.match(
      english.json().title,
      /^Herr K\. recently declined an interaction you had logged\. For 30 days/,
    );
    assert.equal(await count(), before, 'nothing written');
    assert.equal((await requestsTo(herrK)).length, asked, 'he is not asked again');
    // someone else may ask him; withdrawing one's own request starts no cool-down
    const paulas = await record(paula.headers, {
      area: 'support',
      kind: 'visit',
      mode: 'offline',
      with: { type: 'person', id: herrK.id },
    });
    assert.equal(paulas.statusCode, 201, paulas.body);
    assert.equal((await requestsTo(herrK)).length, asked + 1);
    assert.equal((await remove(paula, paulas.json().id)).statusCode, 204);
    assert.equal((await cooldowns()).length, 1);
    // 30 days on, she may ask again; the daily clean-up forgets what is over
    await endCooldowns();
    const later = await callWith(herrK, 'visit');
    assert.equal(later.statusCode, 201, later.body);
    assert.equal((await requestsTo(herrK)).length, asked + 2);
    const prune = jobHandlers(loadConfig({ SEED: 'none', DATA_DIR: '/nonexistent' }))['maintenance.prune']!;
    await prune(t.db, { networkId: t.networkId, id: 0, payload: {}, attempt: 1 });
    assert.deepEqual(await cooldowns(), []);
    assert.equal((await remove(aylin, later.json().id)).statusCode, 204);
  });

  test('nobody else sees, confirms or removes it: not another person, not staff of the organisation, not admins', async () => {
    const pending = (await callWith(paula)).json().id as string;
    const withBakery = (await mine(aylin.headers))
      .json()
      .items.find((i: { with: { type: string } }) => i.with.type === 'organisation').id as string;
    for (const outsider of [herrK, bakeryStaff, instanceAdmin]) {
      const theirs = (await mine(outsider.headers)).json().items.map((i: { id: string }) => i.id);
      assert.ok(!theirs.includes(pending) && !theirs.includes(withBakery));
      for (const id of [pending, withBakery]) {
        assert.equal((await confirm(outsider, id)).statusCode, 404);
        assert.equal((await remove(outsider, id)).statusCode, 404);
      }
    }
    assert.equal((await confirm(paula, randomUUID())).statusCode, 404);
    assert.equal((await row(pending))?.status, 'pending');
    assert.ok(await row(withBakery));
    // the one who logged it may withdraw it
    assert.equal((await remove(aylin, pending)).statusCode, 204);
    assert.equal(await row(pending), undefined);
  });

  test('what an activity recorded counts at once and stays with it; a confirmation can be taken back', async () => {
    const loanId = randomUUID();
    await recordInteraction(t.db, {
      networkId: t.networkId,
      area: 'sharing',
      kind: 'loan',
      mode: 'offline',
      a: { type: 'person', id: paula.id },
      b: { type: 'person', id: herrK.id },
      source: { type: 'booking', id: loanId },
    });
    const loan = (await mine(paula.headers)).json().items.find((i: { kind: string }) => i.kind === 'loan');
    assert.equal(loan.status, 'confirmed');
    assert.equal(loan.loggedBy, null);
    assert.deepEqual(loan.abilities, { confirm: false, remove: false });
    const res = await remove(herrK, loan.id);
    assert.equal(res.statusCode, 409);
    assert.equal(res.json().code, 'interaction.not_by_hand');
    assert.equal((await confirm(herrK, loan.id)).statusCode, 200);
    // Herr K. takes back what he confirmed earlier
    const confirmed = (await mine(herrK.headers, '?status=confirmed'))
      .json()
      .items.find((i: { loggedBy: string | null }) => i.loggedBy === 'them');
    assert.equal((await remove(herrK, confirmed.id)).statusCode, 204);
    assert.equal(await row(confirmed.id), undefined);
    // taking back is a "no" too: Aylin, who had logged it, does not ask him again soon
    assert.equal((await callWith(herrK)).json().code, 'interaction.declined_recently');
    await endCooldowns();
  });

  test('unanswered for 30 days, it goes; a confirmed one stays', async () => {
    const waiting = (await callWith(paula)).json().id as string;
    const confirmed = (await callWith(herrK)).json().id as string;
    assert.equal((await confirm(herrK, confirmed)).statusCode, 200);
    const jobs = await t.db
      .selectFrom('job')
      .select(['payload', 'run_at'])
      .where('kind', '=', 'interaction.expire')
      .where('status', '=', 'pending')
      .execute();
    const due = jobs.find((j) => (j.payload as { interactionId: string }).interactionId === waiting);
    assert.ok(due);
    const days = (due.run_at.getTime() - Date.now()) / 86_400_000;
    assert.ok(days > 29.9 && days <= 30, `${days} days`);
    await sql`UPDATE job SET run_at = now() WHERE kind = 'interaction.expire' AND status = 'pending'`.execute(
      t.db,
    );
    const handlers = jobHandlers(loadConfig({ SEED: 'none', DATA_DIR: '/nonexistent' }));
    while ((await runDueJobs(t.db, handlers)) > 0);
    assert.equal(await row(waiting), undefined);
    assert.equal((await row(confirmed))?.status, 'confirmed');
  });

  test('the database refuses a person put into the graph unasked, and a second open request', async () => {
    const manual = (extra: object) =>
      t.db
        .insertInto('interaction')
        .values({
          network_id: t.networkId,
          area: 'places',
          kind: 'meeting',
          mode: 'offline',
          a_type: 'person',
          a_id: paula.id,
          b_type: 'person',
          b_id: aylin.id,
          source_type: 'manual',
          source_id: randomUUID(),
          ...extra,
        })
        .execute();
    const code = async (p: Promise<unknown>) => {
      try {
        await p;
        return 'written';
      } catch (err) {
        return (err as { code?: string }).code;
      }
    };
    assert.equal(await code(manual({})), '23514', 'without a status it would count: refused');
    assert.equal(await code(manual({ status: 'confirmed' })), '23514', 'confirmed without a confirmation');
    assert.equal(await code(manual({ status: 'pending' })), 'written');
    assert.equal(await code(manual({ status: 'pending' })), '23505', 'one open request per pair');
    assert.equal(
      await code(
        t.db
          .insertInto('interaction')
          .values({
            network_id: t.networkId,
            area: 'sharing',
            kind: 'loan',
            mode: 'offline',
            a_type: 'person',
            a_id: paula.id,
            b_type: 'person',
            b_id: herrK.id,
            status: 'pending',
          })
          .execute(),
      ),
      '23514',
      'only what is logged by hand waits',
    );
  });

  test('an interaction with oneself, with nobody, or in the future is refused and nothing is written', async () => {
    const before = await count();
    const self = await record(aylin.headers, {
      area: 'places',
      kind: 'meeting',
      mode: 'offline',
      with: { type: 'person', id: aylin.id },
    });
    assert.equal(self.statusCode, 422);
    assert.equal(self.json().code, 'interaction.self');
    assert.deepEqual(
      self.json().errors.map((e: { field: string }) => e.field),
      ['/with/id'],
    );
    const ghost = await record(aylin.headers, {
      area: 'places',
      kind: 'meeting',
      mode: 'offline',
      with: { type: 'organisation', id: herrK.id },
    });
    assert.equal(ghost.statusCode, 422);
    assert.equal(ghost.json().code, 'interaction.unknown_party');
    const future = await record(aylin.headers, {
      area: 'places',
      kind: 'meeting',
      mode: 'offline',
      with: { type: 'organisation', id: org.id },
      occurredAt: new Date(Date.now() + 7 * 24 * 3600_000).toISOString(),
    });
    assert.equal(future.statusCode, 422);
    for (const body of [
      { area: 'sport', kind: 'meeting', mode: 'offline', with: { type: 'person', id: herrK.id } },
      { area: 'places', kind: '', mode: 'offline', with: { type: 'person', id: herrK.id } },
      { area: 'places', kind: 'meeting', mode: 'telepathy', with: { type: 'person', id: herrK.id } },
      { area: 'places', kind: 'meeting', mode: 'offline', with: { type: 'group', id: herrK.id } },
      { area: 'places', kind: 'meeting', mode: 'offline', with: { type: 'person', id: herrK.id }, weight: 3 },
    ]) {
      assert.equal((await record(aylin.headers, body)).statusCode, 400, JSON.stringify(body));
    }
    assert.equal((await mine(aylin.headers, '?status=maybe')).statusCode, 400);
    assert.equal(await count(), before);
  });

  test('a blocked person cannot be chosen as counterpart', async () => {
    const blocked = await createUser(t);
    await t.db.updateTable('account').set({ blocked_at: new Date() }).where('id', '=', blocked.id).execute();
    const res = await record(aylin.headers, {
      area: 'places',
      kind: 'meeting',
      mode: 'offline',
      with: { type: 'person', id: blocked.id },
    });
    assert.equal(res.statusCode, 422);
    assert.equal((await requestsTo(blocked)).length, 0);
  });

  test('anonymous visitors get 401', async () => {
    const res = await record(undefined, {
      area: 'places',
      kind: 'meeting',
      mode: 'offline',
      with: { type: 'person', id: herrK.id },
    });
    assert.equal(res.statusCode, 401);
    assert.equal((await mine()).statusCode, 401);
    const id = randomUUID();
    assert.equal(
      (await t.app.inject({ method: 'POST', url: `/api/v1/interactions/${id}/confirm` })).statusCode,
      401,
    );
    assert.equal(
      (await t.app.inject({ method: 'DELETE', url: `/api/v1/interactions/${id}` })).statusCode,
      401,
    );
  });
});

describe('interactions logged with people before confirmation existed', () => {
  let t: TestApp;
  after(() => t?.close());

  test('become pending (the newest of each pair, older ones go) and expire like new ones; the rest stays', async () => {
    t = await createTestApp();
    const aylin = await createUser(t, { displayName: 'Aylin' });
    const herrK = await createUser(t, { displayName: 'Herr K.' });
    const org = await createOrganisation(t, { name: 'Tafel' });
    await confirmationMigration.down(t.ownerDb as unknown as Kysely<unknown>);
    const legacy = async (
      b: { type: 'person' | 'organisation'; id: string },
      day: number,
      source = 'manual',
    ) =>
      (
        await sql<{ id: string }>`
          INSERT INTO interaction (network_id, area, kind, mode, a_type, a_id, b_type, b_id, source_type, source_id, occurred_at, created_at)
          VALUES (${t.networkId}, 'support', 'visit', 'offline', 'person', ${aylin.id}, ${b.type}, ${b.id},
                  ${source}, ${randomUUID()}, ${`2026-11-${day}T10:00:00Z`}, ${`2026-11-${day}T10:00:00Z`})
          RETURNING id`.execute(t.db)
      ).rows[0]!.id;
    const older = await legacy({ type: 'person', id: herrK.id }, 10);
    const newer = await legacy({ type: 'person', id: herrK.id }, 12);
    const withOrg = await legacy({ type: 'organisation', id: org.id }, 11);
    const loan = await legacy({ type: 'person', id: herrK.id }, 9, 'booking');
    await confirmationMigration.up(t.ownerDb as unknown as Kysely<unknown>);
    const rows = await t.db.selectFrom('interaction').select(['id', 'status']).execute();
    const status = new Map(rows.map((r) => [r.id, r.status]));
    assert.equal(status.get(older), undefined);
    assert.equal(status.get(newer), 'pending');
    assert.equal(status.get(withOrg), 'confirmed');
    assert.equal(status.get(loan), 'confirmed');
    const jobs = await t.db
      .selectFrom('job')
      .select('payload')
      .where('kind', '=', 'interaction.expire')
      .execute();
    assert.deepEqual(
      jobs.map((j) => j.payload),
      [{ interactionId: newer }],
    );
    const his = (
      await t.app.inject({ method: 'GET', url: '/api/v1/interactions/mine', headers: herrK.headers })
    ).json();
    assert.deepEqual(
      his.items.map((i: { id: string; abilities: { confirm: boolean } }) => [i.id, i.abilities.confirm]),
      [
        [newer, true],
        [loan, false],
      ],
    );
  });
});
