import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { TestApp } from '../helpers/app.ts';
import { makeProject } from '../helpers/codesign.ts';
import { createOrganisation, createUser, type TestUser } from '../helpers/factories.ts';
import { createPostgresTestApp } from './postgres.ts';

/**
 * Dot voting under load on PostgreSQL: 100 people placing dots at once, and one person firing 30
 * requests at once that together would pass their budget. The budget is never passed, each person is
 * counted once, the counters equal the dots, and nothing comes in after closing.
 */
describe('codesign votes under concurrency (PostgreSQL)', () => {
  let t: TestApp;
  let staff: TestUser;
  let orgId: string;

  const call = (who: TestUser, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    t.app.inject({
      method,
      url: `/api/v1/codesign/votes${url}`,
      headers: who.headers,
      ...(payload ? { payload } : {}),
    });

  async function dotsTool(config: Record<string, unknown>, closesAt?: Date) {
    const p = await makeProject(t, {
      lead: orgId,
      tools: [{ kind: 'dots', config, ...(closesAt ? { closesAt } : {}) }],
    });
    const ids: string[] = [];
    for (const title of ['Abends offen', 'Termine per Telefon', 'Spielecke', 'Mehrere Sprachen']) {
      const r = await call(staff, 'POST', `/${p.tools.dots}/options`, { title });
      assert.equal(r.statusCode, 201, r.body);
      ids.push(r.json().options.at(-1).id);
    }
    return { projectId: p.id, toolId: p.tools.dots, optionIds: ids };
  }

  /** Per participant: the counter and the sum of their dots, straight from the tables. */
  async function ledger(toolId: string) {
    const budgets = await t.db
      .selectFrom('codesign_dot_budget')
      .select(['participant_id', 'used'])
      .where('tool_id', '=', toolId)
      .execute();
    const dots = await t.db
      .selectFrom('codesign_dot')
      .select(['participant_id', (eb) => eb.fn.sum<number>('count').as('sum')])
      .where('tool_id', '=', toolId)
      .groupBy('participant_id')
      .execute();
    const sums = new Map(dots.map((d) => [d.participant_id, Number(d.sum)]));
    return budgets.map((b) => ({
      participant: b.participant_id,
      used: b.used,
      dots: sums.get(b.participant_id) ?? 0,
    }));
  }

  before(async () => {
    t = await createPostgresTestApp();
    orgId = (await createOrganisation(t, { name: 'Caritas' })).id;
    staff = await createUser(t, { memberOf: [[orgId, 'staff']] });
  });
  after(() => t.close());

  test('100 people place their dots at once: every dot counted, every person once', async () => {
    const { toolId, optionIds } = await dotsTool({ budget: 3, maxPerOption: 2 });
    const people: TestUser[] = [];
    for (let i = 0; i < 100; i++) people.push(await createUser(t, { displayName: `Person ${i + 1}` }));
    // each person: three dots in parallel (two on one option, one on the next), all 300 requests at once
    const requests = people.flatMap((u, i) => {
      const first = optionIds[i % optionIds.length] ?? '';
      const second = optionIds[(i + 1) % optionIds.length] ?? '';
      return [first, first, second].map((optionId) =>
        call(u, 'POST', `/${toolId}/dots`, { change: 'place', optionId }),
      );
    });
    const answers = await Promise.all(requests);
    const codes = answers.map((r) => r.statusCode);
    assert.deepEqual(
      codes.filter((c) => c !== 200),
      [],
      answers.find((r) => r.statusCode !== 200)?.body,
    );
    const rows = await ledger(toolId);
    assert.equal(rows.length, 100, 'one budget row per person');
    for (const r of rows) assert.deepEqual([r.used, r.dots], [3, 3]);
    const participants = await t.db
      .selectFrom('codesign_participant as p')
      .innerJoin('codesign_tool as tl', 'tl.project_id', 'p.project_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tl.id', '=', toolId)
      .executeTakeFirstOrThrow();
    assert.equal(
      Number(participants.n),
      100,
      'each person joined once, though they voted three times at once',
    );
    const view = (await call(staff, 'GET', `/${toolId}`)).json();
    assert.equal(view.voters, 100);
    assert.equal(
      view.options.reduce((s: number, o: { total: number }) => s + o.total, 0),
      300,
    );
  });

  test('one person fires 30 requests at once: the budget holds', async () => {
    const { toolId, optionIds } = await dotsTool({ budget: 5, maxPerOption: 3 });
    const jonas = await createUser(t, { displayName: 'Jonas' });
    // 30 placements over four options (up to 3 each would allow 12; the budget allows 5), moves among them
    const requests = Array.from({ length: 30 }, (_, i) => {
      const optionId = optionIds[i % optionIds.length] ?? '';
      if (i % 5 === 4)
        return call(jonas, 'POST', `/${toolId}/dots`, {
          change: 'move',
          fromOptionId: optionId,
          toOptionId: optionIds[(i + 1) % optionIds.length],
        });
      return call(jonas, 'POST', `/${toolId}/dots`, { change: 'place', optionId, count: 1 + (i % 2) });
    });
    const answers = await Promise.all(requests);
    for (const r of answers) assert.ok([200, 409].includes(r.statusCode), `${r.statusCode} ${r.body}`);
    assert.ok(answers.some((r) => r.statusCode === 409 && /alle 5 Punkte/.test(r.json().title)));
    const [row, ...others] = await ledger(toolId);
    assert.equal(others.length, 0);
    assert.ok(row);
    assert.ok(row.used <= 5, `used ${row.used}`);
    assert.equal(row.used, row.dots);
    assert.equal(row.used, 5, 'the budget is spent exactly');
    const perOption = await t.db
      .selectFrom('codesign_dot')
      .select('count')
      .where('tool_id', '=', toolId)
      .execute();
    for (const d of perOption) assert.ok(d.count <= 3);
  });

  test('no votes after closing, even while requests are in flight', async () => {
    const { toolId, optionIds } = await dotsTool({ budget: 5 }, new Date(Date.now() + 60_000));
    const people: TestUser[] = [];
    for (let i = 0; i < 10; i++) people.push(await createUser(t));
    const before = await Promise.all(
      people.map((u) => call(u, 'POST', `/${toolId}/dots`, { change: 'place', optionId: optionIds[0] })),
    );
    assert.ok(before.every((r) => r.statusCode === 200));
    await t.db
      .updateTable('codesign_tool')
      .set({ closes_at: new Date(Date.now() - 1) })
      .where('id', '=', toolId)
      .execute();
    const late = await Promise.all(
      people.map((u) => call(u, 'POST', `/${toolId}/dots`, { change: 'place', optionId: optionIds[1] })),
    );
    assert.deepEqual(
      late.map((r) => r.statusCode),
      people.map(() => 409),
    );
    const rows = await ledger(toolId);
    assert.ok(rows.every((r) => r.used === 1 && r.dots === 1));
  });

  test('parallel rankings of one person leave exactly one ranking', async () => {
    const p = await makeProject(t, { lead: orgId, tools: [{ kind: 'ranking', config: { places: 3 } }] });
    const ids: string[] = [];
    for (const title of ['Dienstag', 'Mittwoch', 'Freitag', 'Samstag']) {
      const r = await call(staff, 'POST', `/${p.tools.ranking}/options`, { title });
      ids.push(r.json().options.at(-1).id);
    }
    const helga = await createUser(t);
    const orders = Array.from({ length: 20 }, (_, i) => [ids[i % 4], ids[(i + 1) % 4], ids[(i + 2) % 4]]);
    const answers = await Promise.all(
      orders.map((optionIds) => call(helga, 'PUT', `/${p.tools.ranking}/ranking`, { optionIds })),
    );
    for (const r of answers) assert.equal(r.statusCode, 200, r.body);
    const rankings = await t.db
      .selectFrom('codesign_ranking')
      .select('id')
      .where('tool_id', '=', p.tools.ranking)
      .execute();
    assert.equal(rankings.length, 1);
    const places = await t.db
      .selectFrom('codesign_ranking_place')
      .select('place')
      .where('tool_id', '=', p.tools.ranking)
      .orderBy('place')
      .execute();
    assert.deepEqual(
      places.map((x) => x.place),
      [1, 2, 3],
    );
  });
  test('the database alone holds the budget: 20 parallel transactions without the application', async () => {
    const { projectId, toolId, optionIds } = await dotsTool({ budget: 4, maxPerOption: 2 });
    const u = await createUser(t);
    const participant = await t.db
      .insertInto('codesign_participant')
      .values({ network_id: t.networkId, project_id: projectId, account_id: u.id, joined_via: 'open' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const contribution = await t.db
      .insertInto('codesign_contribution')
      .values({
        network_id: t.networkId,
        project_id: projectId,
        tool_id: toolId,
        participant_id: participant.id,
        kind: 'dots',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        t.db.transaction().execute(async (tx) => {
          const optionId = optionIds[i % optionIds.length] ?? '';
          await sql`INSERT INTO codesign_dot (network_id, tool_id, option_id, participant_id, count, contribution_id)
            VALUES (${t.networkId}, ${toolId}, ${optionId}, ${participant.id}, 0, ${contribution.id})
            ON CONFLICT DO NOTHING`.execute(tx);
          await sql`UPDATE codesign_dot SET count = count + 1
            WHERE tool_id = ${toolId} AND option_id = ${optionId} AND participant_id = ${participant.id}`.execute(
            tx,
          );
        }),
      ),
    );
    const refused = results.filter((r) => r.status === 'rejected');
    assert.ok(refused.length >= 16, `${refused.length} refused`);
    for (const r of refused)
      assert.match(String((r as PromiseRejectedResult).reason), /budget of 4|at most 2 dots/);
    const [row] = await ledger(toolId);
    assert.deepEqual([row?.used, row?.dots], [4, 4]);
  });
});
