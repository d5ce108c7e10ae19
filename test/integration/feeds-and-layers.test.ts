import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { xml2js } from 'xml-js';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { eventBody, makeCommunity } from '../helpers/events.ts';
import { createOrganisation, createUser, type TestUser } from '../helpers/factories.ts';

/**
 * The exports the "Daten & Schnittstellen" page lists (web/src/features/data): the discussions' RSS
 * and Atom feeds, an opportunity's shifts as iCalendar, and the GeoJSON layers of every public map —
 * each parsed as its format, and each without what only members or signed-in people may see.
 */

/** The elements of a parsed XML document, depth first. */
type XmlNode = { name?: string; elements?: XmlNode[]; text?: string | number; cdata?: string };
function elements(n: XmlNode, name: string): XmlNode[] {
  const own = n.name === name ? [n] : [];
  return [...own, ...(n.elements ?? []).flatMap((c) => elements(c, name))];
}
const textOf = (n: XmlNode): string =>
  n.text !== undefined ? String(n.text) : (n.cdata ?? (n.elements ?? []).map(textOf).join(''));

/** Parses XML strictly (xml-js throws on what is not well-formed) and returns the root element. */
function parseXml(body: string): XmlNode {
  const doc = xml2js(body, { compact: false }) as XmlNode;
  const root = doc.elements?.find((e) => e.name);
  assert.ok(root, 'a root element');
  return root;
}

/** An iCalendar text as its components: lines unfolded, BEGIN/END balanced, properties by name. */
function parseIcs(body: string) {
  const lines = body
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter(Boolean);
  const stack: string[] = [];
  const events: Record<string, string>[] = [];
  let current: Record<string, string> | null = null;
  for (const line of lines) {
    const colon = line.indexOf(':');
    assert.ok(colon > 0, `a content line: ${line}`);
    const name = line.slice(0, colon).split(';')[0]!;
    const value = line.slice(colon + 1);
    if (name === 'BEGIN') {
      stack.push(value);
      if (value === 'VEVENT') current = {};
    } else if (name === 'END') {
      assert.equal(stack.pop(), value, 'BEGIN and END in order');
      if (value === 'VEVENT' && current) {
        events.push(current);
        current = null;
      }
    } else if (current) current[name] = value.replace(/\\,/g, ',').replace(/\\;/g, ';');
  }
  assert.equal(stack.length, 0, 'every BEGIN has its END');
  assert.equal(lines[0], 'BEGIN:VCALENDAR');
  return events;
}

interface Collection {
  type: string;
  features: {
    type: string;
    id: string;
    geometry: { type: string; coordinates: number[] };
    properties: Record<string, unknown>;
  }[];
  truncated?: boolean;
}

/** A GeoJSON FeatureCollection of points as RFC 7946 has it: longitude first, in range, a string id. */
function assertPoints(body: string): Collection {
  const fc = JSON.parse(body) as Collection;
  assert.equal(fc.type, 'FeatureCollection');
  assert.ok(Array.isArray(fc.features));
  for (const f of fc.features) {
    assert.equal(f.type, 'Feature');
    assert.equal(typeof f.id, 'string');
    assert.equal(f.geometry.type, 'Point');
    assert.equal(f.geometry.coordinates.length, 2);
    const [lng, lat] = f.geometry.coordinates as [number, number];
    assert.ok(lng >= -180 && lng <= 180 && lat >= -90 && lat <= 90, 'in range');
    assert.equal(typeof f.properties.url, 'string', 'every feature links its page');
  }
  return fc;
}

describe('feeds, calendars and map layers for everyone', () => {
  let t: TestApp;
  let centre: { id: string; slug: string; name: string };
  let petra: TestUser;
  let mia: TestUser;
  let stranger: TestUser;
  let districtId: string;

  const call = (user: TestUser | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: user?.headers ?? {},
      ...(payload ? { payload } : {}),
    });
  const made = async (user: TestUser, url: string, payload: object) => {
    const r = await call(user, 'POST', url, payload);
    assert.equal(r.statusCode, 201, r.body);
    return r.json() as { id: string };
  };

  before(async () => {
    t = await createTestApp();
    centre = await createOrganisation(t, { name: 'Nachbarschaftszentrum' });
    petra = await createUser(t, { displayName: 'Petra Staff', memberOf: [[centre.id, 'staff']] });
    mia = await createUser(t, { displayName: 'Mia Mitglied', memberOf: [[centre.id, 'volunteer']] });
    stranger = await createUser(t, { displayName: 'Jonas' });
    districtId = (
      await t.db
        .insertInto('district')
        .values({ network_id: t.networkId, slug: 'altstadt', name: 'Altstadt' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  });
  after(() => t.close());

  describe('discussions as RSS and Atom', () => {
    let open: string;
    let closedThread: string;

    before(async () => {
      open = (
        await made(petra, '/discussions/threads', {
          title: 'Bank am Marktplatz fehlt',
          theme: 'mobility',
          districtId,
          body: 'Wer setzt sich mit mir für eine **Bank** ein?',
        })
      ).id;
      await made(mia, `/discussions/threads/${open}/posts`, { body: 'Ich bin dabei, Antwort Eins.' });
      const hidden = await made(mia, `/discussions/threads/${open}/posts`, {
        body: 'Verborgene Antwort Zwei.',
      });
      await t.db
        .insertInto('hidden_content')
        .values({
          network_id: t.networkId,
          entity_type: 'discussion_post',
          entity_id: hidden.id,
          hidden_by: petra.id,
          reason: 'Test',
        })
        .execute();
      // a thread of a by-request community: its members' business only
      const community = await makeCommunity(t, { members: [[mia.id, 'owner']] });
      await t.db
        .updateTable('community')
        .set({ joining: 'request' })
        .where('id', '=', community.id)
        .execute();
      closedThread = (
        await made(mia, `/places/communities/${community.id}/threads`, {
          title: 'Geheimer Lesekreis-Termin',
          body: 'Nur für uns.',
        })
      ).id;
    });

    test('new threads: a well-formed feed of public threads only, filtered by theme and district', async () => {
      for (const [format, rootName, entry] of [
        ['atom', 'feed', 'entry'],
        ['rss', 'rss', 'item'],
      ] as const) {
        const r = await call(null, 'GET', `/discussions/feed.${format}`);
        assert.equal(r.statusCode, 200, r.body);
        assert.match(String(r.headers['content-type']), new RegExp(`application/${format}\\+xml`));
        const root = parseXml(r.body);
        assert.equal(root.name, rootName);
        const titles = elements(root, entry).map((e) => textOf(elements(e, 'title')[0]!));
        assert.deepEqual(titles, ['Bank am Marktplatz fehlt']);
        assert.ok(r.body.includes(`/wissen/diskussionen/${open}`), 'the thread linked absolutely');
        assert.ok(
          !r.body.includes('Geheimer Lesekreis') && !r.body.includes(closedThread),
          'no members-only thread',
        );
        // a signed-in member of the community gets the same feed: a feed is for nobody signed in
        const asMember = await call(mia, 'GET', `/discussions/feed.${format}`);
        assert.ok(!asMember.body.includes('Geheimer Lesekreis'));
      }
      const otherTheme = await call(null, 'GET', '/discussions/feed.atom?theme=health');
      assert.equal(elements(parseXml(otherTheme.body), 'entry').length, 0);
      const byDistrict = await call(
        null,
        'GET',
        `/discussions/feed.rss?theme=mobility&districtId=${districtId}`,
      );
      const channelTitle = textOf(elements(parseXml(byDistrict.body), 'title')[0]!);
      assert.match(channelTitle, /Mobilität, Altstadt/);
      assert.equal(elements(parseXml(byDistrict.body), 'item').length, 1);
      assert.equal((await call(null, 'GET', '/discussions/feed.atom?theme=nonsense')).statusCode, 400);
    });

    test("a thread's replies: visible posts only; a members-only thread's feed does not exist", async () => {
      const r = await call(null, 'GET', `/discussions/threads/${open}/feed.atom`);
      assert.equal(r.statusCode, 200, r.body);
      const root = parseXml(r.body);
      const contents = elements(root, 'entry').map((e) => textOf(elements(e, 'content')[0]!));
      assert.equal(contents.length, 2, 'the opening post and one reply');
      assert.ok(contents[0]!.includes('Antwort Eins'), 'newest first');
      assert.ok(!r.body.includes('Verborgene Antwort'), 'a hidden post is left out');
      const rss = await call(null, 'GET', `/discussions/threads/${open}/feed.rss`);
      assert.equal(elements(parseXml(rss.body), 'item').length, 2);
      for (const who of [null, mia]) {
        assert.equal(
          (await call(who, 'GET', `/discussions/threads/${closedThread}/feed.atom`)).statusCode,
          404,
        );
      }
      assert.equal(
        (await call(null, 'GET', `/discussions/threads/${crypto.randomUUID()}/feed.rss`)).statusCode,
        404,
      );
    });
  });

  describe("an opportunity's shifts as iCalendar", () => {
    test('the coming shifts of a published opportunity; a draft has no feed', async () => {
      const published = await made(petra, '/opportunities', {
        level: 'regular',
        title: 'Samstags Tafel-Ausgabe',
        mode: 'on_site',
        organisationIds: [centre.id],
        place: 'Marktplatz 3, Lindenbrück',
        lat: 51.34,
        lng: 12.37,
        status: 'published',
      });
      const start = new Date(Date.now() + 3 * 86_400_000);
      for (const days of [0, 7])
        await made(petra, `/opportunities/${published.id}/shifts`, {
          startsAt: new Date(start.getTime() + days * 86_400_000).toISOString(),
          endsAt: new Date(start.getTime() + days * 86_400_000 + 3 * 3600_000).toISOString(),
          capacity: 4,
        });
      const r = await call(null, 'GET', `/opportunities/${published.id}/shifts.ics`);
      assert.equal(r.statusCode, 200, r.body);
      assert.match(String(r.headers['content-type']), /^text\/calendar/);
      const events = parseIcs(r.body);
      assert.equal(events.length, 2);
      assert.ok(events.every((e) => e.SUMMARY === 'Samstags Tafel-Ausgabe'));
      assert.ok(events.every((e) => e.LOCATION === 'Marktplatz 3, Lindenbrück'));
      assert.ok(events.every((e) => e.DTSTART && e.DTEND && e.UID));
      assert.ok(events[0]!.URL?.endsWith(`/mitmachen/${published.id}`));
      assert.ok(!r.body.includes('Petra'), 'nobody who signed up or coordinates is named');

      const draft = await made(petra, '/opportunities', {
        level: 'regular',
        title: 'Noch geheimer Entwurf',
        mode: 'on_site',
        organisationIds: [centre.id],
      });
      // not even for its coordinator: the address is passed on
      assert.equal((await call(petra, 'GET', `/opportunities/${draft.id}/shifts.ics`)).statusCode, 404);
      assert.equal((await call(null, 'GET', `/opportunities/${draft.id}/shifts.ics`)).statusCode, 404);
    });
  });

  describe('GeoJSON of every public map layer', () => {
    test('organisations with a place', async () => {
      await t.db
        .updateTable('organisation')
        .set({ lat: 51.34, lng: 12.37, address: 'Lindenhofer Straße 58', district_id: districtId })
        .where('id', '=', centre.id)
        .execute();
      const r = await call(null, 'GET', '/organisations/geojson');
      assert.equal(r.statusCode, 200, r.body);
      assert.match(String(r.headers['content-type']), /^application\/geo\+json/);
      const fc = assertPoints(r.body);
      assert.deepEqual(
        fc.features.map((f) => f.properties.name),
        ['Nachbarschaftszentrum'],
        'only organisations with a place',
      );
      assert.deepEqual(fc.features[0]!.geometry.coordinates, [12.37, 51.34], 'longitude first');
      assert.equal(fc.features[0]!.properties.district, 'Altstadt');
      assert.equal(fc.truncated, false);
      assert.ok(!('email' in fc.features[0]!.properties) && !('phone' in fc.features[0]!.properties));
    });

    test('opportunities: published ones only', async () => {
      await made(petra, '/opportunities', {
        level: 'regular',
        title: 'Entwurf mit Ort',
        mode: 'on_site',
        organisationIds: [centre.id],
        lat: 51.35,
        lng: 12.38,
      });
      const r = await call(null, 'GET', '/opportunities/geojson');
      assert.equal(r.statusCode, 200, r.body);
      const fc = assertPoints(r.body);
      const titles = fc.features.map((f) => f.properties.title);
      assert.ok(titles.includes('Samstags Tafel-Ausgabe'), JSON.stringify(titles));
      assert.ok(!titles.includes('Entwurf mit Ort'), 'a draft is not on the map');
      const tafel = fc.features.find((f) => f.properties.title === 'Samstags Tafel-Ausgabe')!;
      assert.deepEqual(tafel.properties.organisations, ['Nachbarschaftszentrum']);
      assert.ok(tafel.properties.nextShiftAt);
    });

    test('events: public ones with a place, not members-only ones', async () => {
      const host = { type: 'organisation' as const, id: centre.id };
      await made(
        petra,
        '/places/events',
        eventBody(host, { title: 'Offenes Reparieren', lat: 51.33, lng: 12.36 }),
      );
      await made(
        petra,
        '/places/events',
        eventBody(host, { title: 'Teamabend intern', lat: 51.33, lng: 12.36, visibility: 'members' }),
      );
      await made(petra, '/places/events', eventBody(host, { title: 'Ohne Ort' }));
      for (const who of [null, petra]) {
        const r = await call(who, 'GET', '/places/events/geojson');
        assert.equal(r.statusCode, 200, r.body);
        const titles = assertPoints(r.body).features.map((f) => f.properties.title);
        assert.deepEqual(titles, ['Offenes Reparieren'], 'the same for everyone: the file is passed on');
      }
    });

    test("resources: a private person's only at the approximate point", async () => {
      const own = await made(stranger, '/resources', {
        kind: 'equipment',
        title: 'Bohrmaschine von Jonas',
        lat: 51.341234,
        lng: 12.371234,
      });
      const r = await call(stranger, 'GET', '/resources/geojson');
      assert.equal(r.statusCode, 200, r.body);
      const f = assertPoints(r.body).features.find((x) => x.id === own.id);
      assert.ok(f);
      assert.equal(f.properties.approximate, true);
      assert.notDeepEqual(f.geometry.coordinates, [12.371234, 51.341234], 'never the exact address');
      assert.ok(!JSON.stringify(f).includes('12.371234'), 'not even for its owner');
    });

    test('map reports and districts speak the same GeoJSON', async () => {
      await made(stranger, '/map-reports', {
        kind: 'defect',
        category: 'mobility',
        title: 'Aufzug kaputt',
        lat: 51.34,
        lng: 12.37,
      });
      const reports = await call(null, 'GET', '/map-reports/geojson');
      assert.equal(reports.statusCode, 200, reports.body);
      assert.match(String(reports.headers['content-type']), /^application\/geo\+json/);
      const fc = assertPoints(reports.body);
      assert.ok(fc.features.some((f) => f.properties.title === 'Aufzug kaputt'));
      assert.equal(fc.truncated, false);
      const districts = await call(null, 'GET', '/districts/geojson');
      assert.equal(districts.statusCode, 200);
      assert.equal(JSON.parse(districts.body).type, 'FeatureCollection');
    });
  });
});
