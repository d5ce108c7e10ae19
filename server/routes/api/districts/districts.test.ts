import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { createUser, type TestUser } from '../../../../test/helpers/factories.ts';
import { bboxCenter, parseDistricts, slugify } from './geojson.ts';

const square = (lng: number, lat: number, d = 0.01) => [
  [
    [lng, lat],
    [lng + d, lat],
    [lng + d, lat + d],
    [lng, lat + d],
    [lng, lat],
  ],
];

const feature = (name: unknown, geometry: unknown, nameKey = 'name') => ({
  type: 'Feature',
  properties: { [nameKey]: name },
  geometry,
});

const collection = (...features: unknown[]) => ({ type: 'FeatureCollection', features });

describe('districts', () => {
  let t: TestApp;
  let admin: TestUser;
  let citizen: TestUser;
  before(async () => {
    t = await createTestApp();
    admin = await createUser(t, { admin: true });
    citizen = await createUser(t);
  });
  after(() => t.close());

  const importFile = (headers: TestUser['headers'] | undefined, payload: unknown) =>
    t.app.inject({ method: 'POST', url: '/api/v1/districts/import', headers, payload: payload as object });
  const count = async () =>
    (await t.db.selectFrom('district').select('id').where('network_id', '=', t.networkId).execute()).length;

  test('an admin imports boundaries; everyone sees the list and the GeoJSON', async () => {
    const res = await importFile(admin.headers, {
      geojson: collection(
        feature('Südstadt', { type: 'Polygon', coordinates: square(9.0, 48.0) }),
        feature('Große Au', {
          type: 'MultiPolygon',
          coordinates: [square(9.1, 48.1), square(9.3, 48.3)],
        }),
      ),
    });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { created: 2, updated: 0 });

    const list = await t.app.inject({ method: 'GET', url: '/api/v1/districts' });
    assert.equal(list.statusCode, 200);
    const items = list.json().items;
    assert.deepEqual(
      items.map((d: { slug: string; name: string; hasBoundary: boolean }) => [d.slug, d.name, d.hasBoundary]),
      [
        ['grosse-au', 'Große Au', true],
        ['suedstadt', 'Südstadt', true],
      ],
    );
    const au = items[0];
    assert.ok(Math.abs(au.centerLat - 48.205) < 1e-9, 'centre of the bounding box of both parts');
    assert.ok(Math.abs(au.centerLng - 9.205) < 1e-9);

    const geo = await t.app.inject({ method: 'GET', url: '/api/v1/districts/geojson' });
    assert.equal(geo.statusCode, 200);
    assert.match(String(geo.headers['content-type']), /^application\/geo\+json/);
    const fc = geo.json();
    assert.equal(fc.type, 'FeatureCollection');
    assert.equal(fc.features.length, 2);
    const sued = fc.features.find((f: { properties: { slug: string } }) => f.properties.slug === 'suedstadt');
    assert.deepEqual(Object.keys(sued.properties).sort(), ['id', 'name', 'slug']);
    assert.equal(sued.geometry.type, 'Polygon');
    assert.deepEqual(sued.geometry.coordinates, square(9.0, 48.0));

    const log = await t.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'districts.imported')
      .executeTakeFirstOrThrow();
    assert.equal(log.details.created, 2);
  });

  test('importing again by another name property updates districts matched by name', async () => {
    const res = await importFile(admin.headers, {
      nameProperty: 'STADTTEIL',
      geojson: collection(
        feature('Südstadt', { type: 'Polygon', coordinates: square(9.5, 48.5) }, 'STADTTEIL'),
        feature('Nordviertel', { type: 'Polygon', coordinates: square(9.6, 48.6) }, 'STADTTEIL'),
      ),
    });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { created: 1, updated: 1 });
    const sued = await t.db
      .selectFrom('district')
      .select(['center_lat'])
      .where('slug', '=', 'suedstadt')
      .executeTakeFirstOrThrow();
    assert.ok(Math.abs((sued.center_lat ?? 0) - 48.505) < 1e-9);
  });

  const bad: [string, unknown][] = [
    ['not a FeatureCollection', { type: 'Feature', geometry: null }],
    ['no features', collection()],
    ['a point instead of an area', collection(feature('Markt', { type: 'Point', coordinates: [9, 48] }))],
    [
      'a feature without a name',
      collection(feature(undefined, { type: 'Polygon', coordinates: square(9, 48) })),
    ],
    [
      'a name without letters or digits',
      collection(feature('—', { type: 'Polygon', coordinates: square(9, 48) })),
    ],
    [
      'latitude out of range (lat/lng swapped)',
      collection(
        feature('Ost', {
          type: 'Polygon',
          coordinates: [
            [
              [48, 91],
              [48, 92],
              [49, 92],
              [48, 91],
            ],
          ],
        }),
      ),
    ],
    [
      'coordinates as strings',
      collection(
        feature('Ost', {
          type: 'Polygon',
          coordinates: [
            [
              ['9', '48'],
              [9.1, 48],
              [9.1, 48.1],
              ['9', '48'],
            ],
          ],
        }),
      ),
    ],
    [
      'an open ring',
      collection(
        feature('Ost', {
          type: 'Polygon',
          coordinates: [
            [
              [9, 48],
              [9.1, 48],
              [9.1, 48.1],
              [9, 48.1],
            ],
          ],
        }),
      ),
    ],
    [
      'more than 500 features',
      collection(
        ...Array.from({ length: 501 }, (_, i) =>
          feature(`Teil ${i}`, { type: 'Polygon', coordinates: square(9, 48) }),
        ),
      ),
    ],
  ];
  for (const [what, geojson] of bad) {
    test(`a file with ${what} is refused with 422 and nothing is written`, async () => {
      const before = await count();
      // a valid feature first: the whole file is refused, not just the bad part
      const withValid =
        (geojson as { features?: unknown[] }).features &&
        (geojson as { features: unknown[] }).features.length <= 500
          ? {
              ...(geojson as object),
              features: [
                feature('Neu Gültig', { type: 'Polygon', coordinates: square(8, 47) }),
                ...(geojson as { features: unknown[] }).features,
              ],
            }
          : geojson;
      const res = await importFile(admin.headers, { geojson: what === 'no features' ? geojson : withValid });
      assert.equal(res.statusCode, 422);
      assert.equal(res.json().code, 'district.invalid_geojson');
      assert.ok(res.json().errors[0].field.startsWith('/geojson'));
      assert.equal(await count(), before);
    });
  }

  test('an unknown field in the request is a 400', async () => {
    const res = await importFile(admin.headers, { geojson: collection(), replaceAll: true });
    assert.equal(res.statusCode, 400);
  });

  test('a boundary file above 1 MB is accepted (the import allows 5 MB), above 5 MB it is refused', async () => {
    // a detailed ring of ~40,000 points, as real municipal boundary files have
    const ring: number[][] = [];
    for (let i = 0; i < 40_000; i++) {
      const a = (i / 40_000) * 2 * Math.PI;
      ring.push([9.2 + 0.05 * Math.cos(a), 48.8 + 0.05 * Math.sin(a)]);
    }
    ring.push(ring[0]!);
    const payload = { geojson: collection(feature('Feinmaschig', { type: 'Polygon', coordinates: [ring] })) };
    assert.ok(JSON.stringify(payload).length > 1024 * 1024);
    const ok = await importFile(admin.headers, payload);
    assert.equal(ok.statusCode, 200);

    const huge = {
      geojson: collection(
        feature('Riesig', { type: 'Polygon', coordinates: [ring, ring, ring, ring, ring] }),
      ),
    };
    assert.ok(JSON.stringify(huge).length > 5 * 1024 * 1024);
    const tooBig = await importFile(admin.headers, huge);
    assert.equal(tooBig.statusCode, 413);
  });

  test('anonymous visitors get 401 and citizens 403 for import and delete; nothing changes', async () => {
    const before = await count();
    const file = { geojson: collection(feature('Fremd', { type: 'Polygon', coordinates: square(9, 48) })) };
    assert.equal((await importFile(undefined, file)).statusCode, 401);
    assert.equal((await importFile(citizen.headers, file)).statusCode, 403);
    const d = await t.db.selectFrom('district').select('id').executeTakeFirstOrThrow();
    const anon = await t.app.inject({ method: 'DELETE', url: `/api/v1/districts/${d.id}` });
    assert.equal(anon.statusCode, 401);
    const cit = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/districts/${d.id}`,
      headers: citizen.headers,
    });
    assert.equal(cit.statusCode, 403);
    assert.equal(await count(), before);
  });

  test('an admin deletes a district; people who chose it forget it; a second delete is 404', async () => {
    const d = await t.db
      .selectFrom('district')
      .select('id')
      .where('slug', '=', 'nordviertel')
      .executeTakeFirstOrThrow();
    await t.db
      .updateTable('profile')
      .set({ district_ids: [d.id] })
      .where('account_id', '=', citizen.id)
      .execute();
    const res = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/districts/${d.id}`,
      headers: admin.headers,
    });
    assert.equal(res.statusCode, 204);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/districts' });
    assert.ok(!list.json().items.some((x: { id: string }) => x.id === d.id));
    const profile = await t.db
      .selectFrom('profile')
      .select('district_ids')
      .where('account_id', '=', citizen.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(profile.district_ids, []);
    const again = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/districts/${d.id}`,
      headers: admin.headers,
    });
    assert.equal(again.statusCode, 404);
  });
});

describe('district GeoJSON parsing', () => {
  test('slugs spell out German umlauts and ß', () => {
    assert.equal(slugify('Süd-Ost / Großes Viertel'), 'sued-ost-grosses-viertel');
    assert.equal(slugify('ÖSTLICHE Älmer Über'), 'oestliche-aelmer-ueber');
    assert.equal(slugify('Île-de-Café'), 'ile-de-cafe');
  });

  test('features with the same name become one MultiPolygon', () => {
    const parsed = parseDistricts(
      collection(
        feature('Altstadt', { type: 'Polygon', coordinates: square(9, 48) }),
        feature('Altstadt', { type: 'Polygon', coordinates: square(9.2, 48.2) }),
      ),
      'name',
    );
    assert.equal(parsed.length, 1);
    assert.equal(parsed[0]!.boundary.type, 'MultiPolygon');
    const c = bboxCenter(parsed[0]!.boundary);
    assert.ok(Math.abs(c.lat - 48.105) < 1e-9 && Math.abs(c.lng - 9.105) < 1e-9);
  });
});
