import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { formatSlot, localParts, zonedTime } from '../../server/platform/localTime.ts';
import type { TestApp } from '../helpers/app.ts';
import { createOrganisation, createUser, type TestUser } from '../helpers/factories.ts';
import { createPostgresTestApp } from './postgres.ts';

/** 50 slots a minute apart, each an hour long: every two of them overlap. */
function slots(weeksAhead: number) {
  const now = localParts(new Date());
  const day = new Date(Date.UTC(now.year, now.month - 1, now.day + 7 * weeksAhead));
  const base = zonedTime(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), 18 * 60);
  return Array.from({ length: 50 }, (_, i) => {
    const start = new Date(base.getTime() + i * 60_000);
    return { start, end: new Date(start.getTime() + 3600_000) };
  });
}

describe('never a double booking (PostgreSQL, 50 parallel requests)', () => {
  let t: TestApp;
  let petra: TestUser;
  let borrowers: TestUser[];
  let centre: { id: string };

  const post = (user: TestUser, url: string, payload: object = {}) =>
    t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: user.headers, payload });

  async function room(autoApprove: boolean) {
    const res = await post(petra, '/resources', {
      organisationId: centre.id,
      kind: 'room',
      title: autoApprove ? 'Besprechungsraum' : 'Saal',
      autoApprove,
      whoMayBorrow: 'everyone',
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json().id as string;
  }

  before(async () => {
    t = await createPostgresTestApp();
    centre = await createOrganisation(t);
    petra = await createUser(t, { memberOf: [[centre.id, 'staff']] });
    borrowers = [];
    for (let i = 0; i < 10; i++) borrowers.push(await createUser(t));
  });
  after(() => t.close());

  test('50 parallel requests for an auto-approved room: one booking, 49 × 409 naming it', async () => {
    const resourceId = await room(true);
    const wanted = slots(2);
    const results = await Promise.all(
      wanted.map((s, i) =>
        post(borrowers[i % borrowers.length]!, '/bookings', {
          resourceId,
          start: s.start.toISOString(),
          end: s.end.toISOString(),
        }),
      ),
    );
    const won = results.filter((r) => r.statusCode === 201);
    const lost = results.filter((r) => r.statusCode === 409);
    assert.equal(won.length, 1, results.map((r) => r.statusCode).join(','));
    assert.equal(lost.length, 49);
    const winner = won[0]!.json().created[0];
    assert.equal(winner.status, 'approved');
    const named = formatSlot(new Date(winner.start), new Date(winner.end), 'de');
    for (const r of lost) {
      assert.equal(r.json().code, 'booking.conflict');
      assert.ok(r.json().title.includes(named), r.json().title);
    }
  });

  test('50 parallel approvals of overlapping requests: one approved, 49 × 409 naming it', async () => {
    const resourceId = await room(false);
    const ids: string[] = [];
    for (const [i, s] of slots(3).entries()) {
      const r = await post(borrowers[i % borrowers.length]!, '/bookings', {
        resourceId,
        start: s.start.toISOString(),
        end: s.end.toISOString(),
      });
      assert.equal(r.statusCode, 201, r.body);
      ids.push(r.json().created[0].id);
    }
    const results = await Promise.all(ids.map((id) => post(petra, `/bookings/${id}/approve`)));
    const won = results.filter((r) => r.statusCode === 200);
    const lost = results.filter((r) => r.statusCode === 409);
    assert.equal(won.length, 1, results.map((r) => r.statusCode).join(','));
    assert.equal(lost.length, 49);
    const winner = won[0]!.json();
    const named = formatSlot(new Date(winner.start), new Date(winner.end), 'de');
    for (const r of lost) {
      assert.equal(r.json().code, 'booking.conflict');
      assert.ok(r.json().title.includes(named), r.json().title);
    }
    const approved = await t.db
      .selectFrom('booking')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('resource_id', '=', resourceId)
      .where('status', '=', 'approved')
      .executeTakeFirstOrThrow();
    assert.equal(approved.n, 1);
  });
});
