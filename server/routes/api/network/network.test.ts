import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { createOrganisation, createUser, type TestUser } from '../../../../test/helpers/factories.ts';
import { ConfigError, loadConfig } from '../../../config.ts';

describe('network settings', () => {
  let t: TestApp;
  let admin: TestUser;
  before(async () => {
    t = await createTestApp();
    admin = await createUser(t, { admin: true });
  });
  after(() => t.close());

  const patch = (headers: TestUser['headers'] | undefined, payload: object) =>
    t.app.inject({ method: 'PATCH', url: '/api/v1/network', headers, payload });

  test('anyone reads the name and the map settings: OpenStreetMap with its attribution out of the box', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/network' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), {
      name: 'Testnetz',
      slug: 'testnetz',
      settings: {
        tileUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
        tileAttribution: '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>-Mitwirkende',
        tiles: 'default',
        defaultTileUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
        mapCenter: null,
        mapZoom: null,
      },
    });
  });

  test('the operator sets the default background map (or none) by environment', async () => {
    const own = await createTestApp({
      MAP_TILE_URL: 'https://karten.example.org/{z}/{x}/{y}.png',
      MAP_TILE_ATTRIBUTION: '© Stadt Lindenbrück',
    });
    try {
      const a = (await own.app.inject({ method: 'GET', url: '/api/v1/network' })).json().settings;
      assert.equal(a.tileUrl, 'https://karten.example.org/{z}/{x}/{y}.png');
      assert.equal(a.tileAttribution, '© Stadt Lindenbrück');
    } finally {
      await own.close();
    }
    assert.equal(loadConfig({ MAP_TILE_URL: 'off' }).tileUrl, undefined);
    assert.throws(
      () => loadConfig({ MAP_TILE_URL: 'http://tiles.example.org/{z}/{x}/{y}.png' }),
      ConfigError,
    );
    assert.throws(() => loadConfig({ MAP_TILE_ATTRIBUTION: '<img src=x onerror=alert(1)>' }), ConfigError);
  });

  test('choosing their own server needs a tile URL', async () => {
    const res = await patch(admin.headers, { tiles: 'custom' });
    assert.equal(res.statusCode, 422);
    assert.equal(res.json().errors[0].field, '/tileUrl');
  });

  test('an instance admin sets the name and map, the change is audited and shows in the session', async () => {
    const res = await patch(admin.headers, {
      name: 'Netzwerk Südstadt',
      tileUrl: 'https://tiles.example.org/{z}/{x}/{y}.png',
      tileAttribution: '© OpenStreetMap-Mitwirkende',
      mapCenter: [48.77, 9.18],
      mapZoom: 13,
    });
    assert.equal(res.statusCode, 200);
    const expected = {
      name: 'Netzwerk Südstadt',
      slug: 'testnetz',
      settings: {
        tileUrl: 'https://tiles.example.org/{z}/{x}/{y}.png',
        tileAttribution: '© OpenStreetMap-Mitwirkende',
        tiles: 'custom',
        defaultTileUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
        mapCenter: [48.77, 9.18],
        mapZoom: 13,
      },
    };
    assert.deepEqual(res.json(), expected);
    assert.deepEqual((await t.app.inject({ method: 'GET', url: '/api/v1/network' })).json(), expected);
    const session = await t.app.inject({ method: 'GET', url: '/api/v1/session' });
    assert.equal(session.json().network.name, 'Netzwerk Südstadt');
    const log = await t.db
      .selectFrom('audit_log')
      .select(['actor_id', 'details'])
      .where('action', '=', 'network.updated')
      .executeTakeFirstOrThrow();
    assert.equal(log.actor_id, admin.id);
  });

  test('a partial change keeps the other settings; null clears one', async () => {
    const res = await patch(admin.headers, { mapZoom: 15, tileAttribution: null });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().settings.mapZoom, 15);
    // the admin's own tile server without an attribution shows none (it is theirs to give)
    assert.equal(res.json().settings.tileAttribution, '');
    assert.equal(res.json().settings.tileUrl, 'https://tiles.example.org/{z}/{x}/{y}.png');
    assert.deepEqual(res.json().settings.mapCenter, [48.77, 9.18]);
  });

  test('the admin switches the background map off, back to the default and to their own again', async () => {
    const none = (await patch(admin.headers, { tiles: 'none' })).json().settings;
    assert.equal(none.tiles, 'none');
    assert.equal(none.tileUrl, null);
    assert.equal(none.tileAttribution, null);
    const standard = (await patch(admin.headers, { tiles: 'default' })).json().settings;
    assert.equal(standard.tiles, 'default');
    assert.equal(standard.tileUrl, 'https://tile.openstreetmap.org/{z}/{x}/{y}.png');
    // their own server was kept and can be chosen again without typing it anew
    const own = (
      await patch(admin.headers, {
        tiles: 'custom',
        tileAttribution: '© <a href="https://example.org">Beispiel</a>',
      })
    ).json().settings;
    assert.equal(own.tileUrl, 'https://tiles.example.org/{z}/{x}/{y}.png');
    assert.equal(own.tileAttribution, '© <a href="https://example.org">Beispiel</a>');
  });

  test('an attribution with markup other than links is refused by name', async () => {
    const bad = await patch(admin.headers, { tileAttribution: '© <img src=x onerror="alert(1)">' });
    assert.equal(bad.statusCode, 422);
    assert.equal(bad.json().errors[0].field, '/tileAttribution');
    assert.match(bad.json().errors[0].message, /nur Text und Links/);
  });

  const invalid: [string, object][] = [
    ['a tile URL without {z}/{x}/{y}', { tileUrl: 'https://tiles.example.org/tile.png' }],
    ['a tile URL that is not http(s)', { tileUrl: 'javascript:alert(1)//{z}{x}{y}' }],
    ['a map centre outside the world', { mapCenter: [91, 9] }],
    ['a map centre with one number', { mapCenter: [48] }],
    ['a zoom level too high', { mapZoom: 30 }],
    ['an empty name', { name: '' }],
    ['a blank name', { name: '   ' }],
    ['an unknown setting', { theme: 'dark' }],
    ['no change at all', {}],
  ];
  for (const [what, body] of invalid) {
    test(`${what} is refused and nothing changes`, async () => {
      const before = (await t.app.inject({ method: 'GET', url: '/api/v1/network' })).json();
      const res = await patch(admin.headers, body);
      assert.ok(res.statusCode === 400 || res.statusCode === 422, `status ${res.statusCode}`);
      assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
      const after = (await t.app.inject({ method: 'GET', url: '/api/v1/network' })).json();
      assert.deepEqual(after, before);
    });
  }

  test('anonymous visitors get 401; citizens and organisation admins 403', async () => {
    const org = await createOrganisation(t);
    const orgAdmin = await createUser(t, { memberOf: [[org.id, 'admin']] });
    const citizen = await createUser(t);
    assert.equal((await patch(undefined, { name: 'Gekapert' })).statusCode, 401);
    assert.equal((await patch(citizen.headers, { name: 'Gekapert' })).statusCode, 403);
    assert.equal((await patch(orgAdmin.headers, { name: 'Gekapert' })).statusCode, 403);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/network' });
    assert.notEqual(res.json().name, 'Gekapert');
  });
});
