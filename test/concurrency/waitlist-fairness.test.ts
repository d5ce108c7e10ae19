import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { TestApp } from '../helpers/app.ts';
import { eventBody } from '../helpers/events.ts';
import { createOrganisation, createUser, type TestUser } from '../helpers/factories.ts';
import { createPostgresTestApp } from './postgres.ts';

/**
 * Fair waitlists (issue 18), for both users of the platform's one mechanism for places
 * (platform/capacity.ts): Mitmachen's shifts and Räume & Brücken's events. The races are staged, not
 * hoped for: a lock the test holds in a transaction of its own stops one request on its way, and the
 * test waits until PostgreSQL reports that request as waiting before it sends the next.
 *
 * - A request received first keeps its place in the queue even when another one, received later,
 *   reaches the holder's lock first (before: the queue number was taken under the lock, late).
 * - A person whose withdrawal from the waitlist meets the promotion that gives them a place is told
 *   that place is gone, after the "you have a place" (before: only that).
 */
describe('fair waitlists (PostgreSQL)', () => {
  let t: TestApp;
  let petra: TestUser;
  let people: TestUser[];
  let opportunityId: string;
  let organisationId: string;

  const post = (user: TestUser, url: string, payload?: object) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1${url}`,
      headers: user.headers,
      ...(payload ? { payload } : {}),
    });

  interface Kind {
    name: string;
    /** a holder with one place and a waitlist */
    make(): Promise<string>;
    join(user: TestUser, id: string): ReturnType<typeof post>;
    leave(user: TestUser, id: string): ReturnType<typeof post>;
    table: 'shift' | 'place_event';
    claims: 'shift_signup' | 'place_event_registration';
    holderColumn: 'shift_id' | 'event_id';
    promoted: 'shift.promoted' | 'place_event.promoted';
    void: 'shift.promotion_void' | 'place_event.promotion_void';
  }

  const kinds: Kind[] = [
    {
      name: 'a shift',
      async make() {
        const start = new Date(Date.now() + 72 * 3600_000);
        const r = await post(petra, `/opportunities/${opportunityId}/shifts`, {
          startsAt: start.toISOString(),
          endsAt: new Date(start.getTime() + 2 * 3600_000).toISOString(),
          capacity: 1,
          waitlistEnabled: true,
        });
        assert.equal(r.statusCode, 201, r.body);
        return r.json().id as string;
      },
      join: (user, id) => post(user, `/shifts/${id}/signup`),
      leave: (user, id) => post(user, `/shifts/${id}/withdraw`),
      table: 'shift',
      claims: 'shift_signup',
      holderColumn: 'shift_id',
      promoted: 'shift.promoted',
      void: 'shift.promotion_void',
    },
    {
      name: 'an event',
      async make() {
        const r = await post(
          petra,
          '/places/events',
          eventBody({ type: 'organisation', id: organisationId }, { capacity: 1 }),
        );
        assert.equal(r.statusCode, 201, r.body);
        return r.json().id as string;
      },
      join: (user, id) => post(user, `/places/events/${id}/register`),
      leave: (user, id) => post(user, `/places/events/${id}/withdraw`),
      table: 'place_event',
      claims: 'place_event_registration',
      holderColumn: 'event_id',
      promoted: 'place_event.promoted',
      void: 'place_event.promotion_void',
    },
  ];

  /**
   * Runs `lock` in a transaction of its own on one of the pool's connections and keeps it open (and
   * its locks held) until the returned release is called.
   */
  // locks still held when a test failed half-way: released after it, or the file would hang
  const held = new Set<() => void>();
  afterEach(() => {
    for (const release of held) release();
    held.clear();
  });

  async function hold(lock: (tx: TestApp['db']) => Promise<unknown>) {
    let release!: () => void;
    const released = new Promise<void>((r) => {
      release = r;
    });
    held.add(release);
    let locked!: () => void;
    const taken = new Promise<void>((r) => {
      locked = r;
    });
    const done = t.db.transaction().execute(async (tx) => {
      await lock(tx);
      locked();
      await released;
    });
    await taken;
    return async () => {
      held.delete(release);
      release();
      await done;
    };
  }

  /** Waits until `n` backends of this database wait for a lock (each look is one query). */
  async function waitingForLock(n: number) {
    for (let i = 0; i < 10_000; i++) {
      const r = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock'`.execute(t.db);
      if ((r.rows[0]?.n ?? 0) >= n) return;
    }
    assert.fail(`never saw ${n} requests waiting for a lock`);
  }

  async function queue(k: Kind, id: string) {
    const rows = await sql<{ account_id: string }>`
      SELECT account_id FROM ${sql.table(k.claims)}
      WHERE ${sql.ref(k.holderColumn)} = ${id} AND status = 'waitlisted'
      ORDER BY queued_at, queue_no`.execute(t.db);
    return rows.rows.map((r) => r.account_id);
  }

  const statusOf = async (k: Kind, id: string, who: TestUser) =>
    (
      await sql<{ status: string }>`
        SELECT status FROM ${sql.table(k.claims)}
        WHERE ${sql.ref(k.holderColumn)} = ${id} AND account_id = ${who.id}
        ORDER BY created_at DESC LIMIT 1`.execute(t.db)
    ).rows[0]?.status;

  const told = async (who: TestUser) =>
    t.db
      .selectFrom('notification')
      .select(['kind', 'read_at'])
      .where('account_id', '=', who.id)
      .orderBy('created_at')
      .orderBy('id')
      .execute();

  const mailsTo = (who: TestUser) =>
    t.db
      .selectFrom('outbox_email')
      .select('subject')
      .where('to_address', '=', who.email)
      .orderBy('created_at')
      .orderBy('id')
      .execute();

  before(async () => {
    t = await createPostgresTestApp();
    const centre = await createOrganisation(t, { name: 'Stadtteilzentrum' });
    organisationId = centre.id;
    petra = await createUser(t, { memberOf: [[centre.id, 'staff']] });
    people = [];
    // eight for each kind: a session used by the kind before is remembered for a second (sessions.ts),
    // and the first test needs the early one's "last seen" note to be due
    for (let i = 0; i < 8 * kinds.length; i++)
      people.push(await createUser(t, { displayName: `Nachbar ${i + 1}` }));
    const r = await post(petra, '/opportunities', {
      level: 'event_project',
      title: 'Sommerfest aufbauen',
      mode: 'on_site',
      organisationIds: [centre.id],
      status: 'published',
    });
    assert.equal(r.statusCode, 201, r.body);
    opportunityId = r.json().id;
  });
  after(() => t.close());

  for (const k of kinds) {
    test(`${k.name}: received first, first on the waitlist, though a later one reached the lock first`, async () => {
      const [holder, early, late] = people.slice(8 * kinds.indexOf(k)) as [TestUser, TestUser, TestUser];
      const id = await k.make();
      assert.equal((await k.join(holder, id)).json().status, 'signed_up');
      // the early one's session is due its "last seen" note, which the test's lock on that session row
      // holds up: it has arrived, but waits before it even reaches the sign-up
      await t.db
        .updateTable('session')
        .set({ last_seen_at: new Date(Date.now() - 3600_000) })
        .where('account_id', '=', early.id)
        .execute();
      const release = await hold((tx) =>
        tx.selectFrom('session').select('id').where('account_id', '=', early.id).forUpdate().execute(),
      );
      const earlyAnswer = k.join(early, id);
      await waitingForLock(1);
      const lateAnswer = await k.join(late, id);
      assert.equal(lateAnswer.statusCode, 201, lateAnswer.body);
      assert.deepEqual([lateAnswer.json().status, lateAnswer.json().waitlistPosition], ['waitlisted', 1]);
      await release();
      const first = await earlyAnswer;
      assert.equal(first.statusCode, 201, first.body);
      // received 1st, so 1st in the queue, ahead of the one who got to the database before it
      assert.deepEqual([first.json().status, first.json().waitlistPosition], ['waitlisted', 1]);
      assert.deepEqual(await queue(k, id), [early.id, late.id]);
      // and the place that comes free is theirs
      assert.equal((await k.leave(holder, id)).statusCode, 200);
      assert.equal(await statusOf(k, id, early), 'signed_up');
      assert.equal(await statusOf(k, id, late), 'waitlisted');
    });

    test(`${k.name}: leaving the waitlist just as the place comes: told it is gone, not left with "you have a place"`, async () => {
      const [, , , holder, leaving, next] = people.slice(8 * kinds.indexOf(k)) as [
        TestUser,
        TestUser,
        TestUser,
        TestUser,
        TestUser,
        TestUser,
      ];
      const id = await k.make();
      const mailedBefore = (await mailsTo(leaving)).length;
      assert.equal((await k.join(holder, id)).json().status, 'signed_up');
      assert.equal((await k.join(leaving, id)).json().waitlistPosition, 1);
      assert.equal((await k.join(next, id)).json().waitlistPosition, 2);
      // both withdrawals wait for the holder's lock, the place holder's first: it gives the place to
      // the first on the waitlist, who is at that moment leaving the waitlist
      const release = await hold(async (tx) =>
        sql`SELECT id FROM ${sql.table(k.table)} WHERE id = ${id} FOR UPDATE`.execute(tx),
      );
      const freeing = k.leave(holder, id);
      await waitingForLock(1);
      const withdrawing = k.leave(leaving, id);
      await waitingForLock(2);
      await release();
      const [a, b] = await Promise.all([freeing, withdrawing]);
      assert.equal(a.statusCode, 200, a.body);
      assert.equal(a.json().promoted, true);
      assert.equal(b.statusCode, 200, b.body);
      // the place went on to the next person, and the one who left has none
      assert.equal(await statusOf(k, id, leaving), 'withdrawn');
      assert.equal(await statusOf(k, id, next), 'signed_up');
      // they were told of the place, and then that it is gone; the first notice no longer counts as new
      const notes = (await told(leaving)).filter((n) => n.kind === k.promoted || n.kind === k.void);
      assert.deepEqual(
        notes.map((n) => n.kind),
        [k.promoted, k.void],
      );
      assert.notEqual(notes[0]?.read_at, null);
      assert.equal(notes[1]?.read_at, null);
      const mails = (await mailsTo(leaving)).slice(mailedBefore);
      assert.deepEqual(
        mails.map((m) => m.subject.split(':')[0]),
        ['Sie haben einen Platz', 'Doch kein Platz'],
      );
      // the next one is told of their place only
      assert.deepEqual(
        (await told(next)).filter((n) => n.kind === k.promoted || n.kind === k.void).map((n) => n.kind),
        [k.promoted],
      );
    });
  }
});
