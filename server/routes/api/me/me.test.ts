import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { createUser, testPassword } from '../../../../test/helpers/factories.ts';

describe('my profile', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  test('anonymous gets 401', async () => {
    assert.equal((await t.app.inject({ url: '/api/v1/me' })).statusCode, 401);
  });

  test('profile fields round-trip, and bad ones are refused field by field', async () => {
    const u = await createUser(t);
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: u.headers,
      payload: {
        displayName: 'Jonas Berger',
        locale: 'en',
        skills: ['Fahrrad reparieren'],
        languages: ['de', 'tr'],
        availability: [{ day: 'sat', part: 'morning' }],
      },
    });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().displayName, 'Jonas Berger');
    assert.deepEqual(res.json().availability, [{ day: 'sat', part: 'morning' }]);
    const bad = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: u.headers,
      payload: { availability: [{ day: 'someday', part: 'morning' }] },
    });
    assert.equal(bad.statusCode, 400);
    const unknownDistrict = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: u.headers,
      payload: { districtIds: ['00000000-0000-4000-8000-000000000000'] },
    });
    assert.equal(unknownDistrict.statusCode, 422);
    assert.equal(unknownDistrict.json().errors[0].field, '/districtIds');
  });

  test('changing the password needs the current one, refuses weak ones, and ends other sessions', async () => {
    const u = await createUser(t);
    const other = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email: u.email, password: testPassword },
    });
    const otherCookie = String(other.headers['set-cookie']).split(';')[0]!;
    const wrong = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/me/password',
      headers: u.headers,
      payload: { currentPassword: 'nein', newPassword: 'Sonnenblumen-Wiese-2026' },
    });
    assert.equal(wrong.statusCode, 422);
    assert.equal(wrong.json().errors[0].field, '/currentPassword');
    const short = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/me/password',
      headers: u.headers,
      payload: { currentPassword: testPassword, newPassword: 'kurz' },
    });
    assert.equal(short.json().code, 'auth.password_too_short');
    assert.equal(short.json().errors[0].field, '/newPassword');
    const common = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/me/password',
      headers: u.headers,
      payload: { currentPassword: testPassword, newPassword: 'qwertz123456' },
    });
    assert.equal(common.json().code, 'auth.password_too_common');
    const ok = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/me/password',
      headers: u.headers,
      payload: { currentPassword: testPassword, newPassword: 'Sonnenblumen-Wiese-2026' },
    });
    assert.equal(ok.statusCode, 204);
    assert.equal(
      (await t.app.inject({ url: '/api/v1/session', headers: { cookie: otherCookie } })).json().account,
      null,
    );
    assert.equal((await t.app.inject({ url: '/api/v1/me', headers: u.headers })).statusCode, 200);
  });
});
