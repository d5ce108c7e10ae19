import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { createUser, type TestUser } from '../../../../test/helpers/factories.ts';
import { upsertDistrict } from '../../../repositories/districts.ts';
import { insertOrganisation } from '../../../repositories/organisations.ts';

const square = (lng: number, lat: number, s: number) => [
  [
    [lng, lat],
    [lng + s, lat],
    [lng + s, lat + s],
    [lng, lat + s],
    [lng, lat],
  ],
];

/**
 * Address search through the app: a fake Nominatim on loopback stands for the geocoder (the test
 * machine has no internet), and the town's own directory answers when it cannot.
 */
describe('GET /geocode', () => {
  let fake: Server;
  let mode: 'ok' | 'error' = 'ok';
  const seen: { q: string | null; headers: IncomingHttpHeaders }[] = [];
  let t: TestApp;
  let off: TestApp;
  let person: TestUser;
  let altstadt: string;

  before(async () => {
    fake = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      seen.push({ q: url.searchParams.get('q'), headers: req.headers });
      if (mode === 'error') {
        res.writeHead(503).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify([
          {
            lat: '51.305',
            lon: '9.485',
            name: '',
            address: { road: 'Kirchplatz', house_number: '4', town: 'Lindenbrück', postcode: '34560' },
          },
        ]),
      );
    });
    await new Promise<void>((r) => fake.listen(0, '127.0.0.1', r));
    const port = (fake.address() as AddressInfo).port;
    [t, off] = await Promise.all([
      createTestApp({
        GEOCODER_URL: `http://127.0.0.1:${port}/search`,
        PUBLIC_URL: 'https://lindenbrueck.example',
      }),
      createTestApp(),
    ]);
    for (const app of [t, off]) {
      await upsertDistrict(app.db, app.networkId, {
        slug: 'altstadt',
        name: 'Altstadt',
        boundary: { type: 'Polygon', coordinates: square(9.48, 51.3, 0.01) },
        centerLat: 51.305,
        centerLng: 9.485,
      });
      await insertOrganisation(app.db, app.networkId, {
        name: 'Stadtteilzentrum Linde',
        slug: 'linde',
        kind: 'association',
        sector: 'social_service',
        address: 'Bahnhofstraße 27, 34560 Lindenbrück',
        lat: 51.31,
        lng: 9.49,
      });
    }
    altstadt = (
      await t.db.selectFrom('district').select('id').where('slug', '=', 'altstadt').executeTakeFirstOrThrow()
    ).id;
    person = await createUser(t);
  });
  after(async () => {
    await Promise.all([t.close(), off.close()]);
    fake.closeAllConnections();
    await new Promise((r) => fake.close(r));
  });

  const search = (app: TestApp, q: string, user?: TestUser) =>
    app.app.inject({
      method: 'GET',
      url: `/api/v1/geocode?q=${encodeURIComponent(q)}`,
      headers: { ...(user?.headers ?? {}), 'x-forwarded-for': '203.0.113.7', 'accept-language': 'de' },
    });

  test('asks the geocoder on the person’s behalf, without their address or cookies, and names the district', async () => {
    const res = await search(t, 'Kirchplatz 4', person);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.notice, null);
    assert.deepEqual(body.items[0], {
      label: 'Kirchplatz 4, 34560 Lindenbrück',
      street: 'Kirchplatz 4',
      postcode: '34560',
      town: 'Lindenbrück',
      lat: 51.305,
      lng: 9.485,
      districtId: altstadt,
      source: 'geocoder',
    });
    const sent = seen.at(-1)!;
    assert.equal(sent.q, 'Kirchplatz 4');
    assert.equal(sent.headers['user-agent'], 'Knotenpunkt (https://lindenbrueck.example)');
    assert.equal(sent.headers.cookie, undefined);
    assert.equal(sent.headers['x-forwarded-for'], undefined);
  });

  test('the town’s own places come after the geocoder’s: districts and known public addresses', async () => {
    const res = await search(t, 'Bahnhofstrasse', person);
    const items = res.json().items as { label: string; source: string }[];
    assert.ok(
      items.some(
        (i) =>
          i.source === 'organisation' &&
          i.label === 'Stadtteilzentrum Linde, Bahnhofstraße 27, 34560 Lindenbrück',
      ),
      JSON.stringify(items),
    );
  });

  test('an answer is remembered: the same search again does not reach the geocoder', async () => {
    const before = seen.length;
    await search(t, 'Kirchplatz 4', person);
    assert.equal(seen.length, before);
  });

  test('when the geocoder fails, the directory answers and the notice says why', async () => {
    mode = 'error';
    try {
      const res = await search(t, 'Altstadt', person);
      assert.equal(res.statusCode, 200);
      assert.equal(res.json().notice, 'unreachable');
      assert.deepEqual(
        res
          .json()
          .items.map((i: { label: string; source: string; districtId: string }) => [
            i.label,
            i.source,
            i.districtId,
          ]),
        [['Altstadt', 'district', altstadt]],
      );
    } finally {
      mode = 'ok';
    }
  });

  test('with the geocoder off, only the directory is searched', async () => {
    const u = await createUser(off);
    const res = await search(off, 'linde bahnhof', u);
    assert.equal(res.json().notice, 'off');
    assert.equal(res.json().items[0].street, 'Bahnhofstraße 27');
    assert.equal(res.json().items[0].postcode, '34560');
    assert.equal(res.json().items[0].town, 'Lindenbrück');
    assert.deepEqual((await search(off, 'Nirgendwo', u)).json().items, []);
  });

  test('for signed-in people only, with a query of two to 200 characters', async () => {
    assert.equal((await search(t, 'Kirchplatz')).statusCode, 401);
    assert.equal((await search(t, 'K', person)).statusCode, 400);
    assert.equal((await search(t, '  ', person)).statusCode, 400);
    assert.equal((await search(t, 'x'.repeat(201), person)).statusCode, 400);
  });
});
