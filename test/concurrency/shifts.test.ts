import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TestApp } from '../helpers/app.ts';
import { createOrganisation, createUser, type TestUser } from '../helpers/factories.ts';
import { createPostgresTestApp } from './postgres.ts';

const hour = 3600_000;

describe('never over capacity (PostgreSQL, 30 parallel sign-ups for 5 places)', () => {
  let t: TestApp;
  let petra: TestUser;
  let volunteers: TestUser[];
  let opportunityId: string;

  const post = (user: TestUser, url: string, payload?: object) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1${url}`,
      headers: user.headers,
      ...(payload ? { payload } : {}),
    });

  async function shift(waitlistEnabled: boolean, daysAhead: number) {
    const start = new Date(Date.now() + daysAhead * 24 * hour);
    const r = await post(petra, `/opportunities/${opportunityId}/shifts`, {
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 2 * hour).toISOString(),
      capacity: 5,
      waitlistEnabled,
    });
    assert.equal(r.statusCode, 201, r.body);
    return r.json().id as string;
  }

  const counts = async (shiftId: string): Promise<Record<string, number>> => {
    const rows = await t.db
      .selectFrom('shift_signup')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('shift_id', '=', shiftId)
      .groupBy('status')
      .execute();
    const byStatus: Record<string, number> = Object.fromEntries(rows.map((r) => [r.status, r.n]));
    const s = await t.db
      .selectFrom('shift')
      .select(['signed_up', 'capacity'])
      .where('id', '=', shiftId)
      .executeTakeFirstOrThrow();
    return { ...byStatus, counter: s.signed_up };
  };

  /** Who waits for a place on the shift, first in the queue first. */
  const waitlistOf = async (shiftId: string) =>
    (
      await t.db
        .selectFrom('shift_signup')
        .select('account_id')
        .where('shift_id', '=', shiftId)
        .where('status', '=', 'waitlisted')
        .orderBy('queued_at')
        .orderBy('queue_no')
        .execute()
    ).map((q) => q.account_id);

  before(async () => {
    t = await createPostgresTestApp();
    const tafel = await createOrganisation(t, { name: 'Tafel' });
    petra = await createUser(t, { memberOf: [[tafel.id, 'staff']] });
    volunteers = [];
    for (let i = 0; i < 30; i++)
      volunteers.push(await createUser(t, { displayName: `Freiwillige ${i + 1}` }));
    const r = await post(petra, '/opportunities', {
      level: 'event_project',
      title: 'Stadtteilfest aufbauen',
      mode: 'on_site',
      organisationIds: [tafel.id],
      status: 'published',
    });
    assert.equal(r.statusCode, 201, r.body);
    opportunityId = r.json().id;
  });
  after(() => t.close());

  test('with a waitlist: exactly 5 places taken, 25 waiting in a gap-free order; a withdrawal promotes the first', async () => {
    const shiftId = await shift(true, 3);
    const results = await Promise.all(volunteers.map((v) => post(v, `/shifts/${shiftId}/signup`)));
    assert.deepEqual(
      results.map((r) => r.statusCode),
      results.map(() => 201),
      results.map((r) => r.body).join('\n'),
    );
    const statuses = results.map((r) => r.json().status);
    assert.equal(statuses.filter((s) => s === 'signed_up').length, 5);
    assert.equal(statuses.filter((s) => s === 'waitlisted').length, 25);
    // where each waiting person stands: gap-free, in the order they were sent, and never further back
    // than they were told (those received before them who reached the lock later go in front)
    const queue = await waitlistOf(shiftId);
    const sent = volunteers.filter((_, i) => statuses[i] === 'waitlisted').map((v) => v.id);
    assert.deepEqual(queue, sent);
    for (const [i, r] of results.entries())
      if (statuses[i] === 'waitlisted')
        assert.ok(r.json().waitlistPosition <= sent.indexOf(volunteers[i]!.id) + 1, r.body);
    assert.deepEqual(await counts(shiftId), { signed_up: 5, waitlisted: 25, counter: 5 });

    // first on the waitlist: the first one sent who got no place (a position told may have moved down
    // by those received before it who reached the lock after it)
    const firstWaiting = volunteers[statuses.indexOf('waitlisted')]!;
    const leaving = volunteers[statuses.indexOf('signed_up')]!;
    const w = await post(leaving, `/shifts/${shiftId}/withdraw`);
    assert.equal(w.statusCode, 200, w.body);
    assert.equal(w.json().promoted, true);
    const promoted = await t.db
      .selectFrom('shift_signup')
      .select('status')
      .where('shift_id', '=', shiftId)
      .where('account_id', '=', firstWaiting.id)
      .executeTakeFirstOrThrow();
    assert.equal(promoted.status, 'signed_up');
    const told = await t.db
      .selectFrom('notification')
      .select('kind')
      .where('account_id', '=', firstWaiting.id)
      .where('kind', '=', 'shift.promoted')
      .execute();
    assert.equal(told.length, 1);
    assert.deepEqual(await counts(shiftId), { signed_up: 5, waitlisted: 24, withdrawn: 1, counter: 5 });
  });

  test('parallel withdrawals and sign-ups: the place count never passes capacity and each freed place goes to one person', async () => {
    const shiftId = await shift(true, 4);
    const first = await Promise.all(volunteers.slice(0, 15).map((v) => post(v, `/shifts/${shiftId}/signup`)));
    const holders = first.flatMap((r, i) => (r.json().status === 'signed_up' ? [volunteers[i]!] : []));
    assert.equal(holders.length, 5);
    // three holders leave while fifteen newcomers arrive, all at once
    const mixed = await Promise.all([
      ...holders.slice(0, 3).map((v) => post(v, `/shifts/${shiftId}/withdraw`)),
      ...volunteers.slice(15).map((v) => post(v, `/shifts/${shiftId}/signup`)),
    ]);
    assert.ok(
      mixed.every((r) => r.statusCode === 200 || r.statusCode === 201),
      mixed.map((r) => r.body).join('\n'),
    );
    const c = await counts(shiftId);
    assert.equal(c.counter, 5);
    assert.equal(c.signed_up, 5);
    assert.equal(c.withdrawn, 3);
    assert.equal(c.waitlisted, 22);
  });

  test('places raised while newcomers sign up: the waitlist gets them first, never more than the places', async () => {
    const shiftId = await shift(true, 7);
    await Promise.all(volunteers.slice(0, 15).map((v) => post(v, `/shifts/${shiftId}/signup`)));
    const waiting = await waitlistOf(shiftId);
    assert.equal(waiting.length, 10);
    // the coordinator raises 5 places to 12 while fifteen newcomers arrive, all at once
    const [raised, ...newcomers] = await Promise.all([
      t.app.inject({
        method: 'PATCH',
        url: `/api/v1/shifts/${shiftId}`,
        headers: petra.headers,
        payload: { capacity: 12 },
      }),
      ...volunteers.slice(15).map((v) => post(v, `/shifts/${shiftId}/signup`)),
    ]);
    assert.equal(raised!.statusCode, 200, raised!.body);
    assert.ok(
      newcomers.every((r) => r.statusCode === 201),
      newcomers.map((r) => r.body).join('\n'),
    );
    const c = await counts(shiftId);
    assert.deepEqual([c.counter, c.signed_up, c.waitlisted], [12, 12, 18]);
    // the seven new places went to the first seven who had been waiting, not to a newcomer
    const holders = await t.db
      .selectFrom('shift_signup')
      .select('account_id')
      .where('shift_id', '=', shiftId)
      .where('status', '=', 'signed_up')
      .execute();
    const held = new Set(holders.map((h) => h.account_id));
    assert.deepEqual(
      waiting.map((id) => held.has(id)),
      waiting.map((_, i) => i < 7),
    );
  });

  test('the database itself refuses a sixth place: 30 parallel raw inserts that skip every check in code', async () => {
    const shiftId = await shift(false, 6);
    const results = await Promise.allSettled(
      volunteers.map((v) =>
        t.db
          .insertInto('shift_signup')
          .values({ network_id: t.networkId, shift_id: shiftId, account_id: v.id, status: 'signed_up' })
          .execute(),
      ),
    );
    const refused = results.filter((r) => r.status === 'rejected');
    assert.equal(results.length - refused.length, 5);
    for (const r of refused)
      assert.equal((r as PromiseRejectedResult).reason.constraint, 'shift_within_capacity', String(r));
    assert.deepEqual(await counts(shiftId), { signed_up: 5, counter: 5 });
  });

  test('without a waitlist: exactly 5 sign-ups and 25 × 409 "full"', async () => {
    const shiftId = await shift(false, 5);
    const results = await Promise.all(volunteers.map((v) => post(v, `/shifts/${shiftId}/signup`)));
    const won = results.filter((r) => r.statusCode === 201);
    const full = results.filter((r) => r.statusCode === 409);
    assert.equal(won.length, 5, results.map((r) => r.statusCode).join(','));
    assert.equal(full.length, 25);
    for (const r of full) assert.equal(r.json().code, 'shift.full');
    assert.deepEqual(await counts(shiftId), { signed_up: 5, counter: 5 });
  });
});
