import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ConfigError, loadConfig } from '../../server/config.ts';
import { enqueue } from '../../server/platform/jobs.ts';
import { sendMail } from '../../server/platform/mail.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

/**
 * GET /metrics (Prometheus): off unless METRICS_TOKEN is set, and then only with that bearer token;
 * otherwise the same 404 as any unknown path, never the web client's page (issue #17, item 6).
 */
const token = 'metrics-token-for-the-test-0123456789';

/** A minimal check of the text exposition format: every sample line is `name{labels} value`. */
function samples(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('# HELP ') || line.startsWith('# TYPE ')) continue;
    const m =
      /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*",?)*\})?) (\S+)$/.exec(line);
    assert.ok(m, `not a sample line: ${line}`);
    const value = Number(m[2]);
    // prom-client writes a gauge with no sample yet (the event loop's lag at first) as "Nan", which
    // Prometheus reads, like any case of NaN
    assert.ok(!Number.isNaN(value) || m[2]!.toLowerCase() === 'nan', `not a number: ${line}`);
    out.set(m[1]!, value);
  }
  return out;
}

describe('metrics', () => {
  let web: string;
  before(() => {
    web = mkdtempSync(path.join(tmpdir(), 'kp-web-'));
    writeFileSync(path.join(web, 'index.html'), '<!doctype html><title>Knotenpunkt</title>');
  });
  after(() => rmSync(web, { recursive: true, force: true }));

  test('off without METRICS_TOKEN: /metrics is a 404 problem, not the web page', async () => {
    const t = await createTestApp({}, { webDist: web });
    try {
      const res = await t.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${token}` } });
      assert.equal(res.statusCode, 404);
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
    } finally {
      await t.close();
    }
  });

  test('a short token is refused at start', () => {
    assert.throws(() => loadConfig({ METRICS_TOKEN: 'short' }), ConfigError);
  });

  describe('on', () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp({ METRICS_TOKEN: token }, { webDist: web });
    });
    after(() => t.close());

    test('without the token, or with a wrong one, /metrics is a 404', async () => {
      for (const authorization of [
        undefined,
        'Bearer wrong-token-wrong-token-wrong',
        token,
        `Basic ${token}`,
      ]) {
        const res = await t.app.inject({ url: '/metrics', headers: authorization ? { authorization } : {} });
        assert.equal(res.statusCode, 404, `authorization: ${authorization}`);
        assert.doesNotMatch(res.body, /kp_/);
      }
    });

    test('with the token: requests by route pattern, the pool, the job queue, federation and the outbox', async () => {
      const id = randomUUID();
      assert.equal((await t.app.inject({ url: `/api/v1/resources/${id}` })).statusCode, 404);
      await t.app.inject({ url: '/api/v1/session' });
      await enqueue(t.db, { networkId: t.networkId, kind: 'test.metrics' });
      await enqueue(t.db, {
        networkId: t.networkId,
        kind: 'test.metrics',
        runAt: new Date(Date.now() + 3600_000),
      });
      await enqueue(t.db, { networkId: t.networkId, kind: 'activitypub.deliver' });
      await sendMail(
        t.db,
        { networkId: t.networkId, to: 'a@example.org', subject: 'Hallo', text: 'Text' },
        false,
      );

      const res = await t.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${token}` } });
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^text\/plain; version=0\.0\.4/);
      assert.ok(!res.body.includes(id), 'no raw URL becomes a label');
      const m = samples(res.body);
      const has = (name: string) => assert.ok(m.has(name), `${name} in\n${[...m.keys()].join('\n')}`);
      has(
        'kp_http_request_duration_seconds_count{method="GET",route="/api/v1/resources/:id",status_code="404"}',
      );
      has('kp_http_request_duration_seconds_count{method="GET",route="/api/v1/session",status_code="200"}');
      assert.equal(m.get('kp_db_pool_connections{state="max"}'), t.database.host === 'pglite' ? 1 : 20);
      // the search's own pool, half the size, on PostgreSQL only
      assert.equal(
        m.get('kp_db_search_pool_connections{state="max"}'),
        t.database.host === 'pglite' ? undefined : 10,
      );
      assert.equal(m.get('kp_jobs{kind="test.metrics",state="due"}'), 1);
      assert.equal(m.get('kp_jobs{kind="test.metrics",state="scheduled"}'), 1);
      has('kp_job_oldest_due_seconds{kind="test.metrics"}');
      assert.equal(m.get('kp_federation_delivery_backlog'), 1);
      assert.equal(m.get('kp_outbox_emails{status="held"}'), 1);
      assert.equal(m.get('kp_outbox_emails{status="queued"}'), 0);
      has('kp_process_cpu_seconds_total');
    });
  });
});
