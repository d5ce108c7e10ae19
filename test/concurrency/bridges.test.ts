import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { generateSuggestions } from '../../server/areas/places/bridges/commands/generateSuggestions.ts';
import type { TestApp } from '../helpers/app.ts';
import { makeSuggestion } from '../helpers/bridges.ts';
import { createOrganisation, createUser, type TestUser } from '../helpers/factories.ts';
import { createPostgresTestApp } from './postgres.ts';

/**
 * Bridges under concurrency (PostgreSQL, real parallel connections): the two sides saying yes at the
 * same moment introduce them exactly once; the coordinator's introduction racing a side's yes too;
 * two "yes, we met" at once record one meeting; two generation runs at once write each pair once.
 */
describe('bridges: every introduction exactly once (PostgreSQL)', () => {
  let t: TestApp;
  let coordinator: TestUser;
  const pairs: { a: TestUser; b: TestUser; id: string }[] = [];

  const call = (who: TestUser, url: string, payload?: object) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/places/bridges${url}`,
      headers: who.headers,
      ...(payload ? { payload } : {}),
    });
  const introductions = async (id: string) =>
    (
      await t.db
        .selectFrom('audit_log')
        .select('id')
        .where('entity_id', '=', id)
        .where('action', '=', 'bridge.introduced')
        .execute()
    ).length;
  const mailsAbout = async (who: TestUser[]) =>
    (
      await t.db
        .selectFrom('outbox_email')
        .select('id')
        .where(
          'to_address',
          'in',
          who.map((u) => u.email),
        )
        .execute()
    ).length;

  before(async () => {
    t = await createPostgresTestApp();
    coordinator = await createUser(t, { admin: true });
    for (let i = 0; i < 20; i++) {
      const x = await createOrganisation(t, { sector: 'business' });
      const y = await createOrganisation(t, { sector: 'civil_society' });
      const a = await createUser(t, { memberOf: [[x.id, 'admin']] });
      const b = await createUser(t, { memberOf: [[y.id, 'admin']] });
      const id = await makeSuggestion(t, { organisationId: x.id, other: { type: 'organisation', id: y.id } });
      pairs.push({ a, b, id });
    }
  });
  after(() => t.close());

  test('both sides say yes at once, twenty times: each pair is introduced exactly once, each side mailed once', async () => {
    const results = await Promise.all(
      pairs.slice(0, 10).flatMap((p) => [call(p.a, `/${p.id}/accept`), call(p.b, `/${p.id}/accept`)]),
    );
    assert.deepEqual(
      results.filter((r) => r.statusCode !== 200).map((r) => r.body),
      [],
    );
    for (const [i, p] of pairs.slice(0, 10).entries()) {
      const statuses = [results[2 * i]!.json().status, results[2 * i + 1]!.json().status].sort();
      assert.deepEqual(statuses, ['accepted', 'introduced'], 'one yes came first, the other introduced them');
      assert.equal(await introductions(p.id), 1);
      assert.equal(await mailsAbout([p.a, p.b]), 2);
    }
  });

  test('the coordinator introduces while the second side says yes: once, the loser is told', async () => {
    for (const p of pairs.slice(10, 20)) {
      const first = await call(p.a, `/${p.id}/accept`);
      assert.equal(first.statusCode, 200);
    }
    const results = await Promise.all(
      pairs
        .slice(10, 20)
        .flatMap((p) => [call(p.b, `/${p.id}/accept`), call(coordinator, `/${p.id}/introduce`)]),
    );
    for (const [i, p] of pairs.slice(10, 20).entries()) {
      const codes = [results[2 * i]!, results[2 * i + 1]!].map((r) => r.statusCode).sort();
      assert.deepEqual(codes, [200, 409]);
      const refused = [results[2 * i]!, results[2 * i + 1]!].find((r) => r.statusCode === 409)!;
      assert.equal(refused.json().code, 'bridge.introduced_already');
      assert.equal(await introductions(p.id), 1);
      assert.equal(await mailsAbout([p.a, p.b]), 2);
    }
  });

  test('both sides answer "yes, we met" at once: one meeting in the record', async () => {
    const p = pairs[0]!;
    await t.db
      .updateTable('bridge_suggestion')
      .set({ follow_up_asked_at: new Date(), followed_up_at: new Date() })
      .where('id', '=', p.id)
      .execute();
    const results = await Promise.all([
      call(p.a, `/${p.id}/follow-up`, { met: true }),
      call(p.b, `/${p.id}/follow-up`, { met: true }),
    ]);
    assert.deepEqual(
      results.map((r) => r.statusCode),
      [200, 200],
    );
    const met = await t.db
      .selectFrom('interaction')
      .select('id')
      .where('source_type', '=', 'bridge_suggestion')
      .where('source_id', '=', p.id)
      .execute();
    assert.equal(met.length, 1);
    const row = await t.db
      .selectFrom('bridge_suggestion')
      .select(['outcome', 'a_met', 'b_met', 'outcome_interaction_id'])
      .where('id', '=', p.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { outcome: 'met', a_met: true, b_met: true, outcome_interaction_id: met[0]!.id });
  });

  test('two generation runs at once: each pair written once, neither fails', async () => {
    const owner = await createOrganisation(t, { sector: 'public' });
    const admin = await createUser(t, { memberOf: [[owner.id, 'admin']] });
    const room = await t.app.inject({
      method: 'POST',
      url: '/api/v1/resources',
      headers: admin.headers,
      payload: { organisationId: owner.id, kind: 'room', title: 'Ratssaal', whoMayBorrow: 'everyone' },
    });
    assert.equal(room.statusCode, 201, room.body);
    for (let i = 0; i < 5; i++) {
      const seeker = await createOrganisation(t, { sector: 'faith' });
      const u = await createUser(t, { memberOf: [[seeker.id, 'admin']] });
      const want = await t.app.inject({
        method: 'POST',
        url: '/api/v1/exchange/posts',
        headers: u.headers,
        payload: { kind: 'want', category: 'other', title: 'Raum für den Chor', organisationId: seeker.id },
      });
      assert.equal(want.statusCode, 201, want.body);
    }
    const runs = await Promise.all([1, 2, 3].map(() => generateSuggestions(t.db, t.networkId)));
    assert.equal(
      runs.reduce((n, r) => n + r.created, 0),
      3,
      'the room owner gets three suggestions waiting at most, written by whichever run came first',
    );
    const rows = await t.db
      .selectFrom('bridge_suggestion')
      .select(['organisation_id', 'other_id'])
      .where('offer_title', '=', 'Ratssaal')
      .execute();
    assert.equal(rows.length, 3);
    assert.equal(new Set(rows.map((r) => `${r.organisation_id}|${r.other_id}`)).size, 3);
  });
});
