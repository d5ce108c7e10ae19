import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { createOrganisation, createUser, type TestUser } from '../../../../test/helpers/factories.ts';

describe('interactions', () => {
  let t: TestApp;
  let aylin: TestUser;
  let herrK: TestUser;
  let org: { id: string; name: string };
  before(async () => {
    t = await createTestApp();
    aylin = await createUser(t, { displayName: 'Aylin' });
    herrK = await createUser(t, { displayName: 'Herr K.' });
    org = await createOrganisation(t, { name: 'Bäckerei Yilmaz', kind: 'company', sector: 'business' });
  });
  after(() => t.close());

  const record = (headers: TestUser['headers'] | undefined, payload: object) =>
    t.app.inject({ method: 'POST', url: '/api/v1/interactions', headers, payload });
  const mine = (headers?: TestUser['headers']) =>
    t.app.inject({ method: 'GET', url: '/api/v1/interactions/mine', headers });
  const count = async () => (await t.db.selectFrom('interaction').select('id').execute()).length;

  test('a person logs a meeting with an organisation and sees it in their list', async () => {
    const res = await record(aylin.headers, {
      area: 'places',
      kind: 'meeting',
      mode: 'offline',
      with: { type: 'organisation', id: org.id },
      occurredAt: '2026-11-20T10:00:00.000Z',
    });
    assert.equal(res.statusCode, 201);
    assert.deepEqual(res.json(), {
      id: res.json().id,
      area: 'places',
      kind: 'meeting',
      mode: 'offline',
      with: { type: 'organisation', id: org.id, name: 'Bäckerei Yilmaz' },
      occurredAt: '2026-11-20T10:00:00.000Z',
    });
    const page = (await mine(aylin.headers)).json();
    assert.equal(page.total, 1);
    assert.deepEqual(page.items[0], res.json());
    const log = await t.db
      .selectFrom('audit_log')
      .select('actor_id')
      .where('action', '=', 'interaction.recorded')
      .executeTakeFirstOrThrow();
    assert.equal(log.actor_id, aylin.id);
  });

  test('both people see an interaction between them, each with the other as counterpart', async () => {
    const res = await record(aylin.headers, {
      area: 'support',
      kind: 'phone_call',
      mode: 'online',
      with: { type: 'person', id: herrK.id },
    });
    assert.equal(res.statusCode, 201);
    const hers = (await mine(aylin.headers)).json();
    assert.equal(hers.total, 2);
    assert.deepEqual(hers.items[0].with, { type: 'person', id: herrK.id, name: 'Herr K.' }, 'newest first');
    const his = (await mine(herrK.headers)).json();
    assert.equal(his.total, 1);
    assert.deepEqual(his.items[0].with, { type: 'person', id: aylin.id, name: 'Aylin' });
  });

  test('an interaction with oneself, with nobody, or in the future is refused and nothing is written', async () => {
    const before = await count();
    const self = await record(aylin.headers, {
      area: 'places',
      kind: 'meeting',
      mode: 'offline',
      with: { type: 'person', id: aylin.id },
    });
    assert.equal(self.statusCode, 422);
    assert.equal(self.json().code, 'interaction.self');
    const ghost = await record(aylin.headers, {
      area: 'places',
      kind: 'meeting',
      mode: 'offline',
      with: { type: 'organisation', id: herrK.id },
    });
    assert.equal(ghost.statusCode, 422);
    assert.equal(ghost.json().code, 'interaction.unknown_party');
    const future = await record(aylin.headers, {
      area: 'places',
      kind: 'meeting',
      mode: 'offline',
      with: { type: 'person', id: herrK.id },
      occurredAt: new Date(Date.now() + 7 * 24 * 3600_000).toISOString(),
    });
    assert.equal(future.statusCode, 422);
    for (const body of [
      { area: 'sport', kind: 'meeting', mode: 'offline', with: { type: 'person', id: herrK.id } },
      { area: 'places', kind: '', mode: 'offline', with: { type: 'person', id: herrK.id } },
      { area: 'places', kind: 'meeting', mode: 'telepathy', with: { type: 'person', id: herrK.id } },
      { area: 'places', kind: 'meeting', mode: 'offline', with: { type: 'group', id: herrK.id } },
      { area: 'places', kind: 'meeting', mode: 'offline', with: { type: 'person', id: herrK.id }, weight: 3 },
    ]) {
      assert.equal((await record(aylin.headers, body)).statusCode, 400, JSON.stringify(body));
    }
    assert.equal(await count(), before);
  });

  test('a blocked person cannot be chosen as counterpart', async () => {
    const blocked = await createUser(t);
    await t.db.updateTable('account').set({ blocked_at: new Date() }).where('id', '=', blocked.id).execute();
    const res = await record(aylin.headers, {
      area: 'places',
      kind: 'meeting',
      mode: 'offline',
      with: { type: 'person', id: blocked.id },
    });
    assert.equal(res.statusCode, 422);
  });

  test('anonymous visitors get 401', async () => {
    const res = await record(undefined, {
      area: 'places',
      kind: 'meeting',
      mode: 'offline',
      with: { type: 'person', id: herrK.id },
    });
    assert.equal(res.statusCode, 401);
    assert.equal((await mine()).statusCode, 401);
  });
});
