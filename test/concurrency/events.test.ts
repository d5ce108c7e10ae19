import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TestApp } from '../helpers/app.ts';
import { eventBody } from '../helpers/events.ts';
import { createOrganisation, createUser, type TestUser } from '../helpers/factories.ts';
import { createPostgresTestApp } from './postgres.ts';

/**
 * Räume & Brücken's events count places by the platform's one mechanism (platform/capacity.ts, the
 * same Mitmachen's shifts use): proven here with real parallel connections, as for shifts.
 */
describe('an event is never over-full and its waitlist keeps arrival order (PostgreSQL, 30 people for 5 places)', () => {
  let t: TestApp;
  let petra: TestUser;
  let centre: { id: string };
  let people: TestUser[];

  const get = async (user: TestUser, url: string) =>
    (await t.app.inject({ method: 'GET', url: `/api/v1/places/events${url}`, headers: user.headers })).json();
  const post = (user: TestUser, url: string, payload?: object) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/places/events${url}`,
      headers: user.headers,
      ...(payload ? { payload } : {}),
    });

  async function event(over: Record<string, unknown>) {
    const r = await post(
      petra,
      '',
      eventBody({ type: 'organisation', id: centre.id }, { capacity: 5, ...over }),
    );
    assert.equal(r.statusCode, 201, r.body);
    return r.json().id as string;
  }

  const counts = async (eventId: string): Promise<Record<string, number>> => {
    const rows = await t.db
      .selectFrom('place_event_registration')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('event_id', '=', eventId)
      .groupBy('status')
      .execute();
    const e = await t.db
      .selectFrom('place_event')
      .select('signed_up')
      .where('id', '=', eventId)
      .executeTakeFirstOrThrow();
    return { ...Object.fromEntries(rows.map((r) => [r.status, r.n])), counter: e.signed_up };
  };

  before(async () => {
    t = await createPostgresTestApp();
    centre = await createOrganisation(t, { name: 'Nachbarschaftszentrum' });
    petra = await createUser(t, { memberOf: [[centre.id, 'staff']] });
    people = [];
    for (let i = 0; i < 30; i++) people.push(await createUser(t, { displayName: `Nachbarin ${i + 1}` }));
  });
  after(() => t.close());

  test('30 at once: exactly 5 places, 25 waiting in the order they were sent, gap-free; a withdrawal promotes the first', async () => {
    const id = await event({});
    const results = await Promise.all(people.map((p) => post(p, `/${id}/register`)));
    assert.deepEqual(
      results.map((r) => r.statusCode),
      results.map(() => 201),
      results.map((r) => r.body).join('\n'),
    );
    const statuses = results.map((r) => r.json().status);
    assert.equal(statuses.filter((s) => s === 'signed_up').length, 5);
    const positions = results.map((r) => r.json().waitlistPosition as number | null);
    // each waiting person was told where they stood when their answer was written: never further back
    // than where they stand (those received before them who reached the lock later go in front)
    const waiting = people.filter((_, i) => positions[i] !== null);
    const now = new Map(
      (
        await Promise.all(waiting.map(async (p) => [p.id, (await get(p, `/${id}`)).mine.waitlistPosition]))
      ).map(([k, v]) => [k, v] as [string, number]),
    );
    assert.deepEqual(
      [...now.values()].sort((a, b) => a - b),
      Array.from({ length: 25 }, (_, i) => i + 1),
    );
    for (const [i, p] of people.entries())
      if (positions[i] !== null)
        assert.ok(positions[i]! <= now.get(p.id)!, `${positions[i]} > ${now.get(p.id)}`);
    // the waitlist the database keeps is in the order the requests were sent (and received), not the
    // order they reached the lock; a position told may move down by those received before it
    const queue = await t.db
      .selectFrom('place_event_registration')
      .select(['account_id'])
      .where('event_id', '=', id)
      .where('status', '=', 'waitlisted')
      .orderBy('queued_at')
      .orderBy('queue_no')
      .execute();
    const told = waiting.map((p) => p.id);
    assert.deepEqual(
      queue.map((q) => q.account_id),
      told,
    );
    assert.deepEqual(await counts(id), { signed_up: 5, waitlisted: 25, counter: 5 });

    const leaving = people[statuses.indexOf('signed_up')]!;
    const w = await post(leaving, `/${id}/withdraw`);
    assert.equal(w.statusCode, 200, w.body);
    const first = await t.db
      .selectFrom('place_event_registration')
      .select('status')
      .where('event_id', '=', id)
      .where('account_id', '=', told[0]!)
      .executeTakeFirstOrThrow();
    assert.equal(first.status, 'signed_up');
    assert.deepEqual(await counts(id), { signed_up: 5, waitlisted: 24, withdrawn: 1, counter: 5 });
  });

  test('withdrawals and newcomers at once: never over capacity, each freed place to the longest waiting', async () => {
    const id = await event({});
    // one after another first: 5 places, 5 waiting in this order
    for (const p of people.slice(0, 10)) assert.equal((await post(p, `/${id}/register`)).statusCode, 201);
    const holders = people.slice(0, 5);
    const waiting = people.slice(5, 10);
    const mixed = await Promise.all([
      ...holders.slice(0, 3).map((p) => post(p, `/${id}/withdraw`)),
      ...people.slice(10).map((p) => post(p, `/${id}/register`)),
    ]);
    assert.ok(
      mixed.every((r) => r.statusCode === 200 || r.statusCode === 201),
      mixed.map((r) => r.body).join('\n'),
    );
    const c = await counts(id);
    assert.deepEqual([c.counter, c.signed_up, c.withdrawn, c.waitlisted], [5, 5, 3, 22]);
    // the three freed places went to the first three who were waiting before, not to newcomers
    const placed = await t.db
      .selectFrom('place_event_registration')
      .select('account_id')
      .where('event_id', '=', id)
      .where('status', '=', 'signed_up')
      .execute();
    assert.deepEqual(
      new Set(placed.map((p) => p.account_id)),
      new Set([...holders.slice(3), ...waiting.slice(0, 3)].map((p) => p.id)),
    );
  });

  test('the database itself refuses a sixth place: 30 parallel raw inserts that skip every check in code', async () => {
    const id = await event({ waitlistEnabled: false });
    const results = await Promise.allSettled(
      people.map((p) =>
        t.db
          .insertInto('place_event_registration')
          .values({ network_id: t.networkId, event_id: id, account_id: p.id, status: 'signed_up' })
          .execute(),
      ),
    );
    const refused = results.filter((r) => r.status === 'rejected');
    assert.equal(results.length - refused.length, 5);
    for (const r of refused)
      assert.equal((r as PromiseRejectedResult).reason.constraint, 'place_event_within_capacity', String(r));
    assert.deepEqual(await counts(id), { signed_up: 5, counter: 5 });
  });

  test('without a waitlist: exactly 5 registrations and 25 × 409 “full”', async () => {
    const id = await event({ waitlistEnabled: false });
    const results = await Promise.all(people.map((p) => post(p, `/${id}/register`)));
    assert.equal(results.filter((r) => r.statusCode === 201).length, 5);
    const full = results.filter((r) => r.statusCode === 409);
    assert.equal(full.length, 25);
    for (const r of full) assert.equal(r.json().code, 'place_event.full');
    assert.deepEqual(await counts(id), { signed_up: 5, counter: 5 });
  });
});
