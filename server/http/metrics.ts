import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { sendProblem } from './errors.ts';

/** Job kinds whose jobs deliver to other servers (ActivityPub federation): their backlog is told apart. */
export const federationKindPrefix = 'activitypub';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Whether the request carries `Authorization: Bearer <token>`; compared in constant time. */
function hasToken(req: FastifyRequest, token: string): boolean {
  const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  return given !== undefined && timingSafeEqual(digest(given), digest(token));
}

/**
 * Prometheus metrics at GET /metrics, off unless METRICS_TOKEN is set, and then only for a request
 * with `Authorization: Bearer <METRICS_TOKEN>`. Off, or without the right token, /metrics is the
 * same 404 as any unknown path (never the web client's page), so nobody learns whether it exists.
 *
 * What it tells (every series of this server process; Prometheus sums over the servers):
 * - `kp_http_request_duration_seconds{method,route,status_code}`: a histogram per route pattern
 *   (`/api/v1/resources/:id`, never the raw URL, so ids make no new series); its `_count` is the
 *   request rate;
 * - `kp_db_pool_connections{state}`: the connection pool (total, idle, waiting for one, max); on the
 *   embedded database (PGlite) the pool has one connection, so `waiting` is the queue in front of it;
 * - `kp_db_search_pool_connections{state}`: the same of the search's own pool (PostgreSQL only, see
 *   db/connect.ts `preparedPlans`);
 * - `kp_jobs{kind,state}` (due, scheduled, running) and `kp_job_oldest_due_seconds{kind}` for the
 *   job queue, read from the database on each scrape, so every server tells the same;
 * - `kp_federation_delivery_backlog` and its oldest due age: the jobs of ActivityPub kinds;
 * - `kp_outbox_emails{status}` (queued, held) and `kp_outbox_oldest_queued_seconds`;
 * - Node's process metrics (CPU, memory, event-loop delay).
 */
export function registerMetrics(app: FastifyInstance): void {
  const token = app.deps.config.metricsToken;
  const notFound = (req: FastifyRequest, reply: Parameters<typeof sendProblem>[0]) =>
    sendProblem(reply, req.locale ?? 'de', 404, 'not_found');
  if (!token) {
    app.get('/metrics', { schema: { hide: true } }, (req, reply) => notFound(req, reply));
    return;
  }

  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'kp_' });
  const requests = new Histogram({
    name: 'kp_http_request_duration_seconds',
    help: 'HTTP requests by method, route pattern and status code: duration in seconds (the _count is the rate)',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const pool = new Gauge({
    name: 'kp_db_pool_connections',
    help: 'Database connections of this server: total, idle, waiting (queries queued for one), max',
    labelNames: ['state'] as const,
    registers: [registry],
  });
  const searchPool = new Gauge({
    name: 'kp_db_search_pool_connections',
    help: "Connections of this server's search pool (PostgreSQL): total, idle, waiting, max",
    labelNames: ['state'] as const,
    registers: [registry],
  });
  const jobs = new Gauge({
    name: 'kp_jobs',
    help: 'Background jobs by kind and state: due (pending, run_at passed), scheduled (later), running',
    labelNames: ['kind', 'state'] as const,
    registers: [registry],
  });
  const oldestJob = new Gauge({
    name: 'kp_job_oldest_due_seconds',
    help: 'Seconds since the oldest due pending job of the kind was due',
    labelNames: ['kind'] as const,
    registers: [registry],
  });
  const federation = new Gauge({
    name: 'kp_federation_delivery_backlog',
    help: `Due and running delivery jobs of federation (kinds ${federationKindPrefix}*)`,
    registers: [registry],
  });
  const federationOldest = new Gauge({
    name: 'kp_federation_oldest_due_seconds',
    help: 'Seconds since the oldest due federation delivery job was due',
    registers: [registry],
  });
  const outbox = new Gauge({
    name: 'kp_outbox_emails',
    help: 'Emails in the outbox not yet sent: queued (for SMTP) or held (no SMTP configured)',
    labelNames: ['status'] as const,
    registers: [registry],
  });
  const outboxOldest = new Gauge({
    name: 'kp_outbox_oldest_queued_seconds',
    help: 'Age in seconds of the oldest queued email',
    registers: [registry],
  });

  // One series per method, route pattern and status: found by one string key, not by prom-client
  // hashing a label object on every request; and a synchronous hook, with no promise per request.
  const series = new Map<string, { observe(seconds: number): void }>();
  app.addHook('onResponse', (req, reply, done) => {
    // the route's pattern; requests that matched no route share one label
    const route = req.routeOptions.url ?? 'unmatched';
    const key = `${req.method} ${reply.statusCode} ${route}`;
    let observed = series.get(key);
    if (!observed) {
      observed = requests.labels({ method: req.method, route, status_code: String(reply.statusCode) });
      series.set(key, observed);
    }
    observed.observe(reply.elapsedTime / 1000);
    done();
  });

  app.get('/metrics', { schema: { hide: true } }, async (req, reply) => {
    if (!hasToken(req, token)) return notFound(req, reply);
    const { db, pool: pg, preparedPlans } = app.deps.db;
    const networkId = app.deps.network.id;
    const count = (gauge: typeof pool, of: NonNullable<typeof pg>) => {
      gauge.set({ state: 'total' }, of.totalCount);
      gauge.set({ state: 'idle' }, of.idleCount);
      gauge.set({ state: 'waiting' }, of.waitingCount);
      gauge.set({ state: 'max' }, of.options.max ?? 10);
    };
    if (pg) count(pool, pg);
    if (preparedPlans) count(searchPool, preparedPlans.pool);
    const queue = await sql<{ kind: string; state: string; n: number; oldest: number | null }>`
      SELECT kind,
             CASE WHEN status = 'running' THEN 'running' WHEN run_at <= now() THEN 'due' ELSE 'scheduled' END AS state,
             count(*)::integer AS n,
             extract(epoch FROM now() - min(run_at))::float8 AS oldest
      FROM job
      WHERE network_id = ${networkId}::uuid AND status IN ('pending', 'running')
      GROUP BY 1, 2`.execute(db);
    jobs.reset();
    oldestJob.reset();
    let backlog = 0;
    let backlogOldest = 0;
    for (const r of queue.rows) {
      jobs.set({ kind: r.kind, state: r.state }, r.n);
      if (r.state === 'due') oldestJob.set({ kind: r.kind }, Math.max(0, r.oldest ?? 0));
      if (r.kind.startsWith(federationKindPrefix) && r.state !== 'scheduled') {
        backlog += r.n;
        if (r.state === 'due') backlogOldest = Math.max(backlogOldest, r.oldest ?? 0);
      }
    }
    federation.set(backlog);
    federationOldest.set(backlogOldest);
    const mails = await sql<{ status: string; n: number; oldest: number | null }>`
      SELECT status, count(*)::integer AS n, extract(epoch FROM now() - min(created_at))::float8 AS oldest
      FROM outbox_email
      WHERE network_id = ${networkId}::uuid AND status IN ('queued', 'held')
      GROUP BY status`.execute(db);
    outbox.set({ status: 'queued' }, 0);
    outbox.set({ status: 'held' }, 0);
    outboxOldest.set(0);
    for (const r of mails.rows) {
      outbox.set({ status: r.status }, r.n);
      if (r.status === 'queued') outboxOldest.set(Math.max(0, r.oldest ?? 0));
    }
    return reply
      .header('cache-control', 'no-store')
      .type(registry.contentType)
      .send(await registry.metrics());
  });
}
