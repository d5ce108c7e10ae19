import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { oidcProvider, oidcRefusals, refusalOf } from '../../../../server/auth/oidc/provider.ts';
import { ConfigError, loadConfig } from '../../../../server/config.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { createUser, testPassword } from '../../../../test/helpers/factories.ts';
import { startTestProvider, type TestProvider } from '../../../../test/helpers/oidcProvider.ts';

/**
 * Sign-in with OpenID Connect end to end, against a real provider (oidc-provider) on loopback:
 * the browser is played by plain HTTP requests that follow each redirect by hand and keep each
 * side's cookies — to the provider with fetch, to the app with inject.
 */

const publicUrl = 'http://localhost:3000';
const callbackPath = '/api/v1/session/oidc/callback';

/** One browser's cookies for one site. */
class Jar {
  readonly cookies = new Map<string, string>();
  take(setCookie: string[] | string | undefined) {
    for (const line of ([] as string[]).concat(setCookie ?? [])) {
      const [pair = '', ...attrs] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const gone = attrs.some((a) => /^\s*max-age=0$/i.test(a) || /^\s*expires=thu, 01 jan 1970/i.test(a));
      if (value === '' || gone) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/** A person's browser: its cookies for the app and for the provider, and its own address (each
 * person counts against the sign-in routes' rate limit on their own, as on the internet). */
interface Browser {
  app: Jar;
  provider: Jar;
  ip: string;
}
let browsers = 0;
const newBrowser = (): Browser => {
  browsers++;
  return { app: new Jar(), provider: new Jar(), ip: `10.17.${browsers >> 8}.${browsers & 255}` };
};

describe('sign-in with OpenID Connect', () => {
  let t: TestApp;
  let idp: TestProvider;

  before(async () => {
    idp = await startTestProvider(`${publicUrl}${callbackPath}`);
    t = await createTestApp({
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: idp.clientId,
      OIDC_CLIENT_SECRET: idp.clientSecret,
      OIDC_BUTTON_LABEL: 'Stadt-Konto',
      PUBLIC_URL: publicUrl,
    });
  });
  after(async () => {
    await t.close();
    await idp.close();
  });

  async function appGet(b: Browser, url: string) {
    const res = await t.app.inject({
      method: 'GET',
      url,
      remoteAddress: b.ip,
      headers: { cookie: b.app.header() },
    });
    b.app.take(res.headers['set-cookie']);
    return res;
  }

  /** Starts a sign-in and goes through the provider up to the redirect back: the callback's URL. */
  async function throughProvider(b: Browser, next?: string): Promise<string> {
    const start = await appGet(
      b,
      `/api/v1/session/oidc/start${next ? `?next=${encodeURIComponent(next)}` : ''}`,
    );
    assert.equal(start.statusCode, 303, start.body);
    let location = String(start.headers.location);
    assert.ok(location.startsWith(idp.issuer), location);
    for (let hops = 0; hops < 10; hops++) {
      if (location.startsWith(publicUrl)) return location.slice(publicUrl.length);
      const res = await fetch(new URL(location, idp.issuer), {
        redirect: 'manual',
        headers: { cookie: b.provider.header() },
      });
      b.provider.take(res.headers.getSetCookie());
      assert.ok(res.status >= 300 && res.status < 400, `${res.status} ${await res.text()}`);
      location = new URL(res.headers.get('location')!, idp.issuer).href;
    }
    throw new Error('too many redirects');
  }

  async function signInAs(b: Browser, who: TestProvider['next'], next?: string) {
    idp.next = who;
    const back = await throughProvider(b, next);
    assert.ok(back.startsWith(callbackPath), back);
    return appGet(b, back);
  }

  async function sessionOf(b: Browser) {
    return (await appGet(b, '/api/v1/session')).json() as {
      account: { id: string; email: string; displayName: string } | null;
      network: { oidc: { label: string } | null };
    };
  }

  const refusedWith = (res: { statusCode: number; headers: Record<string, unknown> }, reason: string) => {
    assert.equal(res.statusCode, 303);
    assert.match(String(res.headers.location), new RegExp(`^/anmelden\\?fehler=oidc\\.${reason}(&|$)`));
    assert.doesNotMatch(String(res.headers['set-cookie'] ?? ''), /kp_session=[^;]/);
  };

  const accountsWith = async (email: string) =>
    (
      await sql<{ id: string; password_hash: string | null }>`
        SELECT id, password_hash FROM account WHERE network_id = ${t.networkId} AND email = ${email}`.execute(
        t.db,
      )
    ).rows;

  const auditActions = async (accountId: string) =>
    (
      await sql<{ action: string; method: string | null }>`
        SELECT action, details->>'method' AS method FROM audit_log
        WHERE network_id = ${t.networkId} AND entity_id = ${accountId} ORDER BY id`.execute(t.db)
    ).rows.map((r) => `${r.action}:${r.method}`);

  test('the session tells the sign-in page about the provider', async () => {
    assert.deepEqual((await sessionOf(newBrowser())).network.oidc, { label: 'Stadt-Konto' });
  });

  test('a new person gets an account without a password, and the same one at the next sign-in', async () => {
    const b = newBrowser();
    const res = await signInAs(
      b,
      { sub: 'nina-1', email: 'Nina@Example.org', email_verified: true, name: 'Nina Neu' },
      '/profil',
    );
    assert.equal(res.statusCode, 303, res.body);
    assert.equal(res.headers.location, '/profil');
    const first = await sessionOf(b);
    assert.equal(first.account?.email, 'nina@example.org');
    assert.equal(first.account?.displayName, 'Nina Neu');
    const [account, ...more] = await accountsWith('nina@example.org');
    assert.equal(more.length, 0);
    assert.equal(account?.password_hash, null, 'no password is stored');
    assert.deepEqual(await auditActions(account!.id), ['account.registered:oidc', 'session.created:oidc']);
    assert.equal(b.app.cookies.has('kp_oidc'), false, 'the pending sign-in’s cookie is gone');

    // later, on another device, with another address at the provider: matched by issuer + subject
    const other = newBrowser();
    const again = await signInAs(other, {
      sub: 'nina-1',
      email: 'nina.neu@example.org',
      email_verified: false,
    });
    assert.equal(again.statusCode, 303, again.body);
    assert.equal(again.headers.location, '/');
    assert.equal((await sessionOf(other)).account?.id, account!.id);
    assert.equal((await accountsWith('nina.neu@example.org')).length, 0);

    // no password: password sign-in says what it says for any wrong password; setting one works
    const pw = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email: 'nina@example.org', password: testPassword },
    });
    assert.equal(pw.statusCode, 401);
    assert.equal(pw.json().code, 'auth.invalid_credentials');
  });

  test('an existing account is linked by its verified address, and keeps its password', async () => {
    const u = await createUser(t, { displayName: 'Petra Lang' });
    const b = newBrowser();
    const res = await signInAs(b, { sub: 'petra-7', email: u.email, email_verified: true, name: 'P. Lang' });
    assert.equal(res.statusCode, 303, res.body);
    const s = await sessionOf(b);
    assert.equal(s.account?.id, u.id);
    assert.equal(s.account?.displayName, 'Petra Lang', 'the name in the network stays');
    assert.deepEqual(await auditActions(u.id), ['account.oidc_linked:oidc', 'session.created:oidc']);
    const link = await sql<{ subject: string }>`
      SELECT subject FROM account_oidc_link WHERE network_id = ${t.networkId} AND account_id = ${u.id}`.execute(
      t.db,
    );
    assert.deepEqual(link.rows, [{ subject: 'petra-7' }]);
    const pw = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email: u.email, password: testPassword },
    });
    assert.equal(pw.statusCode, 200);

    // a second identity at the same provider with the same address does not get in
    const b2 = newBrowser();
    refusedWith(
      await signInAs(b2, { sub: 'someone-else', email: u.email, email_verified: true }),
      'other_identity',
    );
  });

  test('signing out of a session begun at the provider offers to end the provider’s session too', async () => {
    const b = newBrowser();
    await signInAs(b, { sub: 'out-1', email: 'out@example.org', email_verified: true });
    const s = (await appGet(b, '/api/v1/session')).json();
    assert.equal(s.viaOidc, true);
    const out = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/session',
      headers: { cookie: b.app.header(), 'x-csrf-token': s.csrfToken },
    });
    assert.equal(out.statusCode, 204);
    const end = await appGet(b, '/api/v1/session/oidc/end');
    assert.equal(end.statusCode, 303);
    const to = new URL(String(end.headers.location));
    assert.equal(to.origin, idp.issuer);
    assert.equal(to.searchParams.get('client_id'), idp.clientId);
    assert.equal(to.searchParams.get('post_logout_redirect_uri'), `${publicUrl}/`);
    // the provider takes it: its page asks the person whether to sign out there too
    const page = await fetch(to, { redirect: 'manual', headers: { cookie: b.provider.header() } });
    assert.equal(page.status, 200, await page.text());

    const pw = newBrowser();
    const u = await createUser(t);
    const signedIn = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email: u.email, password: testPassword },
    });
    pw.app.take(signedIn.headers['set-cookie']);
    assert.equal((await appGet(pw, '/api/v1/session')).json().viaOidc, false);
  });

  test('signing in at the provider while signed in as someone else ends that session', async () => {
    const u = await createUser(t);
    const b = newBrowser();
    const pw = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email: u.email, password: testPassword },
    });
    b.app.take(pw.headers['set-cookie']);
    const before = b.app.cookies.get('kp_session');
    assert.equal((await sessionOf(b)).account?.id, u.id);
    const res = await signInAs(b, { sub: 'switch-1', email: 'switch@example.org', email_verified: true });
    assert.equal(res.statusCode, 303, res.body);
    assert.equal((await sessionOf(b)).account?.email, 'switch@example.org');
    const old = await t.app.inject({ url: '/api/v1/session', headers: { cookie: `kp_session=${before}` } });
    assert.equal(old.json().account, null, 'the earlier session is over');
  });

  test('an unverified or missing address is refused, and no account is made', async () => {
    const b = newBrowser();
    refusedWith(
      await signInAs(b, { sub: 'u-1', email: 'unbestaetigt@example.org', email_verified: false }),
      'unverified',
    );
    refusedWith(await signInAs(b, { sub: 'u-2', email: 'ohne-flag@example.org' }), 'unverified');
    refusedWith(await signInAs(b, { sub: 'u-3' }), 'unverified');
    refusedWith(await signInAs(b, { sub: 'u-4', email: 'no address', email_verified: true }), 'unverified');
    assert.equal((await accountsWith('unbestaetigt@example.org')).length, 0);
    assert.equal((await accountsWith('ohne-flag@example.org')).length, 0);
    assert.equal((await sessionOf(b)).account, null);
    const refused = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM audit_log
      WHERE network_id = ${t.networkId} AND action = 'session.oidc_refused' AND details->>'reason' = 'unverified'`.execute(
      t.db,
    );
    assert.ok(refused.rows[0]!.n >= 3, 'refusals are audited');
  });

  test('a wrong or missing state is refused', async () => {
    const b = newBrowser();
    idp.next = { sub: 'state-1', email: 'state@example.org', email_verified: true };
    const back = new URL(await throughProvider(b), publicUrl);
    const wrong = new URL(back);
    wrong.searchParams.set('state', 'x'.repeat(43));
    refusedWith(await appGet(b, wrong.pathname + wrong.search), 'state');

    const b2 = newBrowser();
    const back2 = new URL(await throughProvider(b2), publicUrl);
    back2.searchParams.delete('state');
    refusedWith(await appGet(b2, back2.pathname + back2.search), 'state');

    // the right answer in another browser (no pending sign-in there): a forged sign-in link
    const b3 = newBrowser();
    const back3 = await throughProvider(b3);
    refusedWith(await appGet(newBrowser(), back3), 'state');
    assert.equal((await accountsWith('state@example.org')).length, 0);
  });

  test('a replayed code is refused', async () => {
    const b = newBrowser();
    idp.next = { sub: 'replay-1', email: 'replay@example.org', email_verified: true };
    const back = await throughProvider(b);
    const cookie = b.app.header();
    const first = await appGet(b, back);
    assert.equal(first.statusCode, 303);
    assert.equal(first.headers.location, '/');

    // the same answer again, with the same cookie: that sign-in is used up
    const replay = await t.app.inject({ method: 'GET', url: back, remoteAddress: b.ip, headers: { cookie } });
    refusedWith(replay, 'state');

    // the code in a fresh sign-in of its own: the provider will not exchange it twice
    const attacker = newBrowser();
    const own = new URL(await throughProvider(attacker), publicUrl);
    const code = new URL(back, publicUrl).searchParams.get('code')!;
    own.searchParams.set('code', code);
    refusedWith(await appGet(attacker, own.pathname + own.search), 'code');
    assert.equal((await sessionOf(attacker)).account, null);
  });

  test('cancelling at the provider is refused with its own reason', async () => {
    const b = newBrowser();
    const res = await signInAs(b, 'deny', '/mitmachen');
    refusedWith(res, 'denied');
    assert.match(String(res.headers.location), /weiter=%2Fmitmachen/);
  });

  test('a blocked account is refused', async () => {
    const u = await createUser(t);
    await sql`UPDATE account SET blocked_at = now() WHERE network_id = ${t.networkId} AND id = ${u.id}`.execute(
      t.db,
    );
    refusedWith(
      await signInAs(newBrowser(), { sub: 'blocked-1', email: u.email, email_verified: true }),
      'blocked',
    );
  });

  test('hostile answers to the callback: refused, no 5xx, no session, nothing written but the audit row', async () => {
    idp.next = { sub: 'hostile-1', email: 'hostile@example.org', email_verified: true };
    const queries: ((code: string, state: string) => string)[] = [
      () => '',
      () => '?code=&state=',
      (code, state) => `?code=${code}&state=${state}&state=${state}`,
      (code, state) => `?code=${code}&code=other&state=${state}`,
      (_, state) => `?code=${'x'.repeat(1999)}&state=${state}`,
      (_, state) => `?code=a%00b&state=${state}`,
      (code, state) => `?state=${encodeURIComponent(`${state}\u0000`)}&code=${code}`,
      (_, state) => `?state=${state}&error=access_denied&error_description=${'x'.repeat(5000)}`,
      () => '?error=%3Cscript%3E&state=%00',
      (code, state) => `?code=${code}&state=${state}&iss=https%3A%2F%2Fevil.example`,
      () => '?code[]=1&state[]=2',
      () => '?%E0%A4%A=1',
    ];
    const tables = async () =>
      (
        await sql<{ rows: string }>`
          SELECT (SELECT count(*) FROM account) || '/' || (SELECT count(*) FROM session) || '/' ||
                 (SELECT count(*) FROM account_oidc_link) AS rows`.execute(t.db)
      ).rows[0]!.rows;
    const before = await tables();
    for (const query of queries) {
      const b = newBrowser();
      const real = new URL(await throughProvider(b), publicUrl);
      const q = query(real.searchParams.get('code')!, real.searchParams.get('state')!);
      const res = await appGet(b, `${callbackPath}${q}`);
      const said = `${q.slice(0, 80)} → ${res.statusCode} ${res.body.slice(0, 200)}`;
      assert.ok(res.statusCode === 303 || res.statusCode === 400, said);
      if (res.statusCode === 303)
        assert.match(String(res.headers.location), /^\/anmelden\?fehler=oidc\./, said);
      assert.doesNotMatch(String(res.headers['set-cookie'] ?? ''), /kp_session=[^;]/);
    }
    assert.equal(await tables(), before);
  });

  test('a provider that stops answering before the code is exchanged is unreachable', async () => {
    const b = newBrowser();
    idp.next = { sub: 'late-1', email: 'late@example.org', email_verified: true };
    const back = await throughProvider(b);
    await idp.close();
    refusedWith(await appGet(b, back), 'unreachable');
    assert.equal((await accountsWith('late@example.org')).length, 0);
  });

  test('every reason has words on the sign-in page, in German and English', () => {
    for (const lang of ['de', 'en']) {
      const texts = JSON.parse(
        readFileSync(new URL(`../../../../web/src/features/auth/i18n/${lang}.json`, import.meta.url), 'utf8'),
      );
      for (const reason of oidcRefusals)
        assert.ok(texts.signIn.oidc.refused[reason], `${lang}: signIn.oidc.refused.${reason}`);
    }
  });
});

describe('an OpenID provider that cannot be reached', () => {
  test('its discovery fails as unreachable, and is tried again at the next sign-in', async () => {
    const idp = await startTestProvider(`${publicUrl}${callbackPath}`);
    const issuer = idp.issuer;
    await idp.close();
    const provider = oidcProvider(
      { issuer, clientId: 'x', clientSecret: 'y', emailClaim: 'email', label: 'x' },
      publicUrl,
    );
    const failure = await provider.client().then(
      () => assert.fail('discovery worked'),
      (error: unknown) => error,
    );
    assert.equal(refusalOf(failure), 'unreachable');
    await assert.rejects(provider.client());
  });
});

describe('OIDC configuration', () => {
  const base = {
    OIDC_ISSUER: 'https://login.example.org/realms/stadt',
    OIDC_CLIENT_ID: 'kp',
    OIDC_CLIENT_SECRET: 's',
  };
  test('off without it; all three together, https (http only on loopback), with defaults', () => {
    assert.equal(loadConfig({}).oidc, undefined);
    assert.deepEqual(loadConfig(base).oidc, {
      issuer: base.OIDC_ISSUER,
      clientId: 'kp',
      clientSecret: 's',
      emailClaim: 'email',
      label: 'OpenID Connect',
    });
    assert.equal(
      loadConfig({ ...base, OIDC_EMAIL_CLAIM: 'mail', OIDC_BUTTON_LABEL: 'Stadt-Konto' }).oidc?.label,
      'Stadt-Konto',
    );
    assert.throws(() => loadConfig({ OIDC_ISSUER: base.OIDC_ISSUER }), ConfigError);
    assert.throws(() => loadConfig({ ...base, OIDC_CLIENT_SECRET: '' }), ConfigError);
    assert.throws(() => loadConfig({ ...base, OIDC_ISSUER: 'http://login.example.org' }), ConfigError);
    assert.throws(() => loadConfig({ ...base, OIDC_ISSUER: 'not a url' }), ConfigError);
    assert.throws(() => loadConfig({ ...base, OIDC_EMAIL_CLAIM: 'a b' }), ConfigError);
    assert.equal(
      loadConfig({ ...base, OIDC_ISSUER: 'http://127.0.0.1:9000' }).oidc?.issuer,
      'http://127.0.0.1:9000',
    );
  });
});
