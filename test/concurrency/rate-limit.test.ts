import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { type App, buildApp } from '../../server/app.ts';
import { flushEveryMs, memoryShare } from '../../server/http/rateLimitStore.ts';
import type { TestApp } from '../helpers/app.ts';
import { createPostgresTestApp } from './postgres.ts';

/** A test database and two app servers on it with this rate limit, for the suite that calls it. */
function twoServers(limit: number): { t: TestApp; servers: App[] } {
  const two = {} as { t: TestApp; servers: App[] };
  before(async () => {
    two.t = await createPostgresTestApp();
    const deps = { ...two.t.app.deps, config: { ...two.t.app.deps.config, rateLimitPerMinute: limit } };
    two.servers = [await buildApp(deps, { logger: false }), await buildApp(deps, { logger: false })];
  });
  after(async () => {
    for (const s of two.servers) await s.close();
    await two.t.close();
  });
  return two;
}

/**
 * On PostgreSQL the rate limit's counters are in the database, so two app servers behind a load
 * balancer give a client one budget between them, not one each (http/rateLimitStore.ts). With a
 * limit this small (an eighth of it is below 2) every request is counted in the database; the
 * suite below takes a larger one, where a server counts a client's first requests in memory.
 */
describe('the rate limit is shared by the app servers of one PostgreSQL', () => {
  const limit = 10;
  const two = twoServers(limit);
  const get = (server: App, remoteAddress: string) =>
    server.inject({ method: 'GET', url: '/api/v1/session', remoteAddress });

  test('requests alternating between two servers share one allowance', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < limit + 2; i++)
      statuses.push((await get(two.servers[i % 2]!, '203.0.113.1')).statusCode);
    assert.deepEqual(statuses, [...Array(limit).fill(200), 429, 429]);
    const last = await get(two.servers[0]!, '203.0.113.1');
    assert.ok(Number(last.headers['retry-after']) > 0, 'the 429 says how long to wait');
  });

  test('a parallel burst over both servers lets exactly the allowance through', async () => {
    const answers = await Promise.all(
      Array.from({ length: 3 * limit }, (_, i) => get(two.servers[i % 2]!, '203.0.113.2')),
    );
    assert.equal(answers.filter((a) => a.statusCode === 200).length, limit);
    assert.equal(answers.filter((a) => a.statusCode === 429).length, 2 * limit);
    // another address has its own allowance
    assert.equal((await get(two.servers[1]!, '203.0.113.3')).statusCode, 200);
  });

  test("a route's own limit is counted apart from the general one", async () => {
    const address = '203.0.113.4';
    for (let i = 0; i < limit; i++) assert.equal((await get(two.servers[i % 2]!, address)).statusCode, 200);
    // the general allowance is used up; sign-in has its own (and answers the wrong password)
    const signIn = await two.servers[0]!.inject({
      method: 'POST',
      url: '/api/v1/session',
      remoteAddress: address,
      payload: { email: 'niemand@example.org', password: 'falsch-falsch-falsch' },
    });
    assert.notEqual(signIn.statusCode, 429);
    assert.equal(signIn.headers['x-ratelimit-limit'], '30');
    assert.equal(signIn.headers['x-ratelimit-remaining'], '29', 'the first sign-in of this address');
  });

  test('the counters write no WAL: their table is unlogged, so a counted request waits for no disk', async () => {
    const { rows } = await sql<{ relpersistence: string }>`
      SELECT relpersistence FROM pg_class WHERE oid = 'rate_limit_hit'::regclass`.execute(two.t.db);
    assert.equal(rows[0]?.relpersistence, 'u');
  });
});

describe('counted in memory first: exact on one server, one budget approximately over several', () => {
  const limit = 80;
  /** below this count a server counts a client in memory and writes it with its next flush */
  const inMemory = Math.floor(limit * memoryShare);
  const two = twoServers(limit);
  const get = (server: App, remoteAddress: string) =>
    server.inject({ method: 'GET', url: '/api/v1/session', remoteAddress });
  const hitsOf = async (address: string) =>
    (
      await sql<{ hits: number }>`SELECT hits FROM rate_limit_hit WHERE key = ${`api|${address}`}`.execute(
        two.t.db,
      )
    ).rows[0]?.hits ?? 0;

  test('the requests counted in memory reach the database with the next flush', async () => {
    assert.ok(inMemory >= 2, 'the limit is large enough to count in memory');
    const address = '192.0.2.1';
    for (let i = 0; i < inMemory - 1; i++) {
      const res = await get(two.servers[0]!, address);
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['x-ratelimit-remaining'], String(limit - i - 1));
    }
    assert.equal(await hitsOf(address), 0, 'not yet written: counted in memory');
    const deadline = Date.now() + 20 * flushEveryMs;
    while ((await hitsOf(address)) !== inMemory - 1 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, flushEveryMs / 5));
    }
    assert.equal(await hitsOf(address), inMemory - 1, 'written by the flush');
  });

  test('one server lets exactly the allowance through a parallel burst', async () => {
    const answers = await Promise.all(
      Array.from({ length: 3 * limit }, () => get(two.servers[0]!, '192.0.2.2')),
    );
    assert.equal(answers.filter((a) => a.statusCode === 200).length, limit);
    assert.equal(answers.filter((a) => a.statusCode === 429).length, 2 * limit);
  });

  test('a server new to a client lets fewer than an eighth of the allowance more through, then refuses', async () => {
    const address = '192.0.2.3';
    for (let i = 0; i < limit; i++) assert.equal((await get(two.servers[0]!, address)).statusCode, 200);
    assert.equal((await get(two.servers[0]!, address)).statusCode, 429);
    const statuses: number[] = [];
    for (let i = 0; i < inMemory + 2; i++) statuses.push((await get(two.servers[1]!, address)).statusCode);
    const extra = statuses.filter((s) => s === 200).length;
    assert.ok(extra <= inMemory - 1, `the other server let ${extra} more through`);
    assert.deepEqual(statuses.slice(extra), Array(statuses.length - extra).fill(429), 'and then refuses');
  });

  test("a route's own limit (sign-in) is counted exactly over both servers", async () => {
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        two.servers[i % 2]!.inject({
          method: 'POST',
          url: '/api/v1/session',
          remoteAddress: '192.0.2.4',
          payload: { email: `niemand${i}@example.org`, password: 'falsch-falsch-falsch' },
        }),
      ),
    );
    // the 30 let through are checked (401, or auth.throttled once the address failed too often)
    const limited = answers.filter((a) => a.statusCode === 429 && a.json().code === 'rate_limited');
    assert.equal(limited.length, 10, 'sign-in allows 30 a minute from one address');
  });
});
