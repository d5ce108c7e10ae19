import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { createOrganisation, createUser } from '../../../../test/helpers/factories.ts';
import { api, circleWithEveryRole } from '../../../../test/integration/circles-fixture.ts';

const cookieOf = (setCookie: string | string[] | undefined) =>
  String(Array.isArray(setCookie) ? setCookie[0] : setCookie).split(';')[0] ?? '';

/**
 * Leichte Sprache is the web client's third choice of language. The account keeps it so it follows
 * the person to every device; for the server it is German (locale 'de'), never beside English.
 */
describe('Leichte Sprache on the account', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  const patch = (headers: Record<string, string>, payload: object) =>
    t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers, payload });

  test('the choice is kept, shown in the session, and makes the account German', async () => {
    const u = await createUser(t);
    assert.equal((await patch(u.headers, { locale: 'en' })).json().locale, 'en');
    const plain = await patch(u.headers, { plainLanguage: true });
    assert.equal(plain.statusCode, 200, plain.body);
    assert.deepEqual([plain.json().locale, plain.json().plainLanguage], ['de', true]);
    const session = await t.app.inject({ url: '/api/v1/session', headers: u.headers });
    assert.deepEqual([session.json().account.locale, session.json().account.plainLanguage], ['de', true]);
    // problem messages (and emails) follow the account's locale: German
    const refused = await patch(u.headers, { displayName: '' });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.json().title, /Einige Angaben sind ungültig/);

    // plain German back to German keeps German; English ends Leichte Sprache
    const german = await patch(u.headers, { plainLanguage: false });
    assert.deepEqual([german.json().locale, german.json().plainLanguage], ['de', false]);
    await patch(u.headers, { plainLanguage: true });
    const english = await patch(u.headers, { locale: 'en' });
    assert.deepEqual([english.json().locale, english.json().plainLanguage], ['en', false]);
  });

  test('invalid values are refused at the field, and nothing changes', async () => {
    const u = await createUser(t);
    const ls = await patch(u.headers, { locale: 'ls' });
    assert.equal(ls.statusCode, 400);
    assert.equal(ls.json().errors[0].field, '/locale');
    const notBoolean = await patch(u.headers, { plainLanguage: 'ja' });
    assert.equal(notBoolean.statusCode, 400);
    assert.equal(notBoolean.json().errors[0].field, '/plainLanguage');
    const both = await patch(u.headers, { locale: 'en', plainLanguage: true });
    assert.equal(both.statusCode, 422);
    assert.equal(both.json().errors[0].field, '/plainLanguage');
    assert.match(both.json().errors[0].message, /nur auf Deutsch|German only/);
    const me = (await t.app.inject({ url: '/api/v1/me', headers: u.headers })).json();
    assert.deepEqual([me.locale, me.plainLanguage], ['de', false]);
  });

  test('the database refuses Leichte Sprache beside English', async () => {
    const u = await createUser(t);
    await assert.rejects(
      t.db
        .updateTable('account')
        .set({ locale: 'en', plain_language: true })
        .where('id', '=', u.id)
        .execute(),
      /account_plain_language_check/,
    );
  });

  test('an invitation accepted in Leichte Sprache makes an account that keeps it', async () => {
    const org = await createOrganisation(t, { name: 'Nachbarschaftshilfe' });
    const admin = await createUser(t, { memberOf: [[org.id, 'admin']] });
    const invite = async (email: string) => {
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/organisations/${org.id}/invitations`,
        headers: admin.headers,
        payload: { email, role: 'volunteer' },
      });
      const mail = await t.db
        .selectFrom('outbox_email')
        .select('body_text')
        .where('to_address', '=', email)
        .executeTakeFirstOrThrow();
      return /#([A-Za-z0-9_-]+)/.exec(mail.body_text)?.[1] ?? '';
    };
    const accept = (payload: object) =>
      t.app.inject({ method: 'POST', url: '/api/v1/invitations/accept', payload });

    const token = await invite('leicht@example.org');
    const both = await accept({ token, displayName: 'Herr L.', locale: 'en', plainLanguage: true });
    assert.equal(both.statusCode, 422);
    assert.equal(both.json().errors[0].field, '/plainLanguage');
    const ok = await accept({ token, displayName: 'Herr L.', locale: 'de', plainLanguage: true });
    assert.equal(ok.statusCode, 200, ok.body);
    const session = await t.app.inject({
      url: '/api/v1/session',
      headers: { cookie: cookieOf(ok.headers['set-cookie']) },
    });
    assert.deepEqual([session.json().account.locale, session.json().account.plainLanguage], ['de', true]);

    // without the flag nothing changes: the language of the request, no Leichte Sprache
    const plainToken = await invite('normal@example.org');
    const normal = await t.app.inject({
      method: 'POST',
      url: '/api/v1/invitations/accept',
      headers: { 'accept-language': 'en' },
      payload: { token: plainToken, displayName: 'Ms N.' },
    });
    const row = await t.db
      .selectFrom('account')
      .select(['locale', 'plain_language'])
      .where('email', '=', 'normal@example.org')
      .executeTakeFirstOrThrow();
    assert.equal(normal.statusCode, 200);
    assert.deepEqual(row, { locale: 'en', plain_language: false });
  });

  test('joining a support circle in Leichte Sprache keeps it on the new account', async () => {
    const k = await circleWithEveryRole(t);
    const call = api(t);
    const inv = await call(k.coordinator, 'POST', `/${k.circleId}/invitations`, { role: 'helper' });
    assert.equal(inv.statusCode, 201, inv.body);
    const token = new URL(inv.json().url).hash.slice(1);
    const both = await call(null, 'POST', '/invitations/accept', {
      token,
      displayName: 'Frau E.',
      email: 'frau.e@example.org',
      locale: 'en',
      plainLanguage: true,
    });
    assert.equal(both.statusCode, 422);
    const joined = await call(null, 'POST', '/invitations/accept', {
      token,
      displayName: 'Frau E.',
      email: 'frau.e@example.org',
      plainLanguage: true,
    });
    assert.equal(joined.statusCode, 200, joined.body);
    const row = await t.db
      .selectFrom('account')
      .select(['locale', 'plain_language'])
      .where('email', '=', 'frau.e@example.org')
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { locale: 'de', plain_language: true });
  });
});
