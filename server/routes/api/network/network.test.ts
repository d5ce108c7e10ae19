import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { createOrganisation, createUser, type TestUser } from '../../../../test/helpers/factories.ts';

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

  test('anyone reads the name and the (still empty) map settings', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/network' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), {
      name: 'Testnetz',
      slug: 'testnetz',
      settings: { tileUrl: null, tileAttribution: null, mapCenter: null, mapZoom: null },
    });
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
    assert.equal(res.json().settings.tileAttribution, null);
    assert.equal(res.json().settings.tileUrl, 'https://tiles.example.org/{z}/{x}/{y}.png');
    assert.deepEqual(res.json().settings.mapCenter, [48.77, 9.18]);
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
