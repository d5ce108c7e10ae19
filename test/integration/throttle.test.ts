import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createUser, testPassword } from '../helpers/factories.ts';

/**
 * Sign-in throttling must not tell which emails have accounts (issue #11, item 6): an account with a
 * password, one without (signs in by link only), a blocked one and an unknown email get the same
 * answers — status, headers and body — in the same order, one after another and in a burst.
 */
describe('sign-in throttling answers every email alike', () => {
  let t: TestApp;
  let admin: { headers: Record<string, string> };
  let address = 0;
  /** Each sequence comes from its own client address, so per-address counters start alike. */
  const nextAddress = () => `192.0.2.${++address}`;

  before(async () => {
    t = await createTestApp();
    admin = await createUser(t, { admin: true });
  });
  after(() => t.close());

  /** The four kinds of email, fresh for each test so no counter carries over. */
  async function emails() {
    const withPassword = await createUser(t);
    const linkOnly = await createUser(t);
    await t.db.updateTable('account').set({ password_hash: null }).where('id', '=', linkOnly.id).execute();
    const blocked = await createUser(t);
    const block = await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/accounts/${blocked.id}/block`,
      headers: admin.headers,
      payload: { reason: 'Spam' },
    });
    assert.ok(block.statusCode < 300, block.body);
    return {
      withPassword: withPassword.email,
      linkOnly: linkOnly.email,
      blocked: blocked.email,
      unknown: `niemand-${address}-${Date.now()}@example.org`,
    };
  }

  const signIn = (email: string, ip: string, password = 'falsch-falsch') =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email, password },
      remoteAddress: ip,
    });
  const askForLink = (email: string, ip: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/session/link', payload: { email }, remoteAddress: ip });

  /**
   * What a client sees of an answer, clocks aside: the date, and the seconds until the rate
   * limiter's window resets (59 or 60 depending on when in the second the request came).
   */
  function seen(res: LightMyRequestResponse) {
    const { date: _date, 'x-ratelimit-reset': _reset, ...headers } = res.headers;
    return { status: res.statusCode, headers, body: res.body };
  }
  /** How many answers had each status code. */
  function tally(codes: number[]) {
    const counts: Record<number, number> = {};
    for (const c of codes) counts[c] = (counts[c] ?? 0) + 1;
    return counts;
  }

  test('one after another: five wrong passwords answer 401, then 429 even for the right password', async () => {
    const sequences: Record<string, ReturnType<typeof seen>[]> = {};
    for (const [kind, email] of Object.entries(await emails())) {
      const ip = nextAddress();
      const answers = [];
      for (let i = 0; i < 7; i++) answers.push(seen(await signIn(email, ip)));
      answers.push(seen(await signIn(email, ip, testPassword)));
      sequences[kind] = answers;
    }
    assert.deepEqual(
      sequences.unknown?.map((a) => a.status),
      [401, 401, 401, 401, 401, 429, 429, 429],
    );
    assert.equal(JSON.parse(sequences.unknown?.[5]?.body ?? '').code, 'auth.throttled');
    for (const kind of ['withPassword', 'linkOnly', 'blocked'])
      assert.deepEqual(sequences[kind], sequences.unknown, `${kind} answers like an unknown email`);
  });

  test('one after another: five link requests answer 202, then 429', async () => {
    const sequences: Record<string, ReturnType<typeof seen>[]> = {};
    for (const [kind, email] of Object.entries(await emails())) {
      const ip = nextAddress();
      const answers = [];
      for (let i = 0; i < 6; i++) answers.push(seen(await askForLink(email, ip)));
      sequences[kind] = answers;
    }
    assert.deepEqual(
      sequences.unknown?.map((a) => a.status),
      [202, 202, 202, 202, 202, 429],
    );
    for (const kind of ['withPassword', 'linkOnly', 'blocked'])
      assert.deepEqual(sequences[kind], sequences.unknown, `${kind} answers like an unknown email`);
  });

  test('a burst of 20 wrong passwords per email: exactly five are checked, for every kind of email', async () => {
    const all = Object.entries(await emails());
    // every email's burst at once, each from its own address
    const bursts = await Promise.all(
      all.map(async ([kind, email]) => {
        const ip = nextAddress();
        const answers = await Promise.all(Array.from({ length: 20 }, () => signIn(email, ip)));
        return [kind, answers.map((a) => a.statusCode), seen(await signIn(email, ip, testPassword))] as const;
      }),
    );
    for (const [kind, codes, afterwards] of bursts) {
      assert.deepEqual(tally(codes), { 401: 5, 429: 15 }, kind);
      assert.equal(afterwards.status, 429, kind);
    }
  });

  test('a blocked account says so only to the right password, which counts as no failure', async () => {
    const { blocked } = await emails();
    const ip = nextAddress();
    for (let i = 0; i < 7; i++) {
      const res = await signIn(blocked, ip, testPassword);
      assert.equal(res.statusCode, 403);
      assert.equal(res.json().code, 'auth.blocked');
    }
    assert.equal((await signIn(blocked, ip)).statusCode, 401);
  });

  test('successful sign-ins do not lock out the address they come from', async () => {
    const ip = nextAddress();
    for (let i = 0; i < 22; i++) {
      const person = await createUser(t);
      assert.equal((await signIn(person.email, ip, testPassword)).statusCode, 200, `sign-in ${i + 1}`);
    }
  });

  test('one address may try 20 times in the window, across emails', async () => {
    const ip = nextAddress();
    const codes = [];
    for (let i = 0; i < 22; i++)
      codes.push((await signIn(`probe-${i}-${Date.now()}@example.org`, ip)).statusCode);
    assert.deepEqual(tally(codes), { 401: 20, 429: 2 });
    assert.deepEqual(codes.slice(20), [429, 429]);
  });
});
