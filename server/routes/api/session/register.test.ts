import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { createUser } from '../../../../test/helpers/factories.ts';
import { maxFailures } from '../../../auth/throttle.ts';

describe('opening an account oneself (POST /session/register)', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  // each request from its own client address: the limits per address are not what these tests are about
  let client = 0;
  const from = () => `10.0.${Math.floor(++client / 250)}.${client % 250}`;
  const register = (payload: object) =>
    t.app.inject({ method: 'POST', url: '/api/v1/session/register', payload, remoteAddress: from() });
  const redeem = (token: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/session/link/redeem', payload: { token } });
  /** The newest mail to `to`: its subject, and the link's return path and token. */
  async function mailTo(to: string) {
    const m = await t.db
      .selectFrom('outbox_email')
      .select(['subject', 'body_text', 'body_shown'])
      .where('to_address', '=', to)
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    const link = /\/anmelden\/link(\?weiter=[^#\s]+)?#([A-Za-z0-9_-]+)/.exec(m.body_text);
    assert.ok(link, m.body_text);
    return {
      ...m,
      weiter: link[1] ? decodeURIComponent(link[1].slice('?weiter='.length)) : null,
      token: link[2]!,
    };
  }
  const accounts = (email: string) =>
    t.db
      .selectFrom('account')
      .select(['id', 'display_name', 'email_verified_at'])
      .where('email', '=', email)
      .execute();

  test('a new address gets a link; the account exists only once the link is used, and comes back to the page', async () => {
    const res = await register({
      email: 'Neu.Hier@Example.org',
      displayName: '  Gisela N. ',
      next: '/hilfe-finden/einkauf/fragen',
    });
    assert.equal(res.statusCode, 202);
    assert.deepEqual(await accounts('neu.hier@example.org'), [], 'nothing created before the link is used');
    const mail = await mailTo('neu.hier@example.org');
    assert.equal(mail.subject, 'Ihr Konto bei Testnetz: bitte bestätigen');
    assert.equal(mail.weiter, '/hilfe-finden/einkauf/fragen');
    assert.doesNotMatch(mail.body_shown, new RegExp(mail.token), 'the outbox never shows the secret');

    const signedIn = await redeem(mail.token);
    assert.equal(signedIn.statusCode, 200, signedIn.body);
    assert.equal(signedIn.json().account.displayName, 'Gisela N.');
    assert.match(String(signedIn.headers['set-cookie']), /kp_session|session/);
    const [account] = await accounts('neu.hier@example.org');
    assert.ok(account?.email_verified_at, 'the link showed the address is hers');
    const audited = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', account.id)
      .where('action', '=', 'account.registered')
      .execute();
    assert.equal(audited.length, 1);
    // once only
    assert.equal((await redeem(mail.token)).statusCode, 400);
  });

  test('an address with an account gets a sign-in link instead, and the answer is the same', async () => {
    const olga = await createUser(t, { displayName: 'Olga' });
    const res = await register({ email: olga.email, displayName: 'Jemand anderes' });
    assert.equal(res.statusCode, 202);
    const mail = await mailTo(olga.email);
    assert.equal(mail.subject, 'Sie haben schon ein Konto bei Testnetz');
    const signedIn = await redeem(mail.token);
    assert.equal(signedIn.json().account.id, olga.id);
    assert.equal(signedIn.json().account.displayName, 'Olga', 'nobody renames an account by registering');
    assert.equal((await accounts(olga.email)).length, 1);
  });

  test('two registrations of one address open one account', async () => {
    await register({ email: 'zweimal@example.org', displayName: 'Erster' });
    const first = await mailTo('zweimal@example.org');
    await register({ email: 'zweimal@example.org', displayName: 'Zweiter' });
    const second = await mailTo('zweimal@example.org');
    assert.notEqual(first.token, second.token);
    const a = (await redeem(second.token)).json().account.id;
    const b = (await redeem(first.token)).json().account.id;
    assert.equal(a, b);
    assert.equal((await accounts('zweimal@example.org')).length, 1);
  });

  test('bad input is refused, and a return path never leads to another site', async () => {
    assert.equal((await register({ email: 'kein-at', displayName: 'A' })).statusCode, 400);
    const blank = await register({ email: 'leer@example.org', displayName: '   ' });
    assert.equal(blank.statusCode, 422);
    assert.equal(blank.json().errors[0].field, '/displayName');
    for (const next of ['//evil.example/x', 'https://evil.example', '/\\evil.example', '/ok#frag'])
      assert.equal(
        (await register({ email: 'weg@example.org', displayName: 'A', next })).statusCode,
        400,
        next,
      );
    assert.equal(
      (await register({ email: 'x@example.org', displayName: 'A', password: 'x' })).statusCode,
      400,
    );
    assert.deepEqual(await accounts('leer@example.org'), []);
  });

  test('requests for one address count against the sign-in links limit', async () => {
    const email = 'flut@example.org';
    for (let i = 0; i < maxFailures; i++)
      assert.equal((await register({ email, displayName: 'Flut' })).statusCode, 202);
    assert.equal((await register({ email, displayName: 'Flut' })).statusCode, 429);
    const link = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session/link',
      payload: { email },
      remoteAddress: from(),
    });
    assert.equal(link.statusCode, 429);
  });

  test('a sign-in link request may name the page to come back to', async () => {
    const u = await createUser(t);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session/link',
      payload: { email: u.email, next: '/organisationen/x/anfrage?betreff=Hilfe' },
      remoteAddress: from(),
    });
    assert.equal(res.statusCode, 202);
    assert.equal((await mailTo(u.email)).weiter, '/organisationen/x/anfrage?betreff=Hilfe');
  });
});
