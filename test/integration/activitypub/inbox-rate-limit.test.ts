import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../helpers/app.ts';

/**
 * The federation's endpoints count against a client's rate limit as the API does: an inbox checks
 * each activity's signature and may fetch the sender's key, so a flood of POSTs from one address is
 * refused with 429 before any of that work, while the web client's pages stay uncounted.
 */
describe('federation endpoints and the rate limit', () => {
  let t: TestApp;
  const limit = 5;

  before(async () => {
    t = await createTestApp({
      FEDERATION: '1',
      FEDERATION_ALLOW_PRIVATE_ADDRESS: '0',
      PUBLIC_URL: 'http://127.0.0.1:9',
      RATE_LIMIT_PER_MINUTE: String(limit),
    });
  });
  after(() => t.close());

  const activity = JSON.stringify({
    '@context': 'https://www.w3.org/ns/activitystreams',
    type: 'Follow',
    actor: 'https://example.org/users/a',
    object: 'https://example.org/users/b',
  });
  const post = (remoteAddress: string) =>
    t.app.inject({
      method: 'POST',
      url: '/ap/inbox',
      remoteAddress,
      headers: { 'content-type': 'application/activity+json' },
      payload: activity,
    });

  test('the inbox answers 429 past the limit, before looking at the activity', async () => {
    const ip = '203.0.113.7';
    for (let i = 0; i < limit; i++) {
      const r = await post(ip);
      assert.ok(
        r.statusCode >= 400 && r.statusCode < 500 && r.statusCode !== 429,
        `${i + 1}: ${r.statusCode}`,
      );
      assert.equal(r.headers['x-ratelimit-remaining'], String(limit - 1 - i));
    }
    const over = await post(ip);
    assert.equal(over.statusCode, 429, over.body);
    assert.ok(Number(over.headers['retry-after']) >= 1);
    // another address still has its whole allowance; WebFinger counts the same way
    assert.notEqual((await post('203.0.113.8')).statusCode, 429);
    const finger = await t.app.inject({
      method: 'GET',
      url: '/.well-known/webfinger?resource=acct:nobody@127.0.0.1:9',
      remoteAddress: ip,
    });
    assert.equal(finger.statusCode, 429);
    // the web client's page is never counted
    assert.notEqual(
      (await t.app.inject({ method: 'GET', url: '/healthz', remoteAddress: ip })).statusCode,
      429,
    );
  });
});
