import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../../../../test/helpers/app.ts';
import { makeProject } from '../../../../../../test/helpers/codesign.ts';
import { eventBody, makeCommunity } from '../../../../../../test/helpers/events.ts';
import { createOrganisation, createUser, type TestUser } from '../../../../../../test/helpers/factories.ts';
import { localDate, zonedTime } from '../../../../../platform/localTime.ts';

const day = 86_400_000;

/** 10:00 local time, `days` from today. */
function at(days: number, hour = 10) {
  const d = new Date(Date.now() + days * day);
  const [y = 0, m = 1, dd = 1] = localDate(d).split('-').map(Number);
  return zonedTime(y, m, dd, hour * 60);
}

describe('the one calendar across all areas: what the reader may see, filtered, and as feeds', () => {
  let t: TestApp;
  let petra: TestUser; // staff of the centre
  let mia: TestUser; // volunteer of the centre
  let max: TestUser; // owner of the repair café
  let jonas: TestUser;
  let aylin: TestUser;
  let lindenhof: string;
  let nordfeld: string;
  let cafe: { id: string };
  const ids: Record<string, string> = {};

  type Who = TestUser | null;
  const get = (who: Who, url: string) =>
    t.app.inject({ url: `/api/v1/places/events${url}`, headers: who?.headers ?? {} });
  const titles = async (who: Who, query = '') => {
    const r = await get(who, `/calendar?from=${localDate(new Date())}${query}&limit=100`);
    assert.equal(r.statusCode, 200, r.body);
    return (r.json().items as { title: string }[]).map((i) => i.title);
  };
  const post = async (who: TestUser, url: string, payload?: object) => {
    const r = await t.app.inject({
      method: 'POST',
      url: `/api/v1${url}`,
      headers: who.headers,
      ...(payload ? { payload } : {}),
    });
    assert.ok(r.statusCode < 300, `${url}: ${r.body}`);
    return r.json();
  };
  const event = async (who: TestUser, host: object, over: object, days: number) => {
    const start = at(days);
    return (
      await post(who, '/places/events', {
        ...eventBody(host as { type: 'organisation'; id: string }),
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 2 * 3600_000).toISOString(),
        ...over,
      })
    ).id as string;
  };

  before(async () => {
    t = await createTestApp();
    const centre = await createOrganisation(t, { name: 'Nachbarschaftszentrum Lindenhof' });
    petra = await createUser(t, { displayName: 'Petra Lange', memberOf: [[centre.id, 'staff']] });
    mia = await createUser(t, { displayName: 'Mia Mitglied', memberOf: [[centre.id, 'volunteer']] });
    max = await createUser(t, { displayName: 'Max Engel' });
    jonas = await createUser(t, { displayName: 'Jonas Berger' });
    aylin = await createUser(t, { displayName: 'Aylin Demir' });
    const district = async (name: string) =>
      (
        await t.db
          .insertInto('district')
          .values({ network_id: t.networkId, name, slug: name.toLowerCase() })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    lindenhof = await district('Lindenhof');
    nordfeld = await district('Nordfeld');
    cafe = await makeCommunity(t, { name: 'Repair-Café Lindenbrück', members: [[max.id, 'owner']] });
    const org = { type: 'organisation', id: centre.id };
    ids.fest = await event(
      petra,
      org,
      { title: 'Nachbarschaftsfest', districtId: lindenhof, capacity: 1 },
      2,
    );
    ids.intern = await event(petra, org, { title: 'Teamtreffen (intern)', visibility: 'members' }, 3);
    ids.online = await event(
      max,
      { type: 'community', id: cafe.id },
      {
        title: 'Online-Reparaturhilfe',
        venue: '',
        onlineUrl: 'https://meet.example.org/reparatur',
        free: false,
        price: '5 € Spende',
      },
      4,
    );
    ids.keller = await event(
      petra,
      org,
      { title: 'Kellerflohmarkt', districtId: nordfeld, stepFree: false, capacity: 1 },
      5,
    );
    // Mitmachen: a published opportunity's shift, and a draft's
    const opportunity = async (title: string, status: 'published' | 'draft') => {
      const o = await post(petra, '/opportunities', {
        level: 'regular',
        title,
        mode: 'on_site',
        organisationIds: [centre.id],
        status,
        districtId: lindenhof,
      });
      return (
        await post(petra, `/opportunities/${o.id}/shifts`, {
          startsAt: at(6).toISOString(),
          endsAt: new Date(at(6).getTime() + 2 * 3600_000).toISOString(),
          capacity: 4,
        })
      ).id as string;
    };
    ids.shift = await opportunity('Lebensmittel ausgeben', 'published');
    await opportunity('Gartenprojekt (Entwurf)', 'draft');
    // Mitgestalten: a public project's planned meeting, a members-only one's, and a recorded meeting
    const open = await makeProject(t, {
      lead: centre.id,
      title: 'Sprechstunde neu denken',
      tools: [{ kind: 'meeting', opensAt: at(7) }],
    });
    await t.db
      .updateTable('codesign_tool')
      .set({ title: 'Gesprächsrunde im Begegnungsraum' })
      .where('id', '=', open.tools.meeting)
      .execute();
    const closed = await makeProject(t, {
      lead: centre.id,
      visibility: 'members',
      tools: [{ kind: 'meeting', opensAt: at(7) }],
    });
    await t.db
      .updateTable('codesign_tool')
      .set({ title: 'Interne Runde' })
      .where('id', '=', closed.tools.meeting)
      .execute();
    const recorded = await makeProject(t, { lead: centre.id, tools: [{ kind: 'meeting' }] });
    await t.db
      .updateTable('codesign_tool')
      .set({ title: 'Elternabend' })
      .where('id', '=', recorded.tools.meeting)
      .execute();
    await t.db
      .insertInto('codesign_meeting')
      .values({
        network_id: t.networkId,
        project_id: recorded.id,
        tool_id: recorded.tools.meeting,
        held_on: localDate(at(8)),
        place: 'Kita Nordfeld',
        facilitator: 'Thomas Becker',
        people: 21,
      })
      .execute();
  });
  after(() => t.close());

  test('events, shifts and meetings in one list, earliest first; nothing the reader may not see', async () => {
    const everyone = [
      'Nachbarschaftsfest',
      'Online-Reparaturhilfe',
      'Kellerflohmarkt',
      'Lebensmittel ausgeben',
      'Gesprächsrunde im Begegnungsraum',
      'Elternabend',
    ];
    assert.deepEqual(await titles(null), everyone);
    assert.deepEqual(await titles(jonas), everyone);
    // a members-only event is there for the host's members, and only for them
    assert.deepEqual(await titles(mia), [everyone[0], 'Teamtreffen (intern)', ...everyone.slice(1)]);
    const r = (await get(null, `/calendar?from=${localDate(new Date())}&limit=100`)).json();
    const meeting = r.items.find((i: { title: string }) => i.title === 'Elternabend');
    assert.deepEqual(
      [meeting.area, meeting.kind, meeting.allDay, meeting.place],
      ['codesign', 'meeting', true, 'Kita Nordfeld'],
    );
    const shift = r.items.find((i: { title: string }) => i.title === 'Lebensmittel ausgeben');
    assert.deepEqual(
      [shift.area, shift.kind, shift.freePlaces, shift.district.name],
      ['participation', 'shift', 4, 'Lindenhof'],
    );
    assert.match(shift.link, /^\/mitmachen\//);
    const fest = r.items.find((i: { title: string }) => i.title === 'Nachbarschaftsfest');
    assert.equal(fest.link, `/raeume/kalender/${ids.fest}`);
  });

  test('each filter narrows: area, district, community, step-free, free of charge, online', async () => {
    assert.deepEqual(await titles(null, '&area=participation'), ['Lebensmittel ausgeben']);
    assert.deepEqual(await titles(null, '&area=codesign'), [
      'Gesprächsrunde im Begegnungsraum',
      'Elternabend',
    ]);
    assert.deepEqual(await titles(null, '&area=knowledge'), []);
    assert.deepEqual(await titles(null, `&district=${lindenhof}`), [
      'Nachbarschaftsfest',
      'Lebensmittel ausgeben',
    ]);
    assert.deepEqual(await titles(null, `&community=${cafe.id}`), ['Online-Reparaturhilfe']);
    // step-free only where the host said so; a shift's or meeting's access was not said
    assert.deepEqual(await titles(null, '&accessible=true'), ['Nachbarschaftsfest']);
    assert.deepEqual(await titles(null, '&free=true'), [
      'Nachbarschaftsfest',
      'Kellerflohmarkt',
      'Lebensmittel ausgeben',
      'Gesprächsrunde im Begegnungsraum',
      'Elternabend',
    ]);
    assert.deepEqual(await titles(null, '&online=true'), ['Online-Reparaturhilfe']);
    assert.deepEqual(await titles(null, `&online=true&district=${lindenhof}`), []);
    const communities = (await get(null, '/communities')).json().items;
    assert.deepEqual(
      communities.map((c: { name: string }) => c.name),
      ['Repair-Café Lindenbrück'],
    );
  });

  test('pages of the list, a range of local days, at most 92 of them', async () => {
    const from = localDate(new Date());
    const page = (await get(null, `/calendar?from=${from}&limit=2&offset=2`)).json();
    assert.deepEqual(
      [page.total, page.items.map((i: { title: string }) => i.title)],
      [6, ['Kellerflohmarkt', 'Lebensmittel ausgeben']],
    );
    assert.equal(page.capped, false);
    const near = (await get(null, `/calendar?from=${from}&to=${localDate(at(4))}`)).json();
    assert.deepEqual(
      near.items.map((i: { title: string }) => i.title),
      ['Nachbarschaftsfest', 'Online-Reparaturhilfe'],
    );
    const long = await get(null, `/calendar?from=${from}&to=${localDate(at(120))}`);
    assert.equal(long.statusCode, 422);
    assert.match(long.json().errors[0].message, /92/);
    assert.equal((await get(null, `/calendar?from=${from}&to=${localDate(at(-3))}`)).statusCode, 422);
  });

  test('a feed per filter shows only what anyone may see, whoever fetches it', async () => {
    const ics = await get(mia, '/calendar.ics');
    assert.equal(ics.statusCode, 200);
    assert.match(String(ics.headers['content-type']), /text\/calendar/);
    assert.match(ics.body, /SUMMARY:Nachbarschaftsfest/);
    assert.match(ics.body, /SUMMARY:Lebensmittel ausgeben/);
    assert.match(ics.body, /DTSTART;VALUE=DATE:/, 'a recorded meeting is a whole day');
    assert.doesNotMatch(ics.body, /Teamtreffen/);
    const onlyEvents = (await get(null, '/calendar.ics?area=places&free=true')).body;
    assert.match(onlyEvents, /Kellerflohmarkt/);
    assert.doesNotMatch(onlyEvents, /Lebensmittel|Online-Reparaturhilfe/);
  });

  test('my own feed behind a secret URL: what I registered for in every area; revoked, it is gone', async () => {
    assert.equal((await t.app.inject({ method: 'POST', url: '/api/v1/places/events/feed' })).statusCode, 401);
    await post(aylin, `/places/events/${ids.keller}/register`);
    await post(jonas, `/places/events/${ids.fest}/register`);
    await post(jonas, `/places/events/${ids.keller}/register`);
    await post(jonas, `/shifts/${ids.shift}/signup`);
    assert.equal((await get(jonas, '/feed')).json().active, false);
    const { url } = await post(jonas, '/places/events/feed');
    assert.match(url, /\/api\/v1\/places\/events\/feeds\/[A-Za-z0-9_-]{43}\.ics$/);
    assert.equal((await get(jonas, '/feed')).json().active, true);
    const path = new URL(url).pathname;
    const feed = await t.app.inject({ url: path });
    assert.equal(feed.statusCode, 200);
    assert.match(feed.body, /SUMMARY:Nachbarschaftsfest/);
    assert.match(feed.body, /SUMMARY:Lebensmittel ausgeben/);
    assert.match(feed.body, /SUMMARY:Kellerflohmarkt \(Warteliste\)/);
    assert.match(feed.body, /STATUS:TENTATIVE/);
    assert.doesNotMatch(feed.body, /Online-Reparaturhilfe|Elternabend/);
    // a new URL replaces the old; revoking ends it
    const again = await post(jonas, '/places/events/feed');
    assert.equal((await t.app.inject({ url: path })).statusCode, 404);
    const del = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/places/events/feed',
      headers: jonas.headers,
    });
    assert.equal(del.statusCode, 204);
    assert.equal((await t.app.inject({ url: new URL(again.url).pathname })).statusCode, 404);
    assert.equal((await get(null, `/feeds/${'a'.repeat(43)}.ics`)).statusCode, 404);
    const rows = await t.db.selectFrom('place_event_feed').select('token_hash').execute();
    assert.ok(
      rows.every((r) => !url.includes(r.token_hash)),
      'only a hash of the secret is stored',
    );
  });
});
