import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { InjectOptions } from 'fastify';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createOrganisation, createUser, type TestUser } from '../helpers/factories.ts';

/** Bad input of every kind is a 4xx problem+json, never a 500, and writes nothing. */
describe('HTTP robustness', () => {
  let t: TestApp;
  let admin: TestUser;
  let orgId: string;
  before(async () => {
    t = await createTestApp();
    admin = await createUser(t, { admin: true });
    orgId = (await createOrganisation(t)).id;
  });
  after(() => t.close());

  async function orgCount() {
    const r = await t.db
      .selectFrom('organisation')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return r.n;
  }

  const valid = {
    name: 'Neue Initiative',
    slug: 'neue-initiative',
    kind: 'initiative',
    sector: 'civil_society',
  };

  const cases: [string, { payload: InjectOptions['payload']; headers?: Record<string, string> }][] = [
    ['malformed JSON', { payload: '{"name": ', headers: { 'content-type': 'application/json' } }],
    ['empty JSON body', { payload: '', headers: { 'content-type': 'application/json' } }],
    ['wrong type', { payload: { ...valid, name: 42 } }],
    ['unknown field', { payload: { ...valid, isAdmin: true } }],
    ['missing field', { payload: { name: 'Nur Name' } }],
    ['bad enum', { payload: { ...valid, sector: 'mafia' } }],
    ['too long', { payload: { ...valid, name: 'x'.repeat(500) } }],
    [
      'oversize body',
      {
        payload: JSON.stringify({ ...valid, description: 'x'.repeat(2 * 1024 * 1024) }),
        headers: { 'content-type': 'application/json' },
      },
    ],
    ['form encoded', { payload: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }],
    ['an array instead of an object', { payload: [valid] }],
  ];

  for (const [name, c] of cases) {
    test(`${name} → 4xx problem, nothing written`, async () => {
      const before = await orgCount();
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/organisations',
        payload: c.payload,
        headers: { ...admin.headers, ...c.headers },
      });
      assert.ok(
        res.statusCode >= 400 && res.statusCode < 500,
        `${name}: got ${res.statusCode} ${res.body.slice(0, 200)}`,
      );
      assert.match(String(res.headers['content-type']), /application\/problem\+json/);
      assert.ok(res.json().title.length > 0);
      assert.equal(await orgCount(), before);
    });
  }

  test('validation errors name the field in the user language', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/organisations',
      headers: { ...admin.headers, 'accept-language': 'en-GB,en;q=0.9' },
      payload: { ...valid, extra: 1 },
    });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().errors[0].field, '/extra');
    assert.match(res.json().errors[0].message, /not expected/);
  });

  test('bad ids are a 4xx, never 500', async () => {
    for (const url of [
      '/api/v1/organisations/not-a-uuid-!!',
      `/api/v1/organisations/${'a'.repeat(300)}`,
      '/api/v1/organisations/00000000-0000-0000-0000-000000000000',
    ]) {
      const res = await t.app.inject({ url });
      assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${url}: ${res.statusCode}`);
    }
    const patch = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/organisations/123',
      headers: admin.headers,
      payload: { name: 'Neu' },
    });
    assert.equal(patch.statusCode, 400);
    const member = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/organisations/${orgId}/members/xyz`,
      headers: admin.headers,
      payload: { role: 'staff' },
    });
    assert.equal(member.statusCode, 400);
  });

  test('unknown API routes answer 404 problem+json; health and OpenAPI answer', async () => {
    const res = await t.app.inject({ url: '/api/v1/nothing-here' });
    assert.equal(res.statusCode, 404);
    assert.match(String(res.headers['content-type']), /problem\+json/);
    assert.equal((await t.app.inject({ url: '/healthz' })).statusCode, 200);
    assert.equal((await t.app.inject({ url: '/readyz' })).json().status, 'ready');
    const doc = await t.app.inject({ url: '/api/openapi.json' });
    assert.equal(doc.json().openapi, '3.1.0');
    assert.ok(Object.keys(doc.json().paths).includes('/api/v1/organisations/'));
  });
});
