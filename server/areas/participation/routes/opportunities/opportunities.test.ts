import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../../../test/helpers/app.ts';
import { createOrganisation, createUser, type TestUser } from '../../../../../test/helpers/factories.ts';
import { localParts, zonedTime } from '../../../../platform/localTime.ts';

/** The instant `days` from today at local `hour` o'clock in the network's time zone. */
function localAt(days: number, hour: number): Date {
  const now = localParts(new Date());
  const d = new Date(Date.UTC(now.year, now.month - 1, now.day + days));
  return zonedTime(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), hour * 60);
}
const isoDay = (d: Date) => {
  const p = localParts(d);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
};
const dayName = (d: Date) =>
  (['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const)[localParts(d).weekday - 1]!;

describe('opportunities on the engagement ladder', () => {
  let t: TestApp;
  let centre: { id: string; name: string };
  let diakonie: { id: string; name: string };
  let stranger: { id: string };
  let petra: TestUser;
  let diakonieStaff: TestUser;
  let strangerStaff: TestUser;
  let volunteer: TestUser;
  let jonas: TestUser;
  let districtId: string;

  const call = (user: TestUser | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: user?.headers ?? {},
      ...(payload ? { payload } : {}),
    });
  const count = async (table: 'opportunity' | 'shift' | 'opportunity_organisation') =>
    (
      await t.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;

  async function create(user: TestUser, body: object) {
    const r = await call(user, 'POST', '/opportunities', body);
    assert.equal(r.statusCode, 201, r.body);
    return r.json();
  }
  async function addShift(user: TestUser, id: string, start: Date, hours: number, capacity = 5) {
    const r = await call(user, 'POST', `/opportunities/${id}/shifts`, {
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + hours * 3600_000).toISOString(),
      capacity,
    });
    assert.equal(r.statusCode, 201, r.body);
    return r.json();
  }

  /** Hours at the centre, logged and confirmed by Petra. */
  const confirmedHours = (who: TestUser, opportunityId: string, day: string, minutes: number) =>
    t.db
      .insertInto('hours_entry')
      .values({
        network_id: t.networkId,
        account_id: who.id,
        organisation_id: centre.id,
        opportunity_id: opportunityId,
        shift_id: null,
        signup_id: null,
        activity: 'Mitgeholfen',
        occurred_on: day,
        minutes,
        source: 'logged',
        status: 'confirmed',
        decided_by: petra.id,
        decided_at: new Date(),
        credit_minutes: null,
        credit_transfer_id: null,
      })
      .execute();

  let mini: { id: string };
  let regular: { id: string };
  let joint: { id: string };
  const tonight = localAt(1, 19);
  const saturdayMorning = localAt(3, 9);

  before(async () => {
    t = await createTestApp();
    centre = await createOrganisation(t, { name: 'Nachbarschaftszentrum' });
    diakonie = await createOrganisation(t, { name: 'Diakonie' });
    stranger = await createOrganisation(t, { name: 'Sportverein' });
    petra = await createUser(t, { displayName: 'Petra', memberOf: [[centre.id, 'staff']] });
    diakonieStaff = await createUser(t, { memberOf: [[diakonie.id, 'staff']] });
    strangerStaff = await createUser(t, { memberOf: [[stranger.id, 'admin']] });
    volunteer = await createUser(t, { memberOf: [[centre.id, 'volunteer']] });
    jonas = await createUser(t, { displayName: 'Jonas' });
    districtId = (
      await t.db
        .insertInto('district')
        .values({ network_id: t.networkId, slug: 'altstadt', name: 'Altstadt' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;

    mini = await create(petra, {
      level: 'mini',
      title: 'Flyer am Computer gestalten',
      description: 'Eine halbe Stunde: unseren Flyer für das Sommerfest am Computer setzen.',
      mode: 'online',
      organisationIds: [centre.id],
      skills: ['Grafik'],
      languages: ['de'],
      effortMinutes: 30,
    });
    await addShift(petra, mini.id, tonight, 0.5);
    regular = await create(petra, {
      level: 'regular',
      title: 'Samstags Tafel-Ausgabe',
      mode: 'on_site',
      organisationIds: [centre.id],
      districtId,
      place: 'Marktplatz 3',
      lat: 52.52,
      lng: 13.4,
      skills: ['Logistik'],
      languages: ['de', 'tr'],
      accessibility: 'Ebenerdig, Rollstuhl-WC',
      minAge: 16,
      needsPoliceClearance: true,
      status: 'published',
    });
    await addShift(petra, regular.id, saturdayMorning, 3);
    joint = await create(petra, {
      level: 'codesign_role',
      title: 'Seniorencafé mitgestalten',
      mode: 'hybrid',
      organisationIds: [centre.id, diakonie.id],
      status: 'published',
    });
  });
  after(() => t.close());

  test('a draft is seen only by its coordinators; published opportunities are public, with their details', async () => {
    assert.equal((await call(null, 'GET', `/opportunities/${mini.id}`)).statusCode, 404);
    assert.equal((await call(jonas, 'GET', `/opportunities/${mini.id}`)).statusCode, 404);
    const own = await call(petra, 'GET', `/opportunities/${mini.id}`);
    assert.equal(own.statusCode, 200);
    assert.equal(own.json().status, 'draft');
    assert.equal(own.json().abilities.update, true);
    const listed = (await call(null, 'GET', '/opportunities')).json();
    assert.deepEqual(listed.items.map((o: { id: string }) => o.id).sort(), [regular.id, joint.id].sort());
    const published = await call(petra, 'PATCH', `/opportunities/${mini.id}`, { status: 'published' });
    assert.equal(published.statusCode, 200, published.body);
    const seen = (await call(null, 'GET', `/opportunities/${regular.id}`)).json();
    assert.equal(seen.needsPoliceClearance, true);
    assert.equal(seen.minAge, 16);
    assert.equal(seen.accessibility, 'Ebenerdig, Rollstuhl-WC');
    assert.deepEqual(seen.organisations, [{ id: centre.id, name: 'Nachbarschaftszentrum', isLead: true }]);
    assert.equal(seen.abilities.update, false);
    assert.equal(seen.nextShiftAt, saturdayMorning.toISOString());
    const found = await t.db
      .selectFrom('search_document')
      .select('title')
      .where('entity_type', '=', 'opportunity')
      .where('entity_id', '=', mini.id)
      .executeTakeFirst();
    assert.equal(found?.title, 'Flyer am Computer gestalten');
  });

  test('a mini task takes at most two hours, once; breaking the rule writes nothing', async () => {
    const before = await count('opportunity');
    const long = await call(petra, 'POST', '/opportunities', {
      level: 'mini',
      title: 'Umzug helfen',
      mode: 'on_site',
      organisationIds: [centre.id],
      effortMinutes: 240,
    });
    assert.equal(long.statusCode, 422);
    assert.equal(long.json().code, 'opportunity.mini_rules');
    assert.deepEqual(
      long.json().errors.map((e: { field: string }) => e.field),
      ['/effortMinutes'],
      'the form can mark the effort field',
    );
    const noEffort = await call(petra, 'POST', '/opportunities', {
      level: 'mini',
      title: 'Umzug helfen',
      mode: 'on_site',
      organisationIds: [centre.id],
    });
    assert.equal(noEffort.statusCode, 422);
    assert.match(noEffort.json().errors[0].message, /höchstens 120 Minuten/);
    assert.equal(await count('opportunity'), before);
    const shifts = await count('shift');
    const second = await call(petra, 'POST', `/opportunities/${mini.id}/shifts`, {
      startsAt: localAt(2, 19).toISOString(),
      endsAt: localAt(2, 20).toISOString(),
      capacity: 2,
    });
    assert.equal(second.statusCode, 422);
    assert.equal(second.json().code, 'opportunity.mini_rules');
    const task = await create(petra, {
      level: 'mini',
      title: 'Kuchen backen',
      mode: 'on_site',
      organisationIds: [centre.id],
      effortMinutes: 60,
    });
    const tooLong = await call(petra, 'POST', `/opportunities/${task.id}/shifts`, {
      startsAt: localAt(2, 10).toISOString(),
      endsAt: localAt(2, 13).toISOString(),
      capacity: 2,
    });
    assert.equal(tooLong.statusCode, 422);
    assert.equal(await count('shift'), shifts);
    // a regular opportunity with two shifts cannot be turned into a mini task
    await addShift(petra, regular.id, localAt(10, 9), 1);
    const demote = await call(petra, 'PATCH', `/opportunities/${regular.id}`, {
      level: 'mini',
      effortMinutes: 60,
    });
    assert.equal(demote.statusCode, 422);
    assert.equal((await call(null, 'GET', `/opportunities/${regular.id}`)).json().level, 'regular');
  });

  test('only staff and admins of a running organisation create and edit; others are refused and nothing is written', async () => {
    const before = await count('opportunity');
    for (const [user, status] of [
      [volunteer, 403],
      [jonas, 403],
      [strangerStaff, 403],
    ] as const) {
      const r = await call(user, 'POST', '/opportunities', {
        level: 'event_project',
        title: 'Sommerfest',
        mode: 'on_site',
        organisationIds: [centre.id],
      });
      assert.equal(r.statusCode, status);
    }
    assert.equal((await call(null, 'POST', '/opportunities', {})).statusCode, 400);
    const bad = await call(petra, 'POST', '/opportunities', {
      level: 'weekly',
      title: 'x',
      mode: 'on_site',
      organisationIds: [centre.id],
    });
    assert.equal(bad.statusCode, 400);
    const unknownOrg = await call(petra, 'POST', '/opportunities', {
      level: 'event_project',
      title: 'Sommerfest',
      mode: 'on_site',
      organisationIds: [centre.id, '00000000-0000-4000-8000-00000000dead'],
    });
    assert.equal(unknownOrg.statusCode, 422);
    assert.equal(await count('opportunity'), before);
    assert.equal(
      (await call(strangerStaff, 'PATCH', `/opportunities/${regular.id}`, { title: 'Weg' })).statusCode,
      403,
    );
    assert.equal(
      (
        await call(volunteer, 'POST', `/opportunities/${regular.id}/shifts`, {
          startsAt: localAt(5, 9).toISOString(),
          endsAt: localAt(5, 10).toISOString(),
          capacity: 3,
        })
      ).statusCode,
      403,
    );
  });

  test('a joint opportunity is run by the partners that accepted: their staff edit it and it joins them in the interaction record', async () => {
    const edgesOf = () =>
      t.db
        .selectFrom('interaction')
        .select(['a_id', 'b_id', 'area', 'kind'])
        .where('source_type', '=', 'opportunity')
        .where('source_id', '=', joint.id)
        .execute();
    // named as a partner, the Diakonie is only invited: it does not run it yet
    const early = await call(diakonieStaff, 'PATCH', `/opportunities/${joint.id}`, { description: 'Früh' });
    assert.equal(early.statusCode, 403);
    assert.deepEqual(await edgesOf(), []);
    const accepted = await call(
      diakonieStaff,
      'POST',
      `/opportunities/${joint.id}/partners/${diakonie.id}/accept`,
    );
    assert.equal(accepted.statusCode, 200, accepted.body);
    const r = await call(diakonieStaff, 'PATCH', `/opportunities/${joint.id}`, {
      description: 'Gemeinsam mit der Diakonie',
    });
    assert.equal(r.statusCode, 200, r.body);
    assert.deepEqual(
      r.json().organisations.map((o: { name: string; isLead: boolean }) => [o.name, o.isLead]),
      [
        ['Nachbarschaftszentrum', true],
        ['Diakonie', false],
      ],
    );
    const edges = await edgesOf();
    assert.equal(edges.length, 1);
    assert.deepEqual([edges[0]!.a_id, edges[0]!.b_id].sort(), [centre.id, diakonie.id].sort());
    assert.equal(edges[0]!.area, 'participation');
    // who runs it is the lead's decision; a partner leaves through its own door
    const lockout = await call(diakonieStaff, 'PATCH', `/opportunities/${joint.id}`, {
      organisationIds: [centre.id],
    });
    assert.equal(lockout.statusCode, 403);
    assert.equal(lockout.json().code, 'opportunity.partners_by_lead');
    const unchanged = await call(diakonieStaff, 'PATCH', `/opportunities/${joint.id}`, {
      organisationIds: [centre.id, diakonie.id],
      place: 'Gemeindesaal',
    });
    assert.equal(unchanged.statusCode, 200, 'sending the list as it is changes nothing');
  });

  test('filters: level, online, district, skill, language, time of day, dates and text', async () => {
    const ids = async (query: string) =>
      (await call(null, 'GET', `/opportunities?${query}`)).json().items.map((o: { id: string }) => o.id);
    assert.deepEqual(await ids('level=mini'), [mini.id]);
    assert.deepEqual((await ids('online=true')).sort(), [mini.id, joint.id].sort());
    assert.deepEqual((await ids('online=false')).sort(), [regular.id, joint.id].sort());
    assert.deepEqual(await ids(`districtId=${districtId}`), [regular.id]);
    assert.deepEqual(await ids('skill=logistik'), [regular.id]);
    assert.deepEqual(await ids('language=tr'), [regular.id]);
    assert.deepEqual(await ids('timeOfDay=evening'), [mini.id]);
    assert.deepEqual(await ids('timeOfDay=morning'), [regular.id]);
    assert.deepEqual(await ids(`from=${isoDay(saturdayMorning)}&to=${isoDay(saturdayMorning)}`), [
      regular.id,
    ]);
    assert.deepEqual(await ids(`q=${encodeURIComponent('Tafel')}`), [regular.id]);
    const page = (await call(null, 'GET', '/opportunities?limit=1&offset=1')).json();
    assert.equal(page.total, 3);
    assert.equal(page.items.length, 1);
    assert.equal((await call(null, 'GET', '/opportunities?timeOfDay=night')).statusCode, 400);
    // the organisation's own list shows its drafts to its coordinators only
    await create(petra, {
      level: 'event_project',
      title: 'Entwurf Lesung',
      mode: 'on_site',
      organisationIds: [centre.id],
    });
    const ownList = (await call(petra, 'GET', `/opportunities?organisationId=${centre.id}`)).json();
    assert.ok(ownList.items.some((o: { title: string }) => o.title === 'Entwurf Lesung'));
    const publicList = (await call(jonas, 'GET', `/opportunities?organisationId=${centre.id}`)).json();
    assert.ok(!publicList.items.some((o: { title: string }) => o.title === 'Entwurf Lesung'));
  });

  test('the map shows published opportunities inside the box', async () => {
    const inBox = (await call(null, 'GET', '/opportunities/map?south=52&west=13&north=53&east=14')).json();
    assert.deepEqual(
      inBox.items.map((o: { id: string }) => o.id),
      [regular.id],
    );
    assert.equal(inBox.items[0].lat, 52.52);
    const outside = (await call(null, 'GET', '/opportunities/map?south=48&west=11&north=49&east=12')).json();
    assert.deepEqual(outside.items, []);
    assert.equal(
      (await call(null, 'GET', '/opportunities/map?south=53&west=13&north=52&east=14')).statusCode,
      400,
    );
  });

  test('suggestions fit the profile: skills, availability and district, with reasons', async () => {
    assert.equal((await call(null, 'GET', '/opportunities/suggestions')).statusCode, 401);
    const patch = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: jonas.headers,
      payload: {
        skills: ['logistik'],
        interests: ['Senioren'],
        languages: ['de'],
        availability: [{ day: dayName(saturdayMorning), part: 'morning' }],
        districtIds: [districtId],
      },
    });
    assert.equal(patch.statusCode, 200, patch.body);
    const s = (await call(jonas, 'GET', '/opportunities/suggestions')).json().items;
    assert.equal(s[0].opportunity.id, regular.id);
    assert.deepEqual([...s[0].reasons].sort(), ['availability', 'district', 'language', 'skill']);
    assert.ok(
      s.some((x: { opportunity: { id: string } }) => x.opportunity.id === joint.id),
      'interest: Senioren',
    );
    assert.ok(
      !s.some((x: { opportunity: { id: string } }) => x.opportunity.id === mini.id),
      'no shared skill or interest',
    );
  });

  test('the next step is one rung up from the highest level with confirmed hours', async () => {
    const first = (await call(jonas, 'GET', '/opportunities/next-step')).json();
    assert.equal(first.currentLevel, null);
    assert.equal(first.nextLevel, 'mini');
    assert.deepEqual(
      first.suggestions.map((x: { opportunity: { id: string } }) => x.opportunity.id),
      [mini.id],
    );
    await confirmedHours(jonas, mini.id, isoDay(new Date()), 30);
    const next = (await call(jonas, 'GET', '/opportunities/next-step')).json();
    assert.equal(next.currentLevel, 'mini');
    assert.equal(next.nextLevel, 'event_project');
  });

  test('coordinators see counts per ladder level and month; others do not', async () => {
    const signup = await t.app.inject({
      method: 'GET',
      url: `/api/v1/opportunities/${regular.id}/shifts`,
    });
    const shiftId = signup.json().items[0].id;
    assert.equal((await call(jonas, 'POST', `/shifts/${shiftId}/signup`)).statusCode, 201);
    const from = isoDay(localAt(-40, 12));
    const to = isoDay(localAt(40, 12));
    const q = `/opportunities/stats?organisationId=${centre.id}&from=${from}&to=${to}`;
    assert.equal((await call(jonas, 'GET', q)).statusCode, 403);
    assert.equal((await call(volunteer, 'GET', q)).statusCode, 403);
    const stats = (await call(petra, 'GET', q)).json().items;
    const month = isoDay(saturdayMorning).slice(0, 7);
    const regularRow = stats.find(
      (r: { level: string; month: string }) => r.level === 'regular' && r.month === month,
    );
    // one volunteer each: the cells say they are small, and nothing more
    assert.deepEqual(regularRow, {
      month,
      level: 'regular',
      signups: null,
      volunteers: null,
      confirmedMinutes: null,
      suppressed: true,
    });
    const miniRow = stats.find((r: { level: string }) => r.level === 'mini');
    assert.deepEqual(
      [miniRow.confirmedMinutes, miniRow.volunteers, miniRow.suppressed],
      [null, null, true],
      "Jonas's 30 minutes stay his",
    );
    assert.equal((await call(petra, 'GET', `/opportunities/stats?from=${from}&to=${to}`)).statusCode, 403);
  });

  test('a cell of fewer than five volunteers shows no figure; from five on it shows them all, for whole months', async () => {
    const event = await create(petra, {
      level: 'event_project',
      title: 'Sommerfest aufbauen',
      mode: 'on_site',
      organisationIds: [centre.id],
      status: 'published',
    });
    const day = localAt(4, 10);
    const morning = await addShift(petra, event.id, day, 2, 10);
    const afternoon = await addShift(petra, event.id, localAt(4, 14), 2, 10);
    const helpers = [jonas, ...(await Promise.all([1, 2, 3].map(() => createUser(t))))];
    for (const h of helpers)
      assert.equal((await call(h, 'POST', `/shifts/${morning.id}/signup`)).statusCode, 201);
    // five places by four people: the number of places must not stand in for the people
    assert.equal((await call(jonas, 'POST', `/shifts/${afternoon.id}/signup`)).statusCode, 201);
    const month = isoDay(day).slice(0, 7);
    const cell = async (from: string, to: string) => {
      const r = await call(
        petra,
        'GET',
        `/opportunities/stats?organisationId=${centre.id}&from=${from}&to=${to}`,
      );
      assert.equal(r.statusCode, 200, r.body);
      return r
        .json()
        .items.find(
          (x: { level: string; month: string }) => x.level === 'event_project' && x.month === month,
        );
    };
    const range = [isoDay(localAt(-40, 12)), isoDay(localAt(40, 12))] as const;
    assert.deepEqual(await cell(...range), {
      month,
      level: 'event_project',
      signups: null,
      volunteers: null,
      confirmedMinutes: null,
      suppressed: true,
    });
    // a fifth person, with confirmed time and no place, is one of the people behind the cell
    const fifth = await createUser(t);
    await confirmedHours(fifth, event.id, isoDay(day), 90);
    const shown = {
      month,
      level: 'event_project',
      signups: 5,
      volunteers: 5,
      confirmedMinutes: 90,
      suppressed: false,
    };
    assert.deepEqual(await cell(...range), shown);
    // a range of one day answers for the whole month, so two ranges cannot be subtracted to split a cell
    const otherDay = isoDay(day).endsWith('-01') ? `${month}-02` : `${month}-01`;
    assert.deepEqual(await cell(otherDay, otherDay), shown);
  });
});
