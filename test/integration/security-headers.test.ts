import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import helmet from '@fastify/helmet';
import Fastify from 'fastify';
import { helmetOptions } from '../../server/http/securityHeaders.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

/**
 * Every answer carries helmet's security headers — a Content-Security-Policy that allows no script
 * from elsewhere, HSTS, X-Frame-Options, nosniff … — exactly those @fastify/helmet sets with our
 * options, although the server works them out once at start instead of on every request
 * (http/securityHeaders.ts). @fastify/helmet itself is the reference here.
 */
describe('security headers', () => {
  let t: TestApp;
  let web: string;
  /** what @fastify/helmet puts on an answer, less what any Fastify answer carries */
  let expected: Record<string, string>;
  const ownHeaders = new Set(['content-type', 'content-length', 'date', 'connection', 'keep-alive']);

  before(async () => {
    web = mkdtempSync(path.join(tmpdir(), 'kp-web-'));
    mkdirSync(path.join(web, 'assets'));
    writeFileSync(path.join(web, 'index.html'), '<!doctype html><title>Knotenpunkt</title>');
    writeFileSync(path.join(web, 'assets', 'index-abc123.js'), 'console.log(1)');
    t = await createTestApp({}, { webDist: web });

    const reference = Fastify({ logger: false });
    await reference.register(helmet, helmetOptions);
    reference.get('/', async () => ({ ok: true }));
    const res = await reference.inject({ method: 'GET', url: '/' });
    await reference.close();
    expected = Object.fromEntries(
      Object.entries(res.headers)
        .filter(([name]) => !ownHeaders.has(name))
        .map(([name, value]) => [name, String(value)]),
    );
  });
  after(async () => {
    await t.close();
    rmSync(web, { recursive: true, force: true });
  });

  test('the reference is what we mean: a strict CSP and the rest of helmet', () => {
    assert.match(expected['content-security-policy'] ?? '', /default-src 'self'/);
    assert.match(expected['content-security-policy'] ?? '', /script-src 'self'(;|$)/);
    assert.match(expected['content-security-policy'] ?? '', /img-src 'self' data: blob: https:/);
    assert.equal(expected['x-frame-options'], 'SAMEORIGIN');
    assert.equal(expected['x-content-type-options'], 'nosniff');
    assert.match(expected['strict-transport-security'] ?? '', /max-age=\d+/);
    assert.equal(expected['cross-origin-embedder-policy'], undefined, 'switched off');
  });

  for (const [what, url, status] of [
    ['the liveness check', '/healthz', 200],
    ['an API answer', '/api/v1/session', 200],
    ['an unknown API path', '/api/v1/nothing-here', 404],
    ['a file of the web client', '/assets/index-abc123.js', 200],
    ['a page of the web client', '/organisationen', 200],
    ['a missing file of the web client', '/assets/gone-0ld.js', 404],
  ] as const) {
    test(`${what} carries exactly helmet's headers`, async () => {
      const res = await t.app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, status);
      for (const [name, value] of Object.entries(expected)) {
        assert.equal(res.headers[name], value, `${url}: ${name}`);
      }
    });
  }

  test('a refused request carries them too', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/organisations',
      payload: {},
    });
    assert.ok(res.statusCode >= 400);
    for (const [name, value] of Object.entries(expected)) assert.equal(res.headers[name], value, name);
  });

  test("a route's own CSP wins: the API docs' page allows its own scripts", async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs' });
    assert.equal(res.statusCode, 200);
    const csp = String(res.headers['content-security-policy']);
    assert.notEqual(csp, expected['content-security-policy']);
    assert.match(csp, /validator\.swagger\.io/);
    assert.equal(res.headers['x-frame-options'], expected['x-frame-options']);
  });
});
