import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../../../test/helpers/app.ts';
import { makeProject } from '../../../../../test/helpers/codesign.ts';
import { createOrganisation, createUser, type TestUser } from '../../../../../test/helpers/factories.ts';

describe('codesign commitments: rooms, shifts, credits and tasks of a project, linked both ways', () => {
  let t: TestApp;
  let caritas: { id: string };
  let nbz: { id: string };
  let aylin: TestUser; // Caritas staff: organises the project
  let petra: TestUser; // staff of the Nachbarschaftszentrum, not in the project
  let olga: TestUser; // a participant
  let paula: TestUser; // a neighbour, not in the project
  let admin: TestUser;
  let projectId: string;
  let secretProjectId: string;
  let caritasRoom: string;
  let nbzRoom: string;
  let caritasBooking: string;
  let nbzBooking: string;
  let opportunityId: string;
  let shiftIds: string[];

  const hour = 3600_000;
  const iso = (d: Date) => d.toISOString();
  const call = async (who: TestUser | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: who?.headers ?? {},
      ...(payload ? { payload } : {}),
    });
  const made = async (who: TestUser, url: string, payload: object) => {
    const r = await call(who, 'POST', url, payload);
    assert.equal(r.statusCode, 201, r.body);
    return r.json();
  };
  const commit = (who: TestUser | null, body: object, project = projectId) =>
    call(who, 'POST', `/codesign/projects/${project}/commitments`, body);
  const count = async () =>
    Number(
      (
        await t.db
          .selectFrom('codesign_commitment')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  before(async () => {
    t = await createTestApp();
    caritas = await createOrganisation(t, { name: 'Caritas' });
    nbz = await createOrganisation(t, { name: 'Nachbarschaftszentrum' });
    aylin = await createUser(t, { displayName: 'Aylin Demir', memberOf: [[caritas.id, 'staff']] });
    petra = await createUser(t, { displayName: 'Petra Lange', memberOf: [[nbz.id, 'staff']] });
    olga = await createUser(t, { displayName: 'Olga' });
    paula = await createUser(t, { displayName: 'Paula' });
    admin = await createUser(t, { displayName: 'Ingo', admin: true });
    projectId = (await makeProject(t, { lead: caritas.id, participants: [olga.id] })).id;
    secretProjectId = (
      await makeProject(t, {
        lead: caritas.id,
        visibility: 'members',
        joining: 'invitation',
      })
    ).id;
    caritasRoom = (
      await made(aylin, '/resources', { organisationId: caritas.id, kind: 'room', title: 'Beratungsraum' })
    ).id;
    nbzRoom = (await made(petra, '/resources', { organisationId: nbz.id, kind: 'room', title: 'Saal' })).id;
    const start = new Date(Date.now() + 72 * hour);
    caritasBooking = (
      await made(aylin, '/bookings', {
        resourceId: caritasRoom,
        start: iso(start),
        end: iso(new Date(+start + 2 * hour)),
      })
    ).created[0].id;
    nbzBooking = (
      await made(petra, '/bookings', {
        resourceId: nbzRoom,
        start: iso(start),
        end: iso(new Date(+start + 2 * hour)),
      })
    ).created[0].id;
    opportunityId = (
      await made(aylin, '/opportunities', {
        level: 'regular',
        title: 'Sprechstunde begleiten',
        mode: 'on_site',
        organisationIds: [caritas.id],
        status: 'published',
      })
    ).id;
    shiftIds = [];
    for (const h of [48, 96])
      shiftIds.push(
        (
          await made(aylin, `/opportunities/${opportunityId}/shifts`, {
            startsAt: iso(new Date(Date.now() + h * hour)),
            endsAt: iso(new Date(Date.now() + (h + 2) * hour)),
            capacity: 3,
          })
        ).id,
      );
  });
  after(() => t.close());

  test('only organisers and facilitators commit; others are refused and nothing is written', async () => {
    const body = { kind: 'booking', title: 'Raum für die Sprechstunde', bookingId: caritasBooking };
    assert.equal((await commit(null, body)).statusCode, 401);
    assert.equal((await commit(olga, body)).statusCode, 403);
    assert.equal((await commit(petra, body)).statusCode, 403);
    assert.equal(
      (await commit(paula, body, secretProjectId)).statusCode,
      404,
      'a members-only project does not exist',
    );
    assert.equal((await commit(aylin, { ...body, title: ' x ' })).statusCode, 422);
    assert.equal(await count(), 0);
  });

  test("cannot commit another organisation's room; a foreign booking looks missing", async () => {
    const foreign = await commit(aylin, { kind: 'booking', title: 'Der Saal', bookingId: nbzBooking });
    assert.equal(foreign.statusCode, 422, foreign.body);
    assert.equal(foreign.json().errors[0].field, '/bookingId');
    assert.match(foreign.json().errors[0].message, /gibt es nicht|does not exist/);
    const none = await commit(aylin, {
      kind: 'booking',
      title: 'Der Saal',
      bookingId: '00000000-0000-4000-8000-000000000000',
    });
    assert.deepEqual(
      none.json().errors,
      foreign.json().errors,
      'a missing booking and a foreign one answer alike',
    );
    assert.equal(await count(), 0);
  });

  test('a booking commitment shows the live status and follows its cancellation', async () => {
    const r = await commit(aylin, {
      kind: 'booking',
      title: 'Raum für die neue Sprechstunde',
      measure: 'Sprechstunde dienstags im Beratungsraum',
      bookingId: caritasBooking,
      dueOn: '2027-01-15',
    });
    assert.equal(r.statusCode, 201, r.body);
    const c = r.json();
    assert.equal(c.booking.status, 'approved');
    assert.equal(c.booking.resourceTitle, 'Beratungsraum');
    assert.deepEqual(c.owner, { type: 'organisation', id: caritas.id, name: 'Caritas' });
    const cancel = await call(aylin, 'POST', `/bookings/${caritasBooking}/cancel`, {});
    assert.equal(cancel.statusCode, 200, cancel.body);
    const list = await call(paula, 'GET', `/codesign/projects/${projectId}/commitments`);
    assert.equal(list.statusCode, 200);
    assert.equal(list.json().items[0].booking.status, 'cancelled');
    assert.equal(list.json().abilities.create, false);
    const events = await t.db
      .selectFrom('codesign_event')
      .select('kind')
      .where('project_id', '=', projectId)
      .execute();
    assert.deepEqual(
      events.map((e) => e.kind),
      ['commitments.made'],
    );
  });

  test('a booking request is made through Teilen and linked', async () => {
    const start = new Date(Date.now() + 200 * hour);
    const r = await commit(aylin, {
      kind: 'booking',
      title: 'Saal für das Auftakttreffen',
      bookingRequest: { resourceId: nbzRoom, start: iso(start), end: iso(new Date(+start + hour)) },
    });
    assert.equal(r.statusCode, 201, r.body);
    assert.equal(r.json().booking.status, 'requested', 'the owner side decides');
    const b = await t.db
      .selectFrom('booking')
      .select(['requester_id', 'organisation_id'])
      .where('id', '=', r.json().booking.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(b, { requester_id: aylin.id, organisation_id: caritas.id });
  });

  test('shifts of an opportunity it runs: places filled shown; another organisation cannot commit them', async () => {
    const body = { kind: 'shifts', title: 'Begleitung der ersten Termine', opportunityId, shiftIds };
    const r = await commit(aylin, body);
    assert.equal(r.statusCode, 201, r.body);
    assert.deepEqual(
      r.json().shifts.map((s: { capacity: number; signedUp: number }) => [s.signedUp, s.capacity]),
      [
        [0, 3],
        [0, 3],
      ],
    );
    const signup = await call(olga, 'POST', `/shifts/${shiftIds[0]}/signup`, {});
    assert.ok(signup.statusCode < 300, signup.body);
    const again = await call(null, 'GET', `/codesign/commitments/${r.json().id}`);
    assert.equal(again.json().shifts[0].signedUp, 1);

    const other = await makeProject(t, { lead: nbz.id });
    const refused = await commit(petra, body, other.id);
    assert.equal(refused.statusCode, 422);
    assert.match(refused.json().errors[0].message, /eigenen Organisation|own organisation/);
  });

  test('the linked endpoint answers only what the asker may see', async () => {
    const shift = await call(null, 'GET', `/codesign/commitments/linked?type=shift&id=${shiftIds[0]}`);
    assert.equal(shift.statusCode, 200, shift.body);
    assert.equal(shift.json().items[0].project.id, projectId);
    const opp = await call(null, 'GET', `/codesign/commitments/linked?type=opportunity&id=${opportunityId}`);
    assert.equal(opp.json().items.length, 1);
    // a booking is private to its two sides
    assert.equal(
      (await call(paula, 'GET', `/codesign/commitments/linked?type=booking&id=${caritasBooking}`)).statusCode,
      404,
    );
    assert.equal(
      (await call(aylin, 'GET', `/codesign/commitments/linked?type=booking&id=${caritasBooking}`)).statusCode,
      200,
    );
    assert.equal(
      (await call(admin, 'GET', `/codesign/commitments/linked?type=booking&id=${caritasBooking}`)).statusCode,
      200,
      'instance admins see every booking',
    );
    // a commitment in a members-only project is not named to outsiders
    const secret = await commit(
      aylin,
      { kind: 'opportunity', title: 'Begleitung intern', opportunityId },
      secretProjectId,
    );
    assert.equal(secret.statusCode, 201, secret.body);
    const forPaula = await call(
      paula,
      'GET',
      `/codesign/commitments/linked?type=opportunity&id=${opportunityId}`,
    );
    assert.deepEqual(
      forPaula.json().items.map((i: { project: { id: string } }) => i.project.id),
      [projectId],
    );
    const forAylin = await call(
      aylin,
      'GET',
      `/codesign/commitments/linked?type=opportunity&id=${opportunityId}`,
    );
    assert.equal(forAylin.json().items.length, 2);
    assert.equal((await call(paula, 'GET', `/codesign/commitments/${secret.json().id}`)).statusCode, 404);
  });

  test('a task: its owner is told and sees it on the home; done and dropped go to the timeline', async () => {
    const bad = await commit(aylin, {
      kind: 'task',
      title: 'Aushang schreiben',
      owner: { type: 'person', id: paula.id },
    });
    assert.equal(bad.statusCode, 422, 'paula is not in the project');
    const r = await commit(aylin, {
      kind: 'task',
      title: 'Aushang schreiben',
      owner: { type: 'person', id: olga.id },
      dueOn: '2020-01-01',
    });
    assert.equal(r.statusCode, 201, r.body);
    assert.equal(r.json().overdue, true);
    const note = await t.db
      .selectFrom('notification')
      .select(['kind', 'link'])
      .where('account_id', '=', olga.id)
      .where('kind', '=', 'codesign.commitment_assigned')
      .executeTakeFirstOrThrow();
    assert.match(note.link ?? '', /\/mitgestalten\/projekte\/.+\/zusagen\?zusage=/);
    const today = await call(olga, 'GET', '/me/today');
    const section = today.json().sections.find((s: { id: string }) => s.id === 'codesign.commitments');
    assert.ok(section, today.body);
    assert.match(section.items[0].detail, /Überfällig|Overdue/);

    const id = r.json().id;
    assert.equal(
      (await call(olga, 'POST', `/codesign/commitments/${id}/status`, { status: 'done' })).statusCode,
      403,
    );
    const done = await call(aylin, 'POST', `/codesign/commitments/${id}/status`, { status: 'done' });
    assert.equal(done.json().status, 'done');
    assert.ok(done.json().doneAt);
    const changed = await call(aylin, 'PUT', `/codesign/commitments/${id}`, {
      title: 'Aushang schreiben und aufhängen',
      owner: { type: 'person', id: olga.id },
      baseUpdatedAt: '2020-01-01T00:00:00.000Z',
    });
    assert.equal(changed.statusCode, 409, 'a stale change is refused');
    const kinds = (
      await t.db
        .selectFrom('codesign_event')
        .select('kind')
        .where('subject_id', '=', id)
        .orderBy('at')
        .execute()
    ).map((e) => e.kind);
    assert.deepEqual(kinds, ['commitments.made', 'commitments.done']);
    // the audit log has the making and the move (the stale change wrote nothing), with who did it
    const audited = await t.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'details'])
      .where('entity_type', '=', 'codesign_commitment')
      .where('entity_id', '=', id)
      .orderBy('id')
      .execute();
    assert.deepEqual(
      audited.map((a) => [a.action, a.actor_id]),
      [
        ['codesign.commitment_made', aylin.id],
        ['codesign.commitment_moved', aylin.id],
      ],
    );
    assert.deepEqual(audited[1]?.details, {
      projectId,
      from: 'planned',
      to: 'done',
    });
  });

  test('credits: an organisation pledges only its own time', async () => {
    const foreign = await commit(aylin, {
      kind: 'credits',
      title: 'Zeit für die Fahrdienste',
      minutes: 600,
      owner: { type: 'organisation', id: nbz.id },
    });
    assert.equal(foreign.statusCode, 422);
    const own = await commit(aylin, {
      kind: 'credits',
      title: 'Zeit für die Begleitung',
      minutes: 600,
      owner: { type: 'organisation', id: caritas.id },
    });
    assert.equal(own.statusCode, 201, own.body);
    assert.equal(own.json().minutes, 600);
  });

  test('a loan is not a room; a change keeps the link and may not switch the kind', async () => {
    const start = new Date(Date.now() + 300 * hour);
    const request = { resourceId: caritasRoom, start: iso(start), end: iso(new Date(+start + hour)) };
    const loan = await commit(aylin, {
      kind: 'loan',
      title: 'Beratungsraum leihen',
      bookingRequest: request,
    });
    assert.equal(loan.statusCode, 422);
    assert.match(loan.json().errors[0].message, /Ausleihe|loan/);
    const room = await commit(aylin, {
      kind: 'booking',
      title: 'Beratungsraum für Gruppen',
      bookingRequest: request,
    });
    assert.equal(room.statusCode, 201, room.body);
    const bookingId = room.json().booking.id;
    const changed = await call(aylin, 'PUT', `/codesign/commitments/${room.json().id}`, {
      title: 'Beratungsraum für die Gruppensprechstunde',
      bookingId,
      dueOn: '2027-02-01',
      baseUpdatedAt: room.json().updatedAt,
    });
    assert.equal(changed.statusCode, 200, changed.body);
    assert.equal(changed.json().kind, 'booking');
    assert.equal(changed.json().booking.id, bookingId);
    assert.equal(changed.json().dueOn, '2027-02-01');
    // dropped: the booking no longer names the project
    await call(aylin, 'POST', `/codesign/commitments/${room.json().id}/status`, { status: 'dropped' });
    const linked = await call(aylin, 'GET', `/codesign/commitments/linked?type=booking&id=${bookingId}`);
    assert.deepEqual(linked.json().items, []);
  });

  test('two changes at once from the same version: one wins, the other is told to reload', async () => {
    const r = await commit(aylin, {
      kind: 'task',
      title: 'Protokoll verschicken',
      owner: { type: 'person', id: olga.id },
    });
    assert.equal(r.statusCode, 201, r.body);
    const change = (title: string) =>
      call(aylin, 'PUT', `/codesign/commitments/${r.json().id}`, {
        title,
        owner: { type: 'person', id: olga.id },
        baseUpdatedAt: r.json().updatedAt,
      });
    const answers = await Promise.all([
      change('Protokoll heute verschicken'),
      change('Protokoll morgen verschicken'),
    ]);
    assert.deepEqual(answers.map((a) => a.statusCode).sort(), [200, 409]);
  });

  test('the database keeps each link to its kind', async () => {
    await assert.rejects(
      t.db
        .insertInto('codesign_commitment')
        .values({
          network_id: t.networkId,
          project_id: projectId,
          kind: 'task',
          title: 'Falsch',
          booking_id: caritasBooking,
        })
        .execute(),
    );
    await assert.rejects(
      t.db
        .insertInto('codesign_commitment')
        .values({ network_id: t.networkId, project_id: projectId, kind: 'credits', title: 'Ohne Minuten' })
        .execute(),
    );
    await assert.rejects(
      t.db
        .insertInto('codesign_commitment')
        .values({
          network_id: t.networkId,
          project_id: projectId,
          kind: 'task',
          title: 'Fertig ohne Zeit',
          status: 'done',
        })
        .execute(),
    );
  });
});
