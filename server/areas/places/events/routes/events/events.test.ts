import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../../../../test/helpers/app.ts';
import { eventBody, makeCommunity, startedAgo } from '../../../../../../test/helpers/events.ts';
import { createOrganisation, createUser, type TestUser } from '../../../../../../test/helpers/factories.ts';
import { remindEvent } from '../../commands/remindEvent.ts';

describe('places events: hosts invite, people register with capacity and a waitlist, hosts record who came', () => {
  let t: TestApp;
  let centre: { id: string; name: string };
  let petra: TestUser; // staff of the centre
  let mia: TestUser; // volunteer of the centre
  let otherStaff: TestUser; // staff of another organisation
  let max: TestUser; // owner of the repair café community
  let jana: TestUser; // member of the community
  let asking: TestUser; // asked to join the community, not accepted yet
  let people: TestUser[];
  let cafe: { id: string };

  type Who = TestUser | null;
  const call = (who: Who, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({
      method,
      url: `/api/v1/places/events${url}`,
      headers: who?.headers ?? {},
      ...(payload ? { payload } : {}),
    });
  const create = async (who: TestUser, body: object) => {
    const r = await call(who, 'POST', '/', body);
    assert.equal(r.statusCode, 201, r.body);
    return r.json() as { id: string; abilities: Record<string, boolean> };
  };
  const count = async (table: 'place_event' | 'place_event_registration' | 'interaction') =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const notifications = (who: TestUser, kind: string) =>
    t.db
      .selectFrom('notification')
      .select(['params', 'link'])
      .where('account_id', '=', who.id)
      .where('kind', '=', kind)
      .execute();
  const mails = (who: TestUser) =>
    t.db
      .selectFrom('outbox_email')
      .select(['subject', 'body_text'])
      .where('to_address', '=', who.email)
      .execute();
  const orgHost = () => ({ type: 'organisation' as const, id: centre.id });

  before(async () => {
    t = await createTestApp();
    centre = await createOrganisation(t, { name: 'Nachbarschaftszentrum Lindenhof' });
    const other = await createOrganisation(t, { name: 'Tafel' });
    petra = await createUser(t, { displayName: 'Petra Lange', memberOf: [[centre.id, 'staff']] });
    mia = await createUser(t, { displayName: 'Mia Mitglied', memberOf: [[centre.id, 'volunteer']] });
    otherStaff = await createUser(t, { displayName: 'Birgit Tafel', memberOf: [[other.id, 'staff']] });
    max = await createUser(t, { displayName: 'Max Engel' });
    jana = await createUser(t, { displayName: 'Jana Peters' });
    asking = await createUser(t, { displayName: 'Yusuf Aydın' });
    people = [];
    for (const name of ['Jonas', 'Aylin', 'Frau M.', 'Herr B.'])
      people.push(await createUser(t, { displayName: name }));
    cafe = await makeCommunity(t, {
      name: 'Repair-Café Lindenbrück',
      members: [
        [max.id, 'owner'],
        [jana.id, 'member'],
        [asking.id, 'member', 'requested'],
      ],
    });
  });
  after(() => t.close());

  test('staff of the organisation and the community’s owners invite; nobody else; bad input is named and writes nothing', async () => {
    assert.equal((await call(null, 'POST', '/', eventBody(orgHost()))).statusCode, 401);
    for (const who of [mia, otherStaff, jana]) {
      const r = await call(who, 'POST', '/', eventBody(orgHost()));
      assert.equal(r.statusCode, 403, `${who.displayName}: ${r.body}`);
      assert.equal(r.json().code, 'place_event.not_host');
    }
    for (const who of [petra, jana, asking]) {
      const r = await call(who, 'POST', '/', eventBody({ type: 'community', id: cafe.id }));
      assert.equal(r.statusCode, 403, `${who.displayName}: ${r.body}`);
    }
    // a host that does not exist reads exactly like one that is not the person's
    const none = await call(petra, 'POST', '/', eventBody({ type: 'organisation', id: max.id }));
    assert.equal(none.statusCode, 403);
    const bad: [Record<string, unknown>, string, string][] = [
      [{ endsAt: new Date(Date.now() + 3600_000).toISOString() }, 'endsAt', 'Ende'],
      [{ venue: '', onlineUrl: null }, 'venue', 'Ort'],
      [{ free: false, price: ' ' }, 'price', 'kostet'],
      [{ registration: false, capacity: 10 }, 'capacity', 'Anmeldung'],
      [
        {
          startsAt: new Date(Date.now() - 7200_000).toISOString(),
          endsAt: new Date(Date.now() + 3600_000).toISOString(),
        },
        'startsAt',
        'Vergangenheit',
      ],
      [{ districtId: '00000000-0000-0000-0000-000000000000' }, 'districtId', ''],
    ];
    for (const [over, f, word] of bad) {
      const r = await call(petra, 'POST', '/', eventBody(orgHost(), over));
      assert.equal(r.statusCode, 422, `${JSON.stringify(over)}: ${r.body}`);
      const error = (r.json().errors as { field: string; message: string }[]).find(
        (e) => e.field === `/${f}`,
      );
      assert.ok(error, `${f} named: ${r.body}`);
      assert.match(error.message, new RegExp(word));
    }
    assert.equal(await count('place_event'), 0);
    const mine = await create(petra, eventBody(orgHost()));
    assert.equal(mine.abilities.edit, true);
    const theirs = await create(max, eventBody({ type: 'community', id: cafe.id }));
    assert.equal(theirs.abilities.manage, true);
    const hosts = (await call(max, 'GET', '/hosts')).json();
    assert.deepEqual(
      hosts.communities.map((c: { name: string }) => c.name),
      ['Repair-Café Lindenbrück'],
    );
    assert.deepEqual(
      (await call(petra, 'GET', '/hosts')).json().organisations.map((o: { name: string }) => o.name),
      ['Nachbarschaftszentrum Lindenhof'],
    );
  });

  test('a members-only event exists only for the host’s members: 404 to everyone else, also to register', async () => {
    const orgOnly = await create(petra, eventBody(orgHost(), { visibility: 'members' }));
    const clubOnly = await create(
      max,
      eventBody({ type: 'community', id: cafe.id }, { visibility: 'members' }),
    );
    for (const [id, insiders, outsiders] of [
      [orgOnly.id, [petra, mia], [null, otherStaff, jana, max]],
      [clubOnly.id, [max, jana], [null, asking, petra, mia]],
    ] as [string, TestUser[], Who[]][]) {
      for (const who of insiders)
        assert.equal((await call(who, 'GET', `/${id}`)).statusCode, 200, who.displayName);
      for (const who of outsiders) {
        assert.equal((await call(who, 'GET', `/${id}`)).statusCode, 404, who?.displayName ?? 'anonymous');
        if (who) assert.equal((await call(who, 'POST', `/${id}/register`)).statusCode, 404);
      }
    }
    const r = await call(jana, 'POST', `/${clubOnly.id}/register`);
    assert.equal(r.statusCode, 201, r.body);
    assert.equal(r.json().status, 'signed_up');
  });

  test('places first, then the waitlist in order; a withdrawal moves the first waiting person up and tells them', async () => {
    const [jonas, aylin, frauM, herrB] = people as [TestUser, TestUser, TestUser, TestUser];
    const { id } = await create(
      petra,
      eventBody(orgHost(), { capacity: 2, onlineUrl: 'https://meet.example.org/x' }),
    );
    assert.equal((await call(null, 'POST', `/${id}/register`)).statusCode, 401);
    const got = [];
    for (const who of [jonas, aylin, frauM, herrB]) {
      const r = await call(who, 'POST', `/${id}/register`);
      assert.equal(r.statusCode, 201, r.body);
      got.push([r.json().status, r.json().waitlistPosition]);
    }
    assert.deepEqual(got, [
      ['signed_up', null],
      ['signed_up', null],
      ['waitlisted', 1],
      ['waitlisted', 2],
    ]);
    const twice = await call(jonas, 'POST', `/${id}/register`);
    assert.equal(twice.statusCode, 409);
    assert.equal(twice.json().code, 'place_event.already_registered');
    // the link to join online stands for a place: the waiting and the unregistered do not get it
    assert.equal((await call(jonas, 'GET', `/${id}`)).json().onlineUrl, 'https://meet.example.org/x');
    for (const who of [herrB, mia, null]) {
      const seen = (await call(who, 'GET', `/${id}`)).json();
      assert.equal(seen.onlineUrl, null);
      assert.equal(seen.online, true);
    }
    const view = (await call(frauM, 'GET', `/${id}`)).json();
    assert.deepEqual([view.freePlaces, view.waitlisted, view.mine.waitlistPosition], [0, 2, 1]);
    assert.equal(view.abilities.withdraw, true);

    const w = await call(jonas, 'POST', `/${id}/withdraw`);
    assert.equal(w.statusCode, 200, w.body);
    assert.equal(w.json().promoted, true);
    assert.equal((await call(frauM, 'GET', `/${id}`)).json().mine.status, 'signed_up');
    assert.equal((await call(herrB, 'GET', `/${id}`)).json().mine.waitlistPosition, 1);
    assert.equal((await notifications(frauM, 'place_event.promoted')).length, 1);
    assert.match((await mails(frauM))[0]?.subject ?? '', /Sie haben einen Platz/);
    assert.equal((await call(jonas, 'POST', `/${id}/withdraw`)).statusCode, 404, 'nothing left to withdraw');

    // the host's list: places first, then the waitlist
    assert.equal((await call(jonas, 'GET', `/${id}/registrations`)).statusCode, 403);
    const list = (await call(petra, 'GET', `/${id}/registrations`)).json();
    assert.deepEqual(
      list.items.map((r: { name: string; status: string }) => [r.name, r.status]),
      [
        ['Aylin', 'signed_up'],
        ['Frau M.', 'signed_up'],
        ['Herr B.', 'waitlisted'],
      ],
    );
  });

  test('the host changes places: never below those taken, more places go to the waitlist, registration stays on', async () => {
    const [jonas, aylin, frauM] = people as [TestUser, TestUser, TestUser];
    const body = eventBody(orgHost(), { capacity: 1 });
    const { id } = await create(petra, body);
    const { host: _host, ...fields } = body;
    for (const who of [jonas, aylin, frauM]) await call(who, 'POST', `/${id}/register`);
    assert.equal((await call(mia, 'PUT', `/${id}`, { ...fields, capacity: 5 })).statusCode, 403);
    const more = await call(petra, 'PUT', `/${id}`, { ...fields, capacity: 2 });
    assert.equal(more.statusCode, 200, more.body);
    assert.deepEqual([more.json().signedUp, more.json().waitlisted], [2, 1]);
    assert.equal((await notifications(aylin, 'place_event.promoted')).length, 1);
    const fewer = await call(petra, 'PUT', `/${id}`, { ...fields, capacity: 1 });
    assert.equal(fewer.statusCode, 409);
    assert.equal(fewer.json().code, 'place_event.capacity_below_registered');
    const off = await call(petra, 'PUT', `/${id}`, { ...fields, registration: false, capacity: null });
    assert.equal(off.statusCode, 409);
    assert.equal(off.json().code, 'place_event.registration_in_use');
    // moving it tells everyone registered
    const later = new Date(Date.parse(fields.startsAt) + 86_400_000);
    const moved = await call(petra, 'PUT', `/${id}`, {
      ...fields,
      capacity: 2,
      startsAt: later.toISOString(),
      endsAt: new Date(later.getTime() + 3600_000).toISOString(),
    });
    assert.equal(moved.statusCode, 200, moved.body);
    for (const who of [jonas, aylin, frauM]) {
      const told = await notifications(who, 'place_event.changed');
      assert.equal(told.at(-1)?.params.startsAt, later.toISOString(), who.displayName);
    }
  });

  test('full without a waitlist: 409 and nothing written; no registration: 409 with “just come”', async () => {
    const [jonas, aylin] = people as [TestUser, TestUser];
    const { id } = await create(petra, eventBody(orgHost(), { capacity: 1, waitlistEnabled: false }));
    assert.equal((await call(jonas, 'POST', `/${id}/register`)).statusCode, 201);
    const before = await count('place_event_registration');
    const full = await call(aylin, 'POST', `/${id}/register`);
    assert.equal(full.statusCode, 409);
    assert.equal(full.json().code, 'place_event.full');
    assert.deepEqual(full.json().available, {
      places: 0,
      capacity: 1,
      taken: 1,
      waitlist: false,
      waitlisted: 0,
    });
    assert.equal(await count('place_event_registration'), before);
    const open = await create(petra, eventBody(orgHost(), { registration: false }));
    const r = await call(aylin, 'POST', `/${open.id}/register`);
    assert.equal(r.statusCode, 409);
    assert.equal(r.json().code, 'place_event.no_registration');
    assert.equal((await call(aylin, 'GET', `/${open.id}`)).json().abilities.register, false);
  });

  test('only the host cancels; everyone registered is told in-app and by email; it stays, marked cancelled', async () => {
    const [jonas, aylin, frauM] = people as [TestUser, TestUser, TestUser];
    const { id } = await create(petra, eventBody(orgHost(), { capacity: 1 }));
    for (const who of [jonas, aylin]) await call(who, 'POST', `/${id}/register`);
    assert.equal((await call(jonas, 'POST', `/${id}/cancel`, { reason: '' })).statusCode, 403);
    const r = await call(petra, 'POST', `/${id}/cancel`, { reason: 'Der Raum ist überschwemmt.' });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json().told, 2);
    for (const who of [jonas, aylin]) {
      assert.equal((await notifications(who, 'place_event.cancelled')).length, 1);
      const mail = (await mails(who)).find((m) => m.subject.startsWith('Abgesagt'));
      assert.match(mail?.body_text ?? '', /überschwemmt/);
    }
    const seen = (await call(frauM, 'GET', `/${id}`)).json();
    assert.equal(seen.status, 'cancelled');
    assert.equal(seen.cancelReason, 'Der Raum ist überschwemmt.');
    const late = await call(frauM, 'POST', `/${id}/register`);
    assert.equal(late.statusCode, 409);
    assert.equal(late.json().code, 'place_event.cancelled');
    assert.equal((await call(petra, 'POST', `/${id}/cancel`, { reason: '' })).statusCode, 409);
    assert.equal((await call(petra, 'GET', `/${id}`)).json().abilities.edit, false);
  });

  test('the host records who came: an offline interaction with the organisation, taken back when corrected; none for a community', async () => {
    const [jonas, aylin] = people as [TestUser, TestUser];
    const { id } = await create(petra, eventBody(orgHost()));
    const regs: string[] = [];
    for (const who of [jonas, aylin])
      regs.push((await call(who, 'POST', `/${id}/register`)).json().registrationId);
    const early = await call(petra, 'PUT', `/${id}/registrations/${regs[0]}/attendance`, { came: true });
    assert.equal(early.statusCode, 409);
    assert.equal(early.json().code, 'place_event.attendance_not_yet');
    await startedAgo(t, id, 1);
    assert.equal(
      (await call(jonas, 'PUT', `/${id}/registrations/${regs[0]}/attendance`, { came: true })).statusCode,
      403,
    );
    const came = await call(petra, 'PUT', `/${id}/registrations/${regs[0]}/attendance`, { came: true });
    assert.equal(came.statusCode, 204, came.body);
    const edge = () =>
      t.db
        .selectFrom('interaction')
        .select(['area', 'kind', 'mode', 'a_id', 'b_id', 'b_type', 'status'])
        .where('source_type', '=', 'place_event_registration')
        .where('source_id', '=', regs[0]!)
        .execute();
    assert.deepEqual(await edge(), [
      {
        area: 'places',
        kind: 'event',
        mode: 'offline',
        a_id: jonas.id,
        b_id: centre.id,
        b_type: 'organisation',
        status: 'confirmed',
      },
    ]);
    // recording it twice writes it once
    await call(petra, 'PUT', `/${id}/registrations/${regs[0]}/attendance`, { came: true });
    assert.equal((await edge()).length, 1);
    const list = (await call(petra, 'GET', `/${id}/registrations`)).json();
    assert.equal(list.attendanceOpen, true);
    assert.equal(list.items[0].status, 'checked_in');
    const corrected = await call(petra, 'PUT', `/${id}/registrations/${regs[0]}/attendance`, { came: false });
    assert.equal(corrected.statusCode, 204);
    assert.deepEqual(await edge(), []);
    // a registration of another event is not this event's
    const other = await create(petra, eventBody(orgHost()));
    assert.equal(
      (await call(petra, 'PUT', `/${other.id}/registrations/${regs[1]}/attendance`, { came: true }))
        .statusCode,
      404,
    );
    // a community is no party of the interaction record: attending its event records nothing
    const club = await create(max, eventBody({ type: 'community', id: cafe.id }));
    const reg = (await call(jana, 'POST', `/${club.id}/register`)).json().registrationId;
    await startedAgo(t, club.id, 1);
    const before = await count('interaction');
    assert.equal(
      (await call(max, 'PUT', `/${club.id}/registrations/${reg}/attendance`, { came: true })).statusCode,
      204,
    );
    assert.equal(await count('interaction'), before);
    // an event that is over takes no registrations or withdrawals
    await startedAgo(t, id, 5);
    const over = await call(aylin, 'POST', `/${id}/withdraw`);
    assert.equal(over.statusCode, 409);
    assert.equal(over.json().code, 'place_event.over');
    assert.equal((await call(people[3]!, 'POST', `/${id}/register`)).json().code, 'place_event.over');
  });

  test('a reminder the day before tells those with a place once; my next events are on my home', async () => {
    const [jonas, aylin, frauM] = people as [TestUser, TestUser, TestUser];
    const { id } = await create(petra, eventBody(orgHost(), { capacity: 1 }, 20));
    await call(jonas, 'POST', `/${id}/register`);
    await call(aylin, 'POST', `/${id}/register`);
    assert.equal(await remindEvent(t.db, t.networkId, id), 1);
    assert.equal(await remindEvent(t.db, t.networkId, id), 0, 'never twice');
    assert.equal((await notifications(jonas, 'place_event.reminder')).length, 1);
    assert.equal(
      (await notifications(aylin, 'place_event.reminder')).length,
      0,
      'the waiting are not reminded',
    );
    const far = await create(petra, eventBody(orgHost(), {}, 24 * 10));
    await call(frauM, 'POST', `/${far.id}/register`);
    assert.equal(await remindEvent(t.db, t.networkId, far.id), 0, 'not ten days ahead');

    const home = await t.app.inject({ url: '/api/v1/me/today', headers: aylin.headers });
    const section = (
      home.json().sections as { id: string; items: { title: string; detail: string }[] }[]
    ).find((s) => s.id === 'places.events');
    assert.ok(section, home.body);
    assert.match(section.items[0]?.detail ?? '', /Warteliste \(Platz 1\)/);
    const mine = (await call(aylin, 'GET', '/mine')).json();
    assert.equal(mine.items[0].eventId, id);
    assert.equal(mine.items[0].status, 'waitlisted');
  });
});
