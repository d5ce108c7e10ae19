import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../../../test/helpers/app.ts';
import { createOrganisation, createUser, type TestUser } from '../../../../../test/helpers/factories.ts';
import { localParts, zonedTime } from '../../../../platform/localTime.ts';

/** A Monday at least a week ahead, at `hour` local time, plus `weeks` weeks. */
function monday(hour: number, minute = 0, weeks = 0): Date {
  const now = localParts(new Date());
  const base = new Date(Date.UTC(now.year, now.month - 1, now.day + 7 + ((8 - now.weekday) % 7) + 7 * weeks));
  return zonedTime(base.getUTCFullYear(), base.getUTCMonth() + 1, base.getUTCDate(), hour * 60 + minute);
}
const iso = (d: Date) => d.toISOString();

describe('bookings', () => {
  let t: TestApp;
  let petra: TestUser;
  let aylin: TestUser;
  let jonas: TestUser;
  let centre: { id: string };
  let diakonie: { id: string };
  let hall: string;

  const call = (
    user: TestUser | null,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    payload?: object,
  ) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: user?.headers ?? {},
      ...(payload ? { payload } : {}),
    });
  const book = (user: TestUser, start: Date, end: Date, extra: object = {}) =>
    call(user, 'POST', '/bookings', { resourceId: hall, start: iso(start), end: iso(end), ...extra });

  before(async () => {
    t = await createTestApp();
    centre = await createOrganisation(t, { name: 'Stadtteilzentrum Linde' });
    diakonie = await createOrganisation(t, { name: 'Diakonie Nord' });
    petra = await createUser(t, { displayName: 'Petra', memberOf: [[centre.id, 'staff']] });
    aylin = await createUser(t, { displayName: 'Aylin', memberOf: [[diakonie.id, 'staff']] });
    jonas = await createUser(t, { displayName: 'Jonas', memberOf: [[diakonie.id, 'volunteer']] });
    const res = await call(petra, 'POST', '/resources', {
      organisationId: centre.id,
      kind: 'room',
      title: 'Saal',
      capacity: 80,
      bufferMinutes: 30,
      lat: 51.34,
      lng: 12.37,
    });
    hall = res.json().id;
    const rules = await call(petra, 'PUT', `/resources/${hall}/availability`, {
      rules: [{ weekday: 1, start: '17:00', end: '22:00' }],
    });
    assert.equal(rules.statusCode, 200, rules.body);
  });
  after(() => t.close());

  test('requests do not block each other; the owner approves one and the other approval is a 409 naming the slot', async () => {
    const a = await book(aylin, monday(18), monday(20), {
      organisationId: diakonie.id,
      note: 'Fallkonferenz',
    });
    assert.equal(a.statusCode, 201, a.body);
    assert.equal(a.json().created[0].status, 'requested');
    const b = await book(jonas, monday(19), monday(21));
    assert.equal(b.statusCode, 201, b.body);
    const incoming = (await call(petra, 'GET', '/bookings/incoming?status=requested')).json();
    assert.equal(incoming.total, 2);
    assert.equal(incoming.items[0].requester.name, 'Aylin');
    assert.equal(incoming.items[0].abilities.approve, true);
    assert.equal((await call(jonas, 'GET', '/bookings/mine')).json().total, 1);
    const told = await t.db
      .selectFrom('notification')
      .select('kind')
      .where('account_id', '=', petra.id)
      .where('kind', '=', 'booking.requested')
      .execute();
    assert.equal(told.length, 2);

    assert.equal((await call(aylin, 'POST', `/bookings/${a.json().created[0].id}/approve`)).statusCode, 403);
    const ok = await call(petra, 'POST', `/bookings/${a.json().created[0].id}/approve`, {
      note: 'Schlüssel im Büro',
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().status, 'approved');
    const edge = await t.db
      .selectFrom('interaction')
      .selectAll()
      .where('source_id', '=', a.json().created[0].id)
      .executeTakeFirstOrThrow();
    assert.deepEqual([edge.kind, edge.a_id, edge.b_id], ['booking', diakonie.id, centre.id]);

    const clash = await call(petra, 'POST', `/bookings/${b.json().created[0].id}/approve`);
    assert.equal(clash.statusCode, 409);
    assert.equal(clash.json().code, 'booking.conflict');
    assert.match(clash.json().title, /18:00–20:00/);
    // the slot in the way as fields, and the booking itself for the owner side, who may see it
    const [slot] = clash.json().conflicts;
    assert.equal(slot.bookingId, a.json().created[0].id);
    assert.equal(new Date(slot.start).getTime(), new Date(a.json().created[0].start).getTime());
    assert.equal(new Date(slot.end).getTime(), new Date(a.json().created[0].end).getTime());
  });

  test('a request overlapping a confirmed booking or its buffer is refused at once; after the buffer it is fine', async () => {
    const inBuffer = await book(jonas, monday(20, 15), monday(21));
    assert.equal(inBuffer.statusCode, 409);
    assert.match(inBuffer.json().title, /18:00–20:00/);
    // Jonas learns the slot in the way, not whose booking it is
    assert.equal(inBuffer.json().conflicts.length, 1);
    assert.equal(inBuffer.json().conflicts[0].bookingId, undefined);
    assert.ok(new Date(inBuffer.json().conflicts[0].start) < monday(20, 15));
    const after = await book(jonas, monday(20, 30), monday(21, 30));
    assert.equal(after.statusCode, 201, after.body);
  });

  test('a window may run to midnight', async () => {
    const other = await call(petra, 'POST', '/resources', {
      organisationId: centre.id,
      kind: 'room',
      title: 'Keller',
    });
    const id = other.json().id;
    const put = await call(petra, 'PUT', `/resources/${id}/availability`, {
      rules: [{ weekday: 1, start: '20:00', end: '24:00' }],
    });
    assert.deepEqual(
      put.json().rules.map((r: { end: string }) => r.end),
      ['24:00'],
    );
    const late = await call(jonas, 'POST', '/bookings', {
      resourceId: id,
      start: iso(monday(22)),
      end: iso(new Date(monday(22).getTime() + 2 * 3600_000)),
    });
    assert.equal(late.statusCode, 201, late.body);
  });

  test('outside the weekly availability or in a blocked period: 422 with a clear message', async () => {
    const tuesday = new Date(monday(18).getTime() + 24 * 3600_000);
    const res = await book(jonas, tuesday, new Date(tuesday.getTime() + 3600_000));
    assert.equal(res.statusCode, 422);
    assert.equal(res.json().code, 'booking.outside_availability');
    assert.match(res.json().title, /außerhalb der Zeiten, zu denen „Saal“ verfügbar ist/);
    const block = await call(petra, 'POST', `/resources/${hall}/blocked-periods`, {
      start: iso(monday(0, 0, 3)),
      end: iso(monday(23, 59, 3)),
      reason: 'Renovierung',
    });
    assert.equal(block.statusCode, 201, block.body);
    const blocked = await book(jonas, monday(18, 0, 3), monday(19, 0, 3));
    assert.equal(blocked.statusCode, 422);
    assert.equal(blocked.json().code, 'booking.blocked');
    assert.match(blocked.json().title, /Renovierung/);
  });

  test('a weekly series lists every created and every refused date, none dropped', async () => {
    const until = monday(12, 0, 4).toISOString().slice(0, 10);
    const res = await book(aylin, monday(18), monday(20), { repeatWeeklyUntil: until });
    assert.equal(res.statusCode, 201, res.body);
    const body = res.json();
    assert.equal(body.created.length + body.refused.length, 5);
    // week 0 collides with the approved booking, week 3 with the renovation
    assert.deepEqual(
      body.refused.map((r: { code: string }) => r.code),
      ['booking.conflict', 'booking.blocked'],
    );
    assert.equal(body.created.length, 3);
    assert.ok(body.created.every((b: { seriesId: string }) => b.seriesId === body.created[0].seriesId));
    assert.match(body.refused[0].message, /bestätigten Buchung/);
  });

  test('hand-over and return with condition notes, in that order only; cancelling before hand-over', async () => {
    const res = await book(jonas, monday(17, 0, 1), monday(18, 0, 1));
    const id = res.json().created[0].id;
    assert.equal((await call(petra, 'POST', `/bookings/${id}/hand-over`)).statusCode, 409);
    assert.equal((await call(petra, 'POST', `/bookings/${id}/approve`)).statusCode, 200);
    const handed = await call(petra, 'POST', `/bookings/${id}/hand-over`, { note: 'Stühle vollständig' });
    assert.equal(handed.json().status, 'handed_over');
    assert.equal(handed.json().handoverNote, 'Stühle vollständig');
    assert.equal((await call(jonas, 'POST', `/bookings/${id}/cancel`)).statusCode, 409);
    const back = await call(petra, 'POST', `/bookings/${id}/return`, { note: 'Ein Tisch wackelt' });
    assert.equal(back.json().status, 'returned');
    assert.equal(back.json().returnNote, 'Ein Tisch wackelt');

    const other = await book(jonas, monday(21, 0, 1), monday(22, 0, 1));
    const cancelled = await call(jonas, 'POST', `/bookings/${other.json().created[0].id}/cancel`);
    assert.equal(cancelled.json().status, 'cancelled');
    assert.equal((await call(aylin, 'GET', `/bookings/${other.json().created[0].id}`)).statusCode, 404);
  });

  test('calendar feeds per resource and per person behind secret, revocable URLs', async () => {
    const feed = await call(petra, 'POST', `/resources/${hall}/feed`);
    assert.equal(feed.statusCode, 201);
    const path = new URL(feed.json().url).pathname;
    const ics = await t.app.inject({ method: 'GET', url: path });
    assert.equal(ics.statusCode, 200);
    assert.match(String(ics.headers['content-type']), /text\/calendar/);
    assert.match(ics.body, /BEGIN:VCALENDAR/);
    assert.match(ics.body, /SUMMARY:Aylin/);
    assert.match(ics.body, /STATUS:CONFIRMED/);
    assert.equal((await call(aylin, 'POST', `/resources/${hall}/feed`)).statusCode, 403);
    assert.equal((await call(petra, 'DELETE', `/resources/${hall}/feed`)).statusCode, 204);
    assert.equal((await t.app.inject({ method: 'GET', url: path })).statusCode, 404);

    const mine = await call(aylin, 'POST', '/bookings/feed');
    const mineIcs = await t.app.inject({ method: 'GET', url: new URL(mine.json().url).pathname });
    assert.match(mineIcs.body, /SUMMARY:Saal/);
    const rotated = await call(aylin, 'POST', '/bookings/feed');
    assert.notEqual(rotated.json().url, mine.json().url);
    assert.equal(
      (await t.app.inject({ method: 'GET', url: new URL(mine.json().url).pathname })).statusCode,
      404,
    );
  });

  test('the catalogue finds what is free in a time window; utilisation shows booked vs available hours', async () => {
    const busy = await call(null, 'GET', `/resources?freeFrom=${iso(monday(18))}&freeTo=${iso(monday(19))}`);
    assert.ok(!busy.json().items.some((r: { id: string }) => r.id === hall));
    const listed = async (from: Date, to: Date) =>
      (await call(null, 'GET', `/resources?freeFrom=${iso(from)}&freeTo=${iso(to)}`))
        .json()
        .items.map((r: { id: string }) => r.id) as string[];
    // a week later the hall is open (Mondays 17–22 h) and not booked
    assert.ok((await listed(monday(18, 0, 1), monday(19, 0, 1))).includes(hall));
    // outside its weekly opening it is not free, booked or not: the filter applies the same rule as a booking
    assert.ok(!(await listed(monday(12, 0, 1), monday(13, 0, 1))).includes(hall));
    assert.ok(!(await listed(monday(21, 0, 1), monday(23, 0, 1))).includes(hall));
    // a window across days fits no weekly rule; a resource without rules is free whenever it is not booked
    const drill = await call(petra, 'POST', '/resources', {
      organisationId: centre.id,
      kind: 'equipment',
      title: 'Bohrmaschine',
    });
    const days = await listed(monday(12, 0, 1), monday(12, 0, 2));
    assert.ok(days.includes(drill.json().id));
    assert.ok(!days.includes(hall));
    const u = await call(
      petra,
      'GET',
      `/resources/utilisation?organisationId=${centre.id}&from=${iso(monday(0))}&to=${iso(monday(0, 0, 1))}`,
    );
    assert.equal(u.statusCode, 200, u.body);
    const row = u.json().items.find((i: { resourceId: string }) => i.resourceId === hall);
    // Monday 17–22: 5 hours available; 18–20 and 20:30–21:30 booked (approved or requested-only not counted)
    assert.equal(row.availableHours, 5);
    assert.equal(row.bookedHours, 2);
    assert.equal(row.idle, false);
    assert.equal(
      (
        await call(
          jonas,
          'GET',
          `/resources/utilisation?organisationId=${centre.id}&from=${iso(monday(0))}&to=${iso(monday(0, 0, 1))}`,
        )
      ).statusCode,
      403,
    );
  });

  test('the booking form’s suggestion is a free time that can be booked; the next one steers clear of it', async () => {
    const made = await call(petra, 'POST', '/resources', {
      organisationId: centre.id,
      kind: 'room',
      title: 'Werkraum',
      bufferMinutes: 30,
      autoApprove: true,
    });
    const room = made.json().id;
    await call(petra, 'PUT', `/resources/${room}/availability`, {
      rules: [{ weekday: 3, start: '16:00', end: '20:00' }],
    });
    const first = await call(jonas, 'GET', `/resources/${room}/free-slot?minutes=90`);
    assert.equal(first.statusCode, 200, first.body);
    const { slot, weeks } = first.json();
    assert.equal(weeks, 4);
    assert.equal(localParts(new Date(slot.start)).weekday, 3);
    assert.equal(new Date(slot.end).getTime() - new Date(slot.start).getTime(), 90 * 60_000);
    const booked = await call(jonas, 'POST', '/bookings', {
      resourceId: room,
      start: slot.start,
      end: slot.end,
    });
    assert.equal(booked.statusCode, 201, booked.body);
    const next = (await call(jonas, 'GET', `/resources/${room}/free-slot?minutes=90`)).json().slot;
    // after the booking and its half-hour buffer, and itself bookable
    assert.ok(
      new Date(next.start).getTime() >= new Date(slot.end).getTime() + 30 * 60_000,
      JSON.stringify(next),
    );
    const again = await call(aylin, 'POST', '/bookings', {
      resourceId: room,
      start: next.start,
      end: next.end,
    });
    assert.equal(again.statusCode, 201, again.body);
  });

  test('when nothing is free in the next four weeks, the suggestion says so instead of guessing', async () => {
    const made = await call(petra, 'POST', '/resources', {
      organisationId: centre.id,
      kind: 'equipment',
      title: 'Beamer',
    });
    const beamer = made.json().id;
    await call(petra, 'POST', `/resources/${beamer}/blocked-periods`, {
      start: new Date(Date.now() - 3600_000).toISOString(),
      end: new Date(Date.now() + 40 * 24 * 3600_000).toISOString(),
      reason: 'In Reparatur',
    });
    const res = (await call(null, 'GET', `/resources/${beamer}/free-slot`)).json();
    assert.equal(res.slot, null);
    assert.ok(new Date(res.searchedUntil).getTime() > Date.now() + 27 * 24 * 3600_000);
    // a day after the repair is asked for: free again
    const later = (
      await call(
        null,
        'GET',
        `/resources/${beamer}/free-slot?from=${iso(new Date(Date.now() + 41 * 24 * 3600_000))}`,
      )
    ).json();
    assert.notEqual(later.slot, null);
  });
});
