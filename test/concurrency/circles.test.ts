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
