import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { createTestApp, type TestApp } from '../../../../../test/helpers/app.ts';
import { createOrganisation, createUser, type TestUser } from '../../../../../test/helpers/factories.ts';
import { areas } from '../../../../db/schema.ts';
import { takeSnapshot } from '../commands/snapshot.ts';
import { minCircleInteractions } from '../compute.ts';
import { type Cell, periods, viewAreas } from '../snapshot.ts';

/**
 * The analytics routes: who sees what, the exports, the opt-out; and a property test over random
 * towns that no answer or export names a person to anyone but that person, reveals a figure about
 * one to four people (or one an admin could get by subtraction), or counts circle interactions.
 */
describe('places analytics: routes and privacy', () => {
  let t: TestApp;
  let admin: TestUser;
  let townStaff: TestUser;
  let people: TestUser[];
  let orgs: { id: string; name: string }[];
  const now = new Date();

  // each run of the property test asks ~100 questions: from a loopback address of its own, under the rate limit
  let client = 0;
  const get = (who: TestUser | null, url: string) =>
    t.app.inject({
      method: 'GET',
      url: `/api/v1/places/analytics${url}`,
      headers: who?.headers ?? {},
      remoteAddress: `127.0.${client}.1`,
    });

  before(async () => {
    t = await createTestApp();
    const town = await createOrganisation(t, {
      name: 'Stadtverwaltung',
      kind: 'public_body',
      sector: 'public',
    });
    orgs = [];
    for (const [name, sector] of [
      ['Pflege Nord', 'health'],
      ['Caritas Mitte', 'social_service'],
      ['Bäckerei Süd', 'business'],
      ['Sportverein Ost', 'civil_society'],
    ] as const)
      orgs.push(await createOrganisation(t, { name, sector }));
    admin = await createUser(t, { displayName: 'Ines Instanz', admin: true });
    townStaff = await createUser(t, { displayName: 'Miriam Koordination', memberOf: [[town.id, 'staff']] });
    people = [];
    for (let i = 0; i < 12; i++)
      people.push(
        await createUser(t, {
          displayName: `Zeuge${i}x Quell`,
          memberOf: i < 8 ? [[orgs[i % 4]!.id, i % 3 === 0 ? 'staff' : 'volunteer']] : [],
        }),
      );
  });
  after(() => t.close());

  test('the graph is for coordinators; everyone else, signed in or not, is told it does not exist', async () => {
    await takeSnapshot(t.db, t.networkId, { now, inThread: false });
    assert.equal((await get(admin, '/network')).statusCode, 200);
    assert.equal((await get(townStaff, '/network?period=3m&area=sharing')).statusCode, 200);
    assert.equal((await get(people[0]!, '/network')).statusCode, 404);
    assert.equal((await get(null, '/network')).statusCode, 404);
    assert.equal((await get(people[0]!, '/network/export.csv')).statusCode, 404);
    assert.equal((await get(townStaff, '/network/export.graphml')).statusCode, 200);
    assert.equal((await get(null, '/me')).statusCode, 404);
    // one's own page links to the town's network for those who may see it, and only for them
    assert.equal((await get(townStaff, '/me')).json().coordinator, true);
    assert.equal((await get(people[0]!, '/me')).json().coordinator, false);
  });

  test('"compute now" queues one job and is audited', async () => {
    const post = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/places/analytics/network/snapshots',
        headers: admin.headers,
      });
    assert.equal((await post()).statusCode, 202);
    assert.equal((await post()).statusCode, 202);
    const jobs = await t.db
      .selectFrom('job')
      .select('id')
      .where('kind', '=', 'places.analytics.snapshot_now')
      .where('status', '=', 'pending')
      .execute();
    assert.equal(jobs.length, 1);
    assert.equal((await get(admin, '/network')).json().pending, true);
    const log = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'analytics.snapshot_requested')
      .execute();
    assert.equal(log.length, 2);
  });

  test('opting out is one’s own choice, audited, and shown on one’s own page', async () => {
    const put = (optOut: boolean) =>
      t.app.inject({
        method: 'PUT',
        url: '/api/v1/places/analytics/me/opt-out',
        headers: people[1]!.headers,
        payload: { optOut },
      });
    assert.equal((await put(true)).json().optOut, true);
    assert.equal((await get(people[1]!, '/me')).json().optOut, true);
    assert.equal((await get(people[2]!, '/me')).json().optOut, false);
    assert.equal((await put(false)).statusCode, 200);
    const log = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('actor_id', '=', people[1]!.id)
      .orderBy('at')
      .execute();
    assert.deepEqual(
      log.map((r) => r.action),
      ['analytics.opted_out', 'analytics.opted_in'],
    );
  });

  test('property: no answer names a person to another, reveals a small cell or counts circles', async () => {
    const party = fc.oneof(
      fc.record({ type: fc.constant('person' as const), i: fc.integer({ min: 0, max: 11 }) }),
      fc.record({ type: fc.constant('organisation' as const), i: fc.integer({ min: 0, max: 3 }) }),
    );
    const interaction = fc.record({
      a: party,
      b: party,
      area: fc.constantFrom(...areas),
      online: fc.boolean(),
      monthsAgo: fc.integer({ min: 1, max: 12 }),
    });
    const town = fc.record({
      interactions: fc.array(interaction, { minLength: 0, maxLength: 60 }),
      optedOut: fc.uniqueArray(fc.integer({ min: 0, max: 11 }), { maxLength: 4 }),
    });
    const names = people.map((p) => p.displayName);
    const id = (p: { type: 'person' | 'organisation'; i: number }) =>
      p.type === 'person' ? people[p.i]!.id : orgs[p.i]!.id;
    const when = (k: number) => {
      const d = new Date(now);
      d.setUTCDate(10);
      d.setUTCMonth(d.getUTCMonth() - k);
      return d;
    };

    await fc.assert(
      fc.asyncProperty(town, async (w) => {
        client++;
        await t.db.deleteFrom('interaction').execute();
        await t.db.deleteFrom('places_analytics_snapshot').execute();
        await t.db.deleteFrom('places_analytics_opt_out').execute();
        for (const i of w.optedOut)
          await t.db
            .insertInto('places_analytics_opt_out')
            .values({ network_id: t.networkId, account_id: people[i]!.id })
            .execute();
        const insert = async (support: boolean) => {
          for (const x of w.interactions) {
            if ((x.area === 'support') !== support) continue;
            if (x.a.type === x.b.type && x.a.i === x.b.i) continue;
            await t.db
              .insertInto('interaction')
              .values({
                network_id: t.networkId,
                area: x.area,
                kind: 'test',
                mode: x.online ? 'online' : 'offline',
                a_type: x.a.type,
                a_id: id(x.a),
                b_type: x.b.type,
                b_id: id(x.b),
                occurred_at: when(x.monthsAgo),
              })
              .execute();
          }
        };
        // without the circles' interactions, then with them: nothing but their one count may change
        await insert(false);
        await takeSnapshot(t.db, t.networkId, { now, inThread: false });
        const answers = async () => {
          const out: Record<string, string> = {};
          for (const period of periods)
            for (const area of viewAreas) {
              const q = `?period=${period}&area=${area}`;
              out[`net${q}`] = (await get(admin, `/network${q}`)).body;
              out[`drawn${q}`] = (await get(admin, `/network/ties${q}`)).body;
              out[`nodes${q}`] = (await get(admin, `/network/export.csv${q}&table=nodes`)).body;
              out[`ties${q}`] = (await get(admin, `/network/export.csv${q}&table=ties`)).body;
              out[`graphml${q}`] = (await get(admin, `/network/export.graphml${q}`)).body;
            }
          return out;
        };
        const before = await answers();
        await insert(true);
        await takeSnapshot(t.db, t.networkId, { now: new Date(now.getTime() + 1000), inThread: false });
        const afterCircles = await answers();

        for (const [k, body] of Object.entries(afterCircles)) {
          for (const name of names) assert.ok(!body.includes(name), `${k} names ${name}`);
          if (!k.startsWith('net')) assert.equal(body, before[k], `${k} changed with circle interactions`);
        }
        for (const period of periods)
          for (const area of viewAreas) {
            const k = `net?period=${period}&area=${area}`;
            const a = JSON.parse(before[k]!);
            const b = JSON.parse(afterCircles[k]!);
            const circles = b.figures.circleInteractions;
            assert.ok(
              circles === null || circles >= minCircleInteractions,
              `${k}: ${circles} circle interactions`,
            );
            b.figures.circleInteractions = a.figures.circleInteractions;
            assert.deepEqual(
              { figures: b.figures, nodes: b.nodes, trend: b.trend },
              { figures: a.figures, nodes: a.nodes, trend: a.trend },
              `${k}: only the circles' count may change`,
            );
            for (const p of [b.figures.people, ...b.trend.map((m: { people: unknown }) => m.people)])
              checkPeople(p as Record<string, Cell>, k);
          }
        for (const [i, p] of people.entries()) {
          const me = (await get(p, '/me')).body;
          for (const [j, name] of names.entries())
            if (j !== i) assert.ok(!me.includes(name), `${name} named to person ${i}`);
        }
      }),
      { numRuns: 12, seed: 16 },
    );
  });

  // last: its snapshot is newer than every other test's
  test('the page is kept as sent for its snapshot, and a new snapshot is shown at once', async () => {
    const q = '/network?period=12m&area=participation';
    const shown = (await get(admin, q)).json();
    const later = new Date(Date.parse(shown.snapshot.computedAt) + 60_000);
    await takeSnapshot(t.db, t.networkId, { now: later, inThread: false });
    // built from the new snapshot, then kept: the same answer again, to every coordinator
    const first = await get(admin, q);
    assert.equal(first.json().snapshot.computedAt, later.toISOString());
    const again = await get(admin, q);
    assert.equal(again.statusCode, 200);
    assert.match(String(again.headers['content-type']), /^application\/json/);
    assert.equal(again.body, first.body);
    assert.equal((await get(townStaff, q)).body, first.body);
    assert.equal((await get(people[0]!, q)).statusCode, 404);
    // a browser that takes gzip gets the same answer compressed
    const zipped = await t.app.inject({
      method: 'GET',
      url: `/api/v1/places/analytics${q}`,
      headers: { ...admin.headers, 'accept-encoding': 'gzip, deflate, br' },
    });
    assert.equal(zipped.headers['content-encoding'], 'gzip');
    assert.equal(gunzipSync(zipped.rawPayload).toString('utf8'), first.body);
    // a browser that has it already is told so, and gets no body; a new snapshot is a new answer
    assert.equal(first.headers['cache-control'], 'private, no-cache');
    const etag = String(first.headers.etag);
    const revalidated = await t.app.inject({
      method: 'GET',
      url: `/api/v1/places/analytics${q}`,
      headers: { ...admin.headers, 'if-none-match': etag },
    });
    assert.equal(revalidated.statusCode, 304);
    assert.equal(revalidated.body, '');
    const stranger = await t.app.inject({
      method: 'GET',
      url: `/api/v1/places/analytics${q}`,
      headers: { ...people[0]!.headers, 'if-none-match': etag },
    });
    assert.equal(stranger.statusCode, 404, 'the ETag opens nothing to one who may not see the page');
    await takeSnapshot(t.db, t.networkId, { now: new Date(later.getTime() + 60_000), inThread: false });
    const changed = await t.app.inject({
      method: 'GET',
      url: `/api/v1/places/analytics${q}`,
      headers: { ...admin.headers, 'if-none-match': etag },
    });
    assert.equal(changed.statusCode, 200);
    assert.notEqual(changed.headers.etag, etag);
  });
});

/** No figure about one to four people, neither shown nor found by subtracting two shown ones. */
function checkPeople(p: Record<string, Cell>, where: string) {
  const small = (v: number | null) => v !== null && v > 0 && v < 5;
  for (const key of ['tookPart', 'crossSector', 'notCrossSector', 'crossDistrict', 'notCrossDistrict'])
    assert.ok(!small(p[key]!.value), `${where}: ${key} = ${p[key]!.value}`);
  const total = p.tookPart!.value;
  for (const [a, b] of [
    ['crossSector', 'notCrossSector'],
    ['crossDistrict', 'notCrossDistrict'],
  ] as const) {
    if (total === null) continue;
    if (p[a]!.value !== null) assert.ok(!small(total - p[a]!.value!), `${where}: ${total} − ${a}`);
    if (p[b]!.value !== null) assert.ok(!small(total - p[b]!.value!), `${where}: ${total} − ${b}`);
  }
}
