import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../../../test/helpers/app.ts';
import { createOrganisation, createUser, type TestUser } from '../../../../../test/helpers/factories.ts';
import { loadConfig } from '../../../../config.ts';
import { jobHandlers } from '../../../../platform/job-handlers.ts';
import { runDueJobs } from '../../../../platform/jobs.ts';
import { remindShift } from '../../commands/remindShift.ts';

const hour = 3600_000;

describe('shifts: sign-up, waitlist, check-in and the coordinator views', () => {
  let t: TestApp;
  let centre: { id: string };
  let petra: TestUser;
  let otherStaff: TestUser;
  let people: TestUser[];
  let opportunityId: string;

  const call = (
    user: TestUser | null,
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: object,
  ) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: user?.headers ?? {},
      ...(payload ? { payload } : {}),
    });

  async function shift(start: Date, hours: number, capacity: number, waitlistEnabled = true) {
    const r = await call(petra, 'POST', `/opportunities/${opportunityId}/shifts`, {
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + hours * hour).toISOString(),
      capacity,
      waitlistEnabled,
    });
    assert.equal(r.statusCode, 201, r.body);
    return r.json().id as string;
  }
  const signups = async (shiftId: string) =>
    t.db
      .selectFrom('shift_signup')
      .select(['account_id', 'status'])
      .where('shift_id', '=', shiftId)
      .orderBy('queued_at')
      .orderBy('queue_no')
      .execute();

  before(async () => {
    t = await createTestApp();
    centre = await createOrganisation(t, { name: 'Tafel Nord' });
    const other = await createOrganisation(t);
    petra = await createUser(t, { displayName: 'Petra', memberOf: [[centre.id, 'staff']] });
    otherStaff = await createUser(t, { memberOf: [[other.id, 'staff']] });
    people = [];
    for (const name of ['Jonas', 'Aylin', 'Frau M.', 'Herr B.'])
      people.push(await createUser(t, { displayName: name }));
    const r = await call(petra, 'POST', '/opportunities', {
      level: 'regular',
      title: 'Lebensmittel ausgeben',
      mode: 'on_site',
      organisationIds: [centre.id],
      status: 'published',
    });
    opportunityId = r.json().id;
  });
  after(() => t.close());

  test('places first, then the waitlist in order; a withdrawal moves the first waiting person up and tells them', async () => {
    const [jonas, aylin, frauM, herrB] = people as [TestUser, TestUser, TestUser, TestUser];
    const id = await shift(new Date(Date.now() + 48 * hour), 3, 2);
    assert.equal((await call(null, 'POST', `/shifts/${id}/signup`)).statusCode, 401);
    const a = (await call(jonas, 'POST', `/shifts/${id}/signup`)).json();
    const b = (await call(aylin, 'POST', `/shifts/${id}/signup`)).json();
    const c = (await call(frauM, 'POST', `/shifts/${id}/signup`)).json();
    const d = (await call(herrB, 'POST', `/shifts/${id}/signup`)).json();
    assert.deepEqual(
      [a, b, c, d].map((x) => [x.status, x.waitlistPosition]),
      [
        ['signed_up', null],
        ['signed_up', null],
        ['waitlisted', 1],
        ['waitlisted', 2],
      ],
    );
    const twice = await call(jonas, 'POST', `/shifts/${id}/signup`);
    assert.equal(twice.statusCode, 409);
    assert.equal(twice.json().code, 'shift.already_signed_up');
    const seen = (await call(herrB, 'GET', `/shifts/${id}`)).json();
    assert.deepEqual([seen.signedUp, seen.freePlaces, seen.waitlisted], [2, 0, 2]);
    assert.deepEqual(seen.mySignup.waitlistPosition, 2);

    const w = await call(aylin, 'POST', `/shifts/${id}/withdraw`);
    assert.equal(w.statusCode, 200, w.body);
    assert.equal(w.json().promoted, true);
    assert.deepEqual(
      (await signups(id)).map((s) => [s.account_id, s.status]),
      [
        [jonas.id, 'signed_up'],
        [aylin.id, 'withdrawn'],
        [frauM.id, 'signed_up'],
        [herrB.id, 'waitlisted'],
      ],
    );
    const told = await t.db
      .selectFrom('notification')
      .select(['kind', 'params'])
      .where('account_id', '=', frauM.id)
      .where('kind', '=', 'shift.promoted')
      .execute();
    assert.equal(told.length, 1);
    const mail = await t.db
      .selectFrom('outbox_email')
      .select(['subject'])
      .where('to_address', '=', frauM.email)
      .executeTakeFirstOrThrow();
    assert.ok(mail.subject.includes('Lebensmittel ausgeben'), mail.subject);
    assert.equal((await call(herrB, 'GET', `/shifts/${id}`)).json().mySignup.waitlistPosition, 1);
    // a waiting person withdrawing frees nothing
    assert.equal((await call(herrB, 'POST', `/shifts/${id}/withdraw`)).json().promoted, false);
    assert.equal((await call(herrB, 'POST', `/shifts/${id}/withdraw`)).statusCode, 404);
    // signing up again after withdrawing is possible
    assert.equal((await call(aylin, 'POST', `/shifts/${id}/signup`)).json().status, 'waitlisted');
  });

  test('without a waitlist a full shift answers 409 and writes nothing', async () => {
    const id = await shift(new Date(Date.now() + 72 * hour), 2, 1, false);
    assert.equal((await call(people[0]!, 'POST', `/shifts/${id}/signup`)).statusCode, 201);
    const full = await call(people[1]!, 'POST', `/shifts/${id}/signup`);
    assert.equal(full.statusCode, 409);
    assert.equal(full.json().code, 'shift.full');
    // what the shift holds, as fields a program can act on
    assert.deepEqual(full.json().available, {
      places: 0,
      capacity: 1,
      taken: 1,
      waitlist: false,
      waitlisted: 0,
    });
    assert.equal((await signups(id)).length, 1);
  });

  test('a closed opportunity takes no sign-ups, and one whose dates are past is not suggested', async () => {
    const o = await call(petra, 'POST', '/opportunities', {
      level: 'event_project',
      title: 'Lebensmittel sortieren',
      mode: 'on_site',
      organisationIds: [centre.id],
      skills: ['sortieren'],
      status: 'published',
    });
    const oid = o.json().id;
    const r = await call(petra, 'POST', `/opportunities/${oid}/shifts`, {
      startsAt: new Date(Date.now() + 50 * hour).toISOString(),
      endsAt: new Date(Date.now() + 51 * hour).toISOString(),
      capacity: 4,
    });
    const past = await call(petra, 'POST', '/opportunities', {
      level: 'event_project',
      title: 'Sortieren (vorbei)',
      mode: 'on_site',
      organisationIds: [centre.id],
      skills: ['sortieren'],
      status: 'published',
    });
    await call(petra, 'POST', `/opportunities/${past.json().id}/shifts`, {
      startsAt: new Date(Date.now() - 50 * hour).toISOString(),
      endsAt: new Date(Date.now() - 49 * hour).toISOString(),
      capacity: 4,
    });
    const herrB = people[3]!;
    await call(herrB, 'PATCH', '/me', { skills: ['sortieren'] });
    const suggested = (await call(herrB, 'GET', '/opportunities/suggestions')).json().items;
    assert.deepEqual(
      suggested.map((s: { opportunity: { id: string } }) => s.opportunity.id),
      [oid],
    );
    assert.equal((await call(petra, 'PATCH', `/opportunities/${oid}`, { status: 'closed' })).statusCode, 200);
    const closed = await call(herrB, 'POST', `/shifts/${r.json().id}/signup`);
    assert.equal(closed.statusCode, 409);
    assert.equal(closed.json().code, 'opportunity.not_published');
    assert.deepEqual((await call(herrB, 'GET', '/opportunities/suggestions')).json().items, []);
  });

  test('capacity never drops below those signed up', async () => {
    const id = await shift(new Date(Date.now() + 96 * hour), 2, 3);
    await call(people[0]!, 'POST', `/shifts/${id}/signup`);
    await call(people[1]!, 'POST', `/shifts/${id}/signup`);
    const lower = await call(petra, 'PATCH', `/shifts/${id}`, { capacity: 1 });
    assert.equal(lower.statusCode, 409);
    assert.equal(lower.json().code, 'shift.capacity_below_signed_up');
    assert.equal((await call(petra, 'PATCH', `/shifts/${id}`, { capacity: 2 })).json().capacity, 2);
    assert.equal((await call(otherStaff, 'PATCH', `/shifts/${id}`, { capacity: 9 })).statusCode, 403);
    assert.equal((await call(petra, 'PATCH', `/shifts/${id}`, { capacity: 0 })).statusCode, 400);
  });

  test('places raised go to the waitlist at once, longest waiting first, each told; not after the shift', async () => {
    const [jonas, aylin, frauM, herrB] = people as [TestUser, TestUser, TestUser, TestUser];
    const id = await shift(new Date(Date.now() + 120 * hour), 2, 1);
    for (const p of [jonas, aylin, frauM, herrB]) await call(p, 'POST', `/shifts/${id}/signup`);
    const promotedNotices = async () => {
      const rows = await t.db
        .selectFrom('notification')
        .select('account_id')
        .where('kind', '=', 'shift.promoted')
        .execute();
      return people.map((p) => rows.filter((r) => r.account_id === p.id).length);
    };
    const noticesBefore = await promotedNotices();
    const raised = await call(petra, 'PATCH', `/shifts/${id}`, { capacity: 3 });
    assert.equal(raised.statusCode, 200, raised.body);
    assert.deepEqual([raised.json().signedUp, raised.json().waitlisted, raised.json().freePlaces], [3, 1, 0]);
    assert.deepEqual(
      (await signups(id)).map((s) => [s.account_id, s.status]),
      [
        [jonas.id, 'signed_up'],
        [aylin.id, 'signed_up'],
        [frauM.id, 'signed_up'],
        [herrB.id, 'waitlisted'],
      ],
    );
    // Aylin and Frau M. are told, nobody else
    const noticesAfter = await promotedNotices();
    assert.deepEqual(
      noticesAfter.map((n, i) => n - (noticesBefore[i] ?? 0)),
      [0, 1, 1, 0],
    );
    const audit = await t.db
      .selectFrom('audit_log')
      .select('details')
      .where('entity_id', '=', id)
      .where('action', '=', 'shift.updated')
      .executeTakeFirstOrThrow();
    assert.equal((audit.details as { promoted: number }).promoted, 2);
    // the note alone moves nobody
    assert.equal(
      (await call(petra, 'PATCH', `/shifts/${id}`, { note: 'Hintereingang' })).json().waitlisted,
      1,
    );

    // a shift that has ended keeps its waitlist as it was
    const past = await shift(new Date(Date.now() + 0.2 * hour), 1, 1);
    await call(jonas, 'POST', `/shifts/${past}/signup`);
    await call(aylin, 'POST', `/shifts/${past}/signup`);
    await t.ownerDb
      .updateTable('shift')
      .set({ starts_at: new Date(Date.now() - 3 * hour), ends_at: new Date(Date.now() - 2 * hour) })
      .where('id', '=', past)
      .execute();
    const late = await call(petra, 'PATCH', `/shifts/${past}`, { capacity: 2 });
    assert.equal(late.statusCode, 200, late.body);
    assert.deepEqual([late.json().signedUp, late.json().waitlisted], [1, 1]);
  });

  test('check-in during the shift records its length as hours; coordinators mark no-shows and correct them', async () => {
    const [jonas, aylin] = people as [TestUser, TestUser];
    const id = await shift(new Date(Date.now() - 0.5 * hour), 2, 5);
    await call(jonas, 'POST', `/shifts/${id}/signup`);
    await call(aylin, 'POST', `/shifts/${id}/signup`);
    const c = await call(jonas, 'POST', `/shifts/${id}/check-in`);
    assert.equal(c.statusCode, 200, c.body);
    const hours = await t.db
      .selectFrom('hours_entry')
      .select(['minutes', 'status', 'organisation_id', 'source'])
      .where('id', '=', c.json().hoursId)
      .executeTakeFirstOrThrow();
    assert.deepEqual(hours, {
      minutes: 120,
      status: 'pending',
      organisation_id: centre.id,
      source: 'check_in',
    });
    assert.equal((await call(jonas, 'POST', `/shifts/${id}/check-in`)).statusCode, 409);
    const roster = (await call(petra, 'GET', `/shifts/${id}/roster`)).json();
    const aylinRow = roster.items.find((r: { accountId: string }) => r.accountId === aylin.id);
    assert.equal(
      (await call(jonas, 'POST', `/shifts/${id}/signups/${aylinRow.signupId}/no-show`)).statusCode,
      403,
    );
    const ns = await call(petra, 'POST', `/shifts/${id}/signups/${aylinRow.signupId}/no-show`);
    assert.equal(ns.statusCode, 204, ns.body);
    const fixed = await call(petra, 'POST', `/shifts/${id}/signups/${aylinRow.signupId}/check-in`);
    assert.equal(fixed.statusCode, 200, fixed.body);
    assert.ok(fixed.json().hoursId);
    const total = await t.db
      .selectFrom('hours_entry')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('shift_id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(total.n, 2);
    // check-in too early is refused
    const later = await shift(new Date(Date.now() + 5 * hour), 1, 2);
    await call(jonas, 'POST', `/shifts/${later}/signup`);
    const early = await call(jonas, 'POST', `/shifts/${later}/check-in`);
    assert.equal(early.statusCode, 409);
    assert.equal(early.json().code, 'shift.check_in_not_yet');
  });

  test('roster, CSV and a message to everyone signed up are for coordinators only', async () => {
    const [jonas, aylin, frauM] = people as [TestUser, TestUser, TestUser];
    const id = await shift(new Date(Date.now() + 30 * hour), 2, 2);
    for (const p of [jonas, aylin, frauM]) await call(p, 'POST', `/shifts/${id}/signup`);
    assert.equal((await call(jonas, 'GET', `/shifts/${id}/roster`)).statusCode, 403);
    assert.equal((await call(otherStaff, 'GET', `/shifts/${id}/roster.csv`)).statusCode, 403);
    const roster = (await call(petra, 'GET', `/shifts/${id}/roster`)).json();
    assert.deepEqual(
      roster.items.map((r: { name: string; status: string; waitlistPosition: number | null }) => [
        r.name,
        r.status,
        r.waitlistPosition,
      ]),
      [
        ['Jonas', 'signed_up', null],
        ['Aylin', 'signed_up', null],
        ['Frau M.', 'waitlisted', 1],
      ],
    );
    const csv = await call(petra, 'GET', `/shifts/${id}/roster.csv`);
    assert.equal(csv.statusCode, 200);
    assert.match(csv.headers['content-type'] as string, /text\/csv/);
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    assert.equal(lines.length, 4);
    assert.ok(lines[1]!.startsWith('"Jonas"'));
    assert.ok(lines[3]!.includes('"waitlisted","1"'));

    const denied = await call(jonas, 'POST', `/shifts/${id}/message`, { subject: 'Hallo', body: 'Test' });
    assert.equal(denied.statusCode, 403);
    const outboxBefore = await t.db
      .selectFrom('outbox_email')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const bad = await call(petra, 'POST', `/shifts/${id}/message`, { subject: '', body: 'Test' });
    assert.equal(bad.statusCode, 400);
    const sent = await call(petra, 'POST', `/shifts/${id}/message`, {
      subject: 'Treffpunkt geändert',
      body: 'Wir treffen uns am Hintereingang.',
    });
    assert.equal(sent.statusCode, 200, sent.body);
    assert.equal(sent.json().recipients, 2);
    const outboxAfter = await t.db
      .selectFrom('outbox_email')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(outboxAfter.n - outboxBefore.n, 2);
    const inApp = await t.db
      .selectFrom('notification')
      .select('account_id')
      .where('kind', '=', 'shift.message')
      .execute();
    assert.deepEqual(inApp.map((n) => n.account_id).sort(), [jonas.id, aylin.id].sort());
  });

  test('a coordinator taking someone off moves the waitlist up; a reminder job tells those with a place once', async () => {
    const [jonas, aylin, frauM] = people as [TestUser, TestUser, TestUser];
    const id = await shift(new Date(Date.now() + 10 * hour), 1, 2);
    for (const p of [jonas, aylin, frauM]) await call(p, 'POST', `/shifts/${id}/signup`);
    const roster = (await call(petra, 'GET', `/shifts/${id}/roster`)).json();
    const aylinRow = roster.items.find((r: { accountId: string }) => r.accountId === aylin.id);
    assert.equal((await call(jonas, 'DELETE', `/shifts/${id}/signups/${aylinRow.signupId}`)).statusCode, 403);
    const off = await call(petra, 'DELETE', `/shifts/${id}/signups/${aylinRow.signupId}`);
    assert.equal(off.json().promoted, true);
    // the reminder job is due (the shift starts within a day) and runs through the registered handler
    const handlers = jobHandlers(loadConfig({ SEED: 'none', DATA_DIR: '/nonexistent' }));
    await runDueJobs(t.db, { 'participation.shift_reminder': handlers['participation.shift_reminder']! });
    const reminded = await t.db
      .selectFrom('notification')
      .select('account_id')
      .where('kind', '=', 'shift.reminder')
      .where('link', 'like', `/mitmachen/${opportunityId}`)
      .execute();
    assert.ok(reminded.some((r) => r.account_id === jonas.id));
    assert.ok(reminded.some((r) => r.account_id === frauM.id));
    assert.ok(!reminded.some((r) => r.account_id === aylin.id));
    assert.equal(await remindShift(t.db, t.networkId, id), 0, 'nobody is reminded twice');
    const mine = (await call(frauM, 'GET', '/shifts/mine')).json().items;
    assert.ok(
      mine.some((m: { shiftId: string; status: string }) => m.shiftId === id && m.status === 'signed_up'),
    );
  });
});
