import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { createUser, testPassword } from '../../../../test/helpers/factories.ts';

describe('session', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  test('anonymous session has no account and no abilities', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/session' });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.account, null);
    assert.equal(body.abilities.administer, false);
    assert.equal(body.network.name, 'Testnetz');
  });

  test('without OIDC_ISSUER there is no provider to sign in with: no button, its routes not found', async () => {
    assert.equal((await t.app.inject({ url: '/api/v1/session' })).json().network.oidc, null);
    assert.equal((await t.app.inject({ url: '/api/v1/session/oidc/start' })).statusCode, 404);
    const back = await t.app.inject({ url: '/api/v1/session/oidc/callback?code=a&state=b' });
    assert.equal(back.statusCode, 404);
  });

  test('password sign-in sets an HttpOnly SameSite cookie and returns a CSRF token', async () => {
    const u = await createUser(t, { displayName: 'Aylin Demir' });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email: u.email.toUpperCase(), password: testPassword },
    });
    assert.equal(res.statusCode, 200);
    const cookie = String(res.headers['set-cookie']);
    assert.match(cookie, /kp_session=/);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    assert.equal(res.json().account.displayName, 'Aylin Demir');
    assert.ok(res.json().csrfToken.length > 20);
  });

  test('a wrong password and an unknown email get the same answer', async () => {
    const u = await createUser(t);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email: u.email, password: 'falsch-falsch' },
    });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email: 'niemand@example.org', password: 'falsch-falsch' },
    });
    assert.equal(wrong.statusCode, 401);
    assert.equal(unknown.statusCode, 401);
    assert.equal(wrong.json().title, unknown.json().title);
    assert.equal(wrong.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.equal(wrong.json().title, 'E-Mail-Adresse oder Passwort stimmen nicht.');
  });

  test('after five failures sign-in is throttled, for existing and unknown emails alike', async () => {
    const u = await createUser(t);
    for (const email of [u.email, 'unbekannt@example.org']) {
      for (let i = 0; i < 5; i++) {
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/session',
          payload: { email, password: 'falsch-falsch' },
        });
      }
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { email, password: testPassword },
        headers: { 'accept-language': 'en' },
      });
      assert.equal(res.statusCode, 429);
      assert.match(res.json().title, /Too many sign-in attempts/);
    }
  });

  test('a mutating request with a session but without the CSRF token is refused', async () => {
    const u = await createUser(t);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session/sign-out-everywhere',
      headers: { cookie: u.headers.cookie },
    });
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().code, 'csrf');
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session/sign-out-everywhere',
      headers: u.headers,
    });
    assert.equal(ok.statusCode, 204);
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/session', headers: u.headers });
    assert.equal(after.json().account, null);
  });

  test('sign-in by emailed link: the link is in the outbox, works once, and answers alike for unknown emails', async () => {
    const u = await createUser(t, { displayName: 'Herr K.' });
    const known = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session/link',
      payload: { email: u.email },
    });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session/link',
      payload: { email: 'x@example.org' },
    });
    assert.equal(known.statusCode, 202);
    assert.equal(unknown.statusCode, 202);
    const mail = await t.db
      .selectFrom('outbox_email')
      .selectAll()
      .where('to_address', '=', u.email)
      .executeTakeFirstOrThrow();
    assert.equal(mail.status, 'held');
    assert.match(mail.body_text, /Guten Tag Herr K\./);
    const token = /#([A-Za-z0-9_-]+)/.exec(mail.body_text)?.[1];
    assert.ok(token);
    const first = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session/link/redeem',
      payload: { token },
    });
    assert.equal(first.statusCode, 200);
    assert.equal(first.json().account.id, u.id);
    const second = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session/link/redeem',
      payload: { token },
    });
    assert.equal(second.statusCode, 400);
    assert.equal(second.json().code, 'auth.link_invalid');
  });

  test('sign-in replaces the previous session id', async () => {
    const u = await createUser(t);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      headers: u.headers,
      payload: { email: u.email, password: testPassword },
    });
    assert.equal(res.statusCode, 200);
    const old = await t.app.inject({ method: 'GET', url: '/api/v1/session', headers: u.headers });
    assert.equal(old.json().account, null);
  });
});
