import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { createTestApp, type TestApp } from '../../../../../test/helpers/app.ts';
import { makeProject } from '../../../../../test/helpers/codesign.ts';
import { createOrganisation, createUser, type TestUser } from '../../../../../test/helpers/factories.ts';

/**
 * Property: whatever sequence of placing, moving and taking away dots (and of saving rankings) people
 * go through, the tallies the SQL gives equal the tallies recomputed from a plain model of each
 * person's votes under the same rules (budget, per-option limit, places), and every refusal is one the
 * model expects.
 */
describe('codesign votes: tallies equal the individual votes (property)', () => {
  let t: TestApp;
  let staff: TestUser;
  let orgId: string;
  const people: TestUser[] = [];

  const call = (who: TestUser, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    t.app.inject({
      method,
      url: `/api/v1/codesign/votes${url}`,
      headers: who.headers,
      ...(payload ? { payload } : {}),
    });

  async function tool(kind: 'dots' | 'ranking', config: Record<string, unknown>, n: number) {
    const p = await makeProject(t, { lead: orgId, tools: [{ kind, config }] });
    const toolId = kind === 'dots' ? p.tools.dots : p.tools.ranking;
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const r = await call(staff, 'POST', `/${toolId}/options`, { title: `Möglichkeit ${i + 1}` });
      ids.push(r.json().options.at(-1).id);
    }
    return { toolId, ids };
  }

  before(async () => {
    t = await createTestApp();
    orgId = (await createOrganisation(t)).id;
    staff = await createUser(t, { memberOf: [[orgId, 'staff']] });
    for (let i = 0; i < 3; i++) people.push(await createUser(t));
  });
  after(() => t.close());

  test('dots: place, move, take away', async () => {
    const step = fc.record({
      who: fc.integer({ min: 0, max: 2 }),
      change: fc.constantFrom('place', 'remove', 'move'),
      a: fc.integer({ min: 0, max: 2 }),
      b: fc.integer({ min: 0, max: 2 }),
      count: fc.integer({ min: 1, max: 3 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 14 }), async (steps) => {
        const budget = 5;
        const max = 3;
        const { toolId, ids } = await tool('dots', { budget, maxPerOption: max }, 3);
        const model = people.map(() => [0, 0, 0]);
        for (const s of steps) {
          const mine = model[s.who] as number[];
          const sum = mine.reduce((x, y) => x + y, 0);
          let expectOk: boolean;
          let body: object;
          if (s.change === 'place') {
            expectOk = (mine[s.a] ?? 0) + s.count <= max && sum + s.count <= budget;
            body = { change: 'place', optionId: ids[s.a], count: s.count };
          } else if (s.change === 'remove') {
            expectOk = (mine[s.a] ?? 0) >= s.count;
            body = { change: 'remove', optionId: ids[s.a], count: s.count };
          } else {
            expectOk = s.a !== s.b && (mine[s.a] ?? 0) >= s.count && (mine[s.b] ?? 0) + s.count <= max;
            body = { change: 'move', fromOptionId: ids[s.a], toOptionId: ids[s.b], count: s.count };
          }
          const r = await call(people[s.who] as TestUser, 'POST', `/${toolId}/dots`, body);
          assert.equal(r.statusCode === 200, expectOk, `${JSON.stringify(s)} → ${r.statusCode} ${r.body}`);
          if (!expectOk) assert.ok([409, 422].includes(r.statusCode), r.body);
          if (expectOk) {
            if (s.change === 'place') mine[s.a] = (mine[s.a] ?? 0) + s.count;
            else if (s.change === 'remove') mine[s.a] = (mine[s.a] ?? 0) - s.count;
            else {
              mine[s.a] = (mine[s.a] ?? 0) - s.count;
              mine[s.b] = (mine[s.b] ?? 0) + s.count;
            }
          }
        }
        const v = (await call(staff, 'GET', `/${toolId}`)).json();
        const expected = ids.map((id, i) => ({
          id,
          total: model.reduce((x, m) => x + (m[i] ?? 0), 0),
          people: model.filter((m) => (m[i] ?? 0) > 0).length,
        }));
        assert.deepEqual(
          v.options.map((o: { id: string; total: number; people: number }) => ({
            id: o.id,
            total: o.total,
            people: o.people,
          })),
          expected,
        );
        assert.equal(v.voters, model.filter((m) => m.some((x) => x > 0)).length);
        // and from the individual rows, against the counters
        const rows = await t.db
          .selectFrom('codesign_dot')
          .select(['participant_id', 'count'])
          .where('tool_id', '=', toolId)
          .execute();
        const budgets = await t.db
          .selectFrom('codesign_dot_budget')
          .select(['participant_id', 'used'])
          .where('tool_id', '=', toolId)
          .execute();
        for (const b of budgets)
          assert.equal(
            b.used,
            rows.filter((r) => r.participant_id === b.participant_id).reduce((x, r) => x + r.count, 0),
          );
      }),
      { numRuns: 12, seed: 20261206 },
    );
  });

  test('rankings: the Borda count and first places', async () => {
    const ranking = fc.uniqueArray(fc.integer({ min: 0, max: 3 }), { maxLength: 3 });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), ranking), { minLength: 1, maxLength: 8 }),
        async (saves) => {
          const places = 3;
          const { toolId, ids } = await tool('ranking', { places }, 4);
          const model: number[][] = people.map(() => []);
          for (const [who, order] of saves) {
            const r = await call(people[who] as TestUser, 'PUT', `/${toolId}/ranking`, {
              optionIds: order.map((i) => ids[i]),
            });
            assert.equal(r.statusCode, 200, r.body);
            model[who] = order;
          }
          const v = (await call(staff, 'GET', `/${toolId}`)).json();
          const expected = ids.map((id, i) => ({
            id,
            total: model.reduce((x, m) => x + (m.includes(i) ? places - m.indexOf(i) : 0), 0),
            firsts: model.filter((m) => m[0] === i).length,
            people: model.filter((m) => m.includes(i)).length,
          }));
          assert.deepEqual(
            v.options.map((o: { id: string; total: number; firsts: number; people: number }) => ({
              id: o.id,
              total: o.total,
              firsts: o.firsts,
              people: o.people,
            })),
            expected,
          );
          assert.equal(v.voters, model.filter((m) => m.length > 0).length);
        },
      ),
      { numRuns: 10, seed: 20261206 },
    );
  });
});
