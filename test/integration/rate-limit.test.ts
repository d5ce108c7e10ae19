import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../helpers/app.ts';

/**
 * The rate limit (600 API requests a minute from one address) counts the API only: the web
 * client's files and the page that stands for every route never lock a person out. Over the limit,
 * the answer is a problem+json in the person's language that says how long to wait, and Retry-After
 * says the same to programs (issue #13, item 5).
 */
describe('static files and the rate limit', () => {
  let t: TestApp;
  let web: string;
  const limit = 600;
  let address = 0;
  /** Each test from its own client address, so the counters start at zero. */
  const nextAddress = () => `198.51.100.${++address}`;

  before(async () => {
    web = mkdtempSync(path.join(tmpdir(), 'kp-web-'));
    mkdirSync(path.join(web, 'assets'));
    writeFileSync(path.join(web, 'index.html'), '<!doctype html><title>Knotenpunkt</title>');
    writeFileSync(path.join(web, 'assets', 'index-abc123.js'), 'console.log(1)');
    t = await createTestApp({}, { webDist: web });
  });
  after(async () => {
    await t.close();
    rmSync(web, { recursive: true, force: true });
  });

  const get = (url: string, remoteAddress: string, language = 'de') =>
    t.app.inject({ method: 'GET', url, remoteAddress, headers: { 'accept-language': language } });

  test('static files and the page of every route are never counted', async () => {
    const ip = nextAddress();
    for (let i = 0; i < limit + 5; i++) {
      const url = i % 3 === 0 ? '/assets/index-abc123.js' : i % 3 === 1 ? '/teilen/karte' : '/healthz';
      const res = await get(url, ip);
      assert.equal(res.statusCode, 200, `${url} (request ${i + 1})`);
      assert.equal(res.headers['x-ratelimit-remaining'], undefined, `${url} carries no rate-limit count`);
    }
    // the API still has the whole allowance for this address
    const api = await get('/api/v1/session', ip);
    assert.equal(api.statusCode, 200);
    assert.equal(api.headers['x-ratelimit-remaining'], String(limit - 1));
  });

  test('over the limit, the API answers a translated 429 problem with Retry-After', async () => {
    const ip = nextAddress();
    for (let i = 0; i < limit; i++) {
      const res = await get('/api/v1/session', ip);
      assert.equal(res.statusCode, 200, `request ${i + 1}`);
    }
    const de = await get('/api/v1/session', ip, 'de');
    assert.equal(de.statusCode, 429);
    assert.match(String(de.headers['content-type']), /^application\/problem\+json/);
    const retryAfter = Number(de.headers['retry-after']);
    assert.ok(
      Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60,
      `Retry-After ${retryAfter}`,
    );
    const body = de.json();
    assert.equal(body.status, 429);
    assert.equal(body.code, retryAfter === 1 ? 'rate_limited.one' : 'rate_limited');
    assert.match(body.title, /^Zu viele Anfragen – bitte in (\d+ Sekunden|einer Sekunde) noch einmal\.$/);
    if (retryAfter > 1) assert.ok(body.title.includes(`${retryAfter} Sekunden`), body.title);

    const en = await get('/api/v1/session', ip, 'en');
    assert.equal(en.statusCode, 429);
    assert.match(en.json().title, /^Too many requests – please try again in (\d+ seconds|a second)\.$/);

    // static files are still served to the address the API refuses
    assert.equal((await get('/assets/index-abc123.js', ip)).statusCode, 200);
    assert.equal((await get('/organisationen', ip)).statusCode, 200);
  });

  test("a missing file of the app is a 404, not the app's page", async () => {
    const ip = nextAddress();
    const old = await get('/assets/AdminPage-0ld.js', ip);
    assert.equal(old.statusCode, 404);
    assert.match(String(old.headers['content-type']), /^application\/problem\+json/);
    const page = await get('/verwaltung/konten', ip);
    assert.equal(page.statusCode, 200);
    assert.match(String(page.headers['content-type']), /^text\/html/);
  });
});
