import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TestApp } from '../helpers/app.ts';
import { createUser, type TestUser } from '../helpers/factories.ts';
import { createPostgresTestApp } from './postgres.ts';

describe('a community always keeps an owner (PostgreSQL, owners leaving at once)', () => {
  let t: TestApp;
  let people: TestUser[];

  const call = (user: TestUser, method: 'POST' | 'PUT', url: string, payload?: object) =>
    t.app.inject({
      method,
      url: `/api/v1/places/communities${url}`,
      headers: user.headers,
      ...(payload !== undefined ? { payload } : {}),
    });

  /** A community of `owners` owners (the first made it) and `members` plain members. */
  async function community(owners: TestUser[], members: TestUser[] = []) {
    const made = await call(owners[0]!, 'POST', '', {
      name: `Chor der Nachbarschaft ${Math.random().toString(36).slice(2, 8)}`,
      summary: '',
      description: '',
      space: 'online',
      towns: [],
      districtId: null,
      joining: 'open',
    });
    assert.equal(made.statusCode, 201, made.body);
    const id = made.json().id as string;
    for (const p of [...owners.slice(1), ...members]) {
      const r = await call(p, 'POST', `/${id}/join`, {});
      assert.equal(r.statusCode, 200, r.body);
    }
    for (const p of owners.slice(1)) {
      const r = await call(owners[0]!, 'PUT', `/${id}/members/${p.id}/role`, { role: 'owner' });
      assert.equal(r.statusCode, 204, r.body);
    }
    return id;
  }
  const owners = (id: string) =>
    t.db
      .selectFrom('community_member')
      .select('account_id')
      .where('community_id', '=', id)
      .where('role', '=', 'owner')
      .where('status', '=', 'active')
      .execute();

  before(async () => {
    t = await createPostgresTestApp();
    people = [];
    for (let i = 0; i < 6; i++) people.push(await createUser(t, { displayName: `Sängerin ${i + 1}` }));
  });
  after(() => t.close());

  test('two owners leaving at once: one goes, the other is told the community needs an owner', async () => {
    for (let round = 0; round < 5; round++) {
      const [a, b, m] = [people[0]!, people[1]!, people[2]!];
      const id = await community([a, b], [m]);
      const answers = await Promise.all([call(a, 'POST', `/${id}/leave`), call(b, 'POST', `/${id}/leave`)]);
      const codes = answers.map((r) => r.statusCode).sort();
      assert.deepEqual(codes, [204, 409], answers.map((r) => r.body).join(' | '));
      assert.equal(answers.find((r) => r.statusCode === 409)!.json().code, 'community.last_owner');
      assert.equal((await owners(id)).length, 1, 'exactly one owner stays');
    }
  });

  test('an owner leaving while the other takes the role away from them: one owner stays', async () => {
    for (let round = 0; round < 5; round++) {
      const [a, b] = [people[3]!, people[4]!];
      const id = await community([a, b], [people[5]!]);
      const answers = await Promise.all([
        call(a, 'POST', `/${id}/leave`),
        call(b, 'PUT', `/${id}/members/${b.id}/role`, { role: 'member' }),
      ]);
      assert.ok(
        answers.some((r) => r.statusCode === 409),
        answers.map((r) => `${r.statusCode} ${r.body}`).join(' | '),
      );
      assert.equal((await owners(id)).length, 1);
    }
  });

  test('the database holds it on its own: two transactions taking out both owners, one is refused', async () => {
    for (let round = 0; round < 5; round++) {
      const [a, b, m] = [people[0]!, people[1]!, people[2]!];
      const id = await community([a, b], [m]);
      // each removes a different owner row, without the commands' lock: the trigger decides at commit
      const remove = (who: TestUser) =>
        t.db.transaction().execute(async (tx) => {
          await tx
            .deleteFrom('community_member')
            .where('community_id', '=', id)
            .where('account_id', '=', who.id)
            .execute();
        });
      const results = await Promise.allSettled([remove(a), remove(b)]);
      const refused = results.filter((r) => r.status === 'rejected');
      assert.equal(refused.length, 1, 'one of the two commits is refused');
      assert.match(String((refused[0] as PromiseRejectedResult).reason), /community_keeps_an_owner|no owner/);
      assert.equal((await owners(id)).length, 1);
    }
    // and a community left with nobody at all has nothing to own
    const alone = await community([people[3]!]);
    await t.db.deleteFrom('community_member').where('community_id', '=', alone).execute();
  });
});
