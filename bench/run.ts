import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import pg from 'pg';
import { type Database, openPglite, openPostgres } from '../server/db/connect.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { ensureNetwork } from '../server/platform/network.ts';
import { quantile } from './stats.ts';
import {
  type LoadedTown,
  loadTown,
  personTimebankAccount,
  prng,
  type TownSize,
  townId,
  townSizes,
} from './town.ts';

/**
 * `npm run bench -- --size S|M|L [--db pglite|postgres] [--duration 10] [--connections 16]
 *   [--seed 1] [--build-web] [--only timebank,pgbench] [--cpu-prof dir] [--resources 100000]`
 *
 * `--only` keeps the figures whose names contain one of the given parts (the baselines they are
 * compared with must be named too), for a quick rerun of what an optimisation touched.
 * Prints one JSON line per figure on stdout: {"name","value","unit","baseline","ratio", …};
 * progress goes to stderr. Every baseline is measured in the same run on the same machine: a bare
 * Fastify hello-world for the HTTP reads, pgbench TPC-B right before each write. Everything it starts listens
 * on 127.0.0.1 and is stopped at the end; scratch databases are dropped and temp dirs removed.
 */

const execFileP = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');

const { values: args } = parseArgs({
  options: {
    size: { type: 'string', default: 'S' },
    db: { type: 'string', default: 'pglite' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '16' },
    seed: { type: 'string', default: '1' },
    'postgres-url': {
      type: 'string',
      default: process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    },
    'build-web': { type: 'boolean', default: false },
    // comma-separated parts of figure names, e.g. `--only timebank,bookings`: the rest is skipped
    only: { type: 'string' },
    // another number of resources than the size has (the map target is for 100 000)
    resources: { type: 'string' },
    // a directory: the app server runs with --cpu-prof and writes its profile there on stop
    'cpu-prof': { type: 'string' },
  },
});
const only = args.only?.split(',').filter(Boolean) ?? null;
/** Whether a figure was asked for (all of them without --only). */
const wanted = (name: string) => !only || only.some((part) => name.includes(part));
const size = args.size as TownSize;
if (!(size in townSizes)) throw new Error(`--size must be S, M or L, got ${args.size}`);
const host = args.db;
if (host !== 'pglite' && host !== 'postgres') throw new Error(`--db must be pglite or postgres, got ${host}`);
const duration = Number(args.duration);
const connections = Number(args.connections);
const seed = Number(args.seed);
if (!(duration > 0 && duration <= 600)) throw new Error('--duration must be 1…600 seconds');
if (!(connections > 0 && connections <= 256)) throw new Error('--connections must be 1…256');
const adminUrl = args['postgres-url'];

const log = (line: string) => process.stderr.write(`${line}\n`);

function emit(
  name: string,
  value: number | null,
  unit: string,
  baseline: number | null = null,
  extra: Record<string, unknown> = {},
) {
  const round = (x: number | null) => (x === null ? null : Number(x.toPrecision(6)));
  const ratio = value !== null && baseline !== null && baseline !== 0 ? value / baseline : null;
  process.stdout.write(
    `${JSON.stringify({
      name,
      value: round(value),
      unit,
      baseline: round(baseline),
      ratio: ratio === null ? null : Number(ratio.toFixed(3)),
      ...extra,
      size,
      db: host,
    })}\n`,
  );
}

// ---------------------------------------------------------------------------------------------
// Cleanup registry: children, databases, directories — run in reverse order, always.

const cleanups: (() => Promise<void> | void)[] = [];
async function cleanupAll() {
  while (cleanups.length > 0) {
    const fn = cleanups.pop()!;
    try {
      await fn();
    } catch (err) {
      log(`cleanup: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `kp-bench-${prefix}-`));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

async function adminQuery(text: string) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

/** CPU seconds (user + system) the process has used so far, from /proc; null when it is gone. */
function cpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime in clock ticks (USER_HZ 100)
  } catch {
    return null;
  }
}

/**
 * The CPU a load costs, which (unlike a throughput) other processes on the machine do not change:
 * the app server's process, and on PostgreSQL the backends serving the app's database (its pool keeps
 * them open during a load; one that starts during the load counts from zero).
 */
let watched: { pid: number; database: string | null } | null = null;
async function cpuSnapshot(): Promise<{ server: number; backends: Map<number, number> } | null> {
  if (!watched) return null;
  const backends = new Map<number, number>();
  if (watched.database) {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    try {
      const { rows } = await c.query<{ pid: number }>(
        'SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [watched.database],
      );
      for (const { pid } of rows) backends.set(pid, cpuSeconds(pid) ?? 0);
    } finally {
      await c.end();
    }
  }
  return { server: cpuSeconds(watched.pid) ?? 0, backends };
}

function cpuSpent(
  before: Awaited<ReturnType<typeof cpuSnapshot>>,
  after: Awaited<ReturnType<typeof cpuSnapshot>>,
) {
  if (!before || !after) return null;
  let postgres = 0;
  for (const [pid, t] of after.backends) postgres += t - (before.backends.get(pid) ?? 0);
  return { server: after.server - before.server, postgres: watched?.database ? postgres : null };
}

function dbUrl(name: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

async function scratchDatabase(prefix: string): Promise<string> {
  const name = `bench_${prefix}_${process.pid}_${Date.now().toString(36)}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  cleanups.push(() => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  return name;
}

// ---------------------------------------------------------------------------------------------
// Processes

interface Proc {
  child: ChildProcess;
  url: string;
  output: () => string;
  stop: () => Promise<void>;
}

function startProcess(script: string, env: Record<string, string | undefined>, port: number): Proc {
  const profile =
    args['cpu-prof'] && script === 'server/main.ts'
      ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(args['cpu-prof'])}`]
      : [];
  const child = spawn(process.execPath, [...profile, script], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (b: Buffer) => {
    out = (out + b.toString()).slice(-8000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };
  cleanups.push(stop);
  return { child, url: `http://127.0.0.1:${port}`, output: () => out, stop };
}

/** Polls until `url` answers 200; returns the milliseconds since `since`. */
async function until200(proc: Proc, pathName: string, since: number, timeoutMs = 120_000): Promise<number> {
  const deadline = since + timeoutMs;
  while (performance.now() < deadline) {
    if (proc.child.exitCode !== null) throw new Error(`process exited early:\n${proc.output()}`);
    try {
      const r = await fetch(`${proc.url}${pathName}`, { signal: AbortSignal.timeout(2000) });
      await r.arrayBuffer();
      if (r.status === 200) return performance.now() - since;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no 200 from ${pathName} within ${timeoutMs} ms:\n${proc.output()}`);
}

function rssMb(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Env for server/main.ts on this host; unset keys fall back to the server's defaults. */
function serverEnv(
  db: { url?: string; dataDir?: string },
  seedMode = 'none',
): Record<string, string | undefined> {
  return {
    DATABASE_URL: db.url ?? '',
    DATA_DIR: db.dataDir ?? tempDir('unused'),
    SEED: seedMode,
    LOG_LEVEL: 'warn',
    // The server allows 600 requests per minute per client address. The load generator sends
    // each request from its own X-Forwarded-For address, so the limiter stays in the path (its
    // cost is measured) without turning the benchmark into a stream of 429s.
    TRUST_PROXY: '1',
  };
}

// ---------------------------------------------------------------------------------------------
// HTTP load

interface LoadResult {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
  /** CPU seconds the load cost the app server and (on PostgreSQL) its database backends */
  cpu: { server: number; postgres: number | null } | null;
  /** CPU seconds of this process meanwhile: the load generator itself, on the same cores */
  cpuClient: number;
}

let ipCounter = 0;
function nextIp(): string {
  ipCounter = (ipCounter + 1) % 16_000_000;
  return `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
}

async function load(
  url: string,
  pathName: string,
  opts: {
    method?: 'GET' | 'POST';
    headers?: Record<string, string>;
    /** per request; `connection` is one object per autocannon connection (a client) */
    perRequest?: (connection: Record<string, unknown>) => { headers: Record<string, string>; body: string };
  } = {},
): Promise<LoadResult> {
  const latencies: number[] = [];
  const options: autocannon.Options = {
    url,
    connections,
    duration,
    pipelining: 1,
    requests: [
      {
        method: opts.method ?? 'GET',
        path: pathName,
        setupRequest: (req, connection) => {
          const extra = opts.perRequest?.(connection as Record<string, unknown>);
          return {
            ...req,
            headers: { ...opts.headers, ...extra?.headers, 'x-forwarded-for': nextIp() },
            ...(extra ? { body: extra.body } : {}),
          };
        },
      },
    ],
  };
  const before = await cpuSnapshot();
  const clientBefore = process.cpuUsage();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (err, res) => (err ? reject(err) : resolve(res)));
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      latencies.push(responseTime);
    });
  });
  const client = process.cpuUsage(clientBefore);
  latencies.sort((a, b) => a - b);
  const q = (p: number) => quantile(latencies, p);
  return {
    rps: result.requests.total / (result.duration || duration),
    p50: q(0.5),
    p95: q(0.95),
    p99: q(0.99),
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    cpu: cpuSpent(before, await cpuSnapshot()),
    cpuClient: (client.user + client.system) / 1e6,
  };
}

function emitLoad(name: string, r: LoadResult, baselineRps: number | null, unit = 'req/s') {
  const extra = { requests: r.requests, non2xx: r.non2xx, errors: r.errors, connections, duration };
  emit(
    `${name}.throughput`,
    r.rps,
    unit,
    baselineRps,
    baselineRps === null ? extra : { ...extra, target_ratio: 0.5 },
  );
  if (r.cpu && r.requests > 0) {
    emit(`${name}.cpu_server`, (r.cpu.server * 1000) / r.requests, 'ms/request');
    if (r.cpu.postgres !== null)
      emit(`${name}.cpu_postgres`, (r.cpu.postgres * 1000) / r.requests, 'ms/request');
  }
  if (r.requests > 0) emit(`${name}.cpu_client`, (r.cpuClient * 1000) / r.requests, 'ms/request');
  emit(`${name}.p50`, r.p50, 'ms');
  emit(`${name}.p95`, r.p95, 'ms');
  // the latency target is for reads
  emit(`${name}.p99`, r.p99, 'ms', null, baselineRps === null || unit !== 'req/s' ? {} : { target: 50 });
}

// ---------------------------------------------------------------------------------------------
// Steps

type Who = { email: string; password: string };
type Payer = Who & { timebankAccountId: string };

interface TownHandles {
  env: Record<string, string | undefined>;
  signIn: Who;
  payers: Payer[];
  /** the same 16 people book resources */
  bookers: Who[];
  bookables: LoadedTown['bookables'];
  circleReader: LoadedTown['circleReader'];
}

async function loadTheTown(): Promise<TownHandles> {
  let database: Database;
  let env: Record<string, string | undefined>;
  if (host === 'postgres') {
    const name = await scratchDatabase(`town_${size.toLowerCase()}`);
    database = await openPostgres(dbUrl(name), 4);
    env = serverEnv({ url: dbUrl(name) });
  } else {
    const dataDir = tempDir('town');
    database = await openPglite(dataDir);
    env = serverEnv({ dataDir });
  }
  try {
    log(`loading town ${size} (seed ${seed}) into ${host} …`);
    const t0 = performance.now();
    await migrateToLatest(database.db);
    const { network } = await ensureNetwork(database.db, { slug: 'messstadt', name: 'Messstadt' });
    const town = await loadTown(database.db, network.id, size, seed, log, {
      parallel: host === 'postgres',
      ...(args.resources ? { resources: Number(args.resources) } : {}),
    });
    const seconds = (performance.now() - t0) / 1000;
    if (town.ledger && town.payers.length > 0) {
      // the transfer figure's 16 payers pay a minute per request: at ~1 000 transfers/s they would
      // reach their credit limit of 600 within a 10-s run and answer 422; the figure is throughput
      await database.db
        .updateTable('timebank_account')
        .set({ credit_limit: 10_000_000 })
        .where('network_id', '=', network.id)
        .where(
          'id',
          'in',
          town.payers.map((p) => p.timebankAccountId),
        )
        .execute();
    }
    emit('town.load_time', seconds, 's', null, {
      seed,
      rows: town.rows,
      steps: Object.fromEntries(Object.entries(town.seconds).map(([k, v]) => [k, Number(v.toFixed(2))])),
      ...(size === 'M' && host === 'postgres' ? { target: 120 } : {}),
      ...(town.ledger ? { ledger: town.ledger } : {}),
      ...(town.participation ? { participation: town.participation } : {}),
      ...(town.circles ? { circles: town.circles } : {}),
      ...(town.resourceMap ? { resource_map: town.resourceMap } : {}),
      ...(town.notes.length > 0 ? { notes: town.notes } : {}),
    });
    return {
      env,
      signIn: town.signIn,
      payers: town.ledger ? town.payers : [],
      bookers: town.payers,
      bookables: town.bookables,
      circleReader: town.circleReader,
    };
  } finally {
    await database.close();
  }
}

async function baseline(): Promise<LoadResult> {
  const port = await freePort();
  const hello = startProcess(path.join('bench', 'hello.ts'), {}, port);
  await until200(hello, '/', performance.now(), 30_000);
  log(`baseline: bare Fastify hello-world, ${duration} s × ${connections} connections …`);
  const r = await load(hello.url, '/');
  await hello.stop();
  emitLoad('http.baseline_fastify_hello', r, null);
  return r;
}

async function openApiPaths(url: string): Promise<Record<string, Record<string, unknown>>> {
  const r = await fetch(`${url}/api/openapi.json`);
  const doc = (await r.json()) as { paths?: Record<string, Record<string, unknown>> };
  return doc.paths ?? {};
}

async function signInCookie(url: string, who: Who): Promise<{ cookie: string; csrf: string }> {
  const r = await fetch(`${url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': nextIp() },
    body: JSON.stringify({ email: who.email, password: who.password }),
  });
  if (r.status !== 200) throw new Error(`sign-in failed: ${r.status} ${await r.text()}`);
  const cookie = r.headers.getSetCookie().find((c) => c.startsWith('kp_session='));
  if (!cookie) throw new Error('sign-in set no kp_session cookie');
  const view = (await r.json()) as { csrfToken: string };
  return { cookie: cookie.split(';')[0]!, csrf: view.csrfToken };
}

async function serverFigures(
  town: TownHandles,
  base: LoadResult,
  tpcb: ((figure: string) => Promise<number | null>) | null,
) {
  const { env, signIn: who, payers } = town;
  const port = await freePort();
  const t0 = performance.now();
  const server = startProcess('server/main.ts', env, port);
  const startMs = await until200(server, '/healthz', t0);
  watched = {
    pid: server.child.pid ?? 0,
    database: env.DATABASE_URL ? new URL(env.DATABASE_URL).pathname.slice(1) : null,
  };
  emit(
    host === 'pglite' ? 'startup.pglite_town_restart' : 'startup.postgres_town',
    startMs / 1000,
    's',
    null,
    host === 'pglite' ? { target: 3 } : {},
  );
  const paths = await openApiPaths(server.url);
  // the home page first, on the quiet server, as a visitor would meet it
  const web = wanted('web.') ? await webFigures(server.url) : null;
  const { cookie } = await signInCookie(server.url, who);
  const endpoints: { name: string; path: string; headers?: Record<string, string> }[] = [
    // no database: what the app's plugins (helmet, cookies, rate limit, request context) cost
    { name: 'http.healthz', path: '/healthz' },
    // one database round trip (SELECT 1) through the whole stack: the floor of every read below
    { name: 'http.readyz', path: '/readyz' },
    { name: 'http.organisations_list', path: '/api/v1/organisations?limit=20' },
    { name: 'http.organisations_q', path: '/api/v1/organisations?q=beratung&limit=20' },
  ];
  if (paths['/api/v1/search/'] || paths['/api/v1/search']) {
    endpoints.push({ name: 'http.search', path: '/api/v1/search?q=Nachbarschaftshilfe' });
  } else {
    emit('http.search.throughput', null, 'req/s', null, { skipped: 'GET /api/v1/search does not exist yet' });
  }
  if (paths['/api/v1/resources/']) {
    // the map of one district: a box of about 2 × 2 km around the town centre
    endpoints.push({
      name: 'http.resources_bbox',
      path: '/api/v1/resources?bbox=9.467,51.303,9.495,51.321&limit=50',
    });
  }
  if (paths['/api/v1/resources/clusters']) {
    // the map's markers for the same view at the zoom a phone shows it
    endpoints.push({
      name: 'http.resources_map',
      path: '/api/v1/resources/clusters?bbox=9.467,51.303,9.495,51.321&zoom=15',
    });
  }
  if (paths['/api/v1/opportunities/']) {
    // what someone looking for a way to help types: evenings in their own district …
    endpoints.push({
      name: 'http.opportunities_search',
      path: `/api/v1/opportunities?districtId=${townId(seed, 'district', 0)}&timeOfDay=evening&limit=20`,
    });
    // … or a word
    endpoints.push({
      name: 'http.opportunities_q',
      path: '/api/v1/opportunities?q=Hausaufgabenhilfe&limit=20',
    });
  }
  if (town.circleReader && paths['/api/v1/circles/{id}/needs']) {
    // the care calendar of one circle for the four weeks from the town's "now", as a helper in it
    const reader = await signInCookie(server.url, town.circleReader);
    const from = new Date('2026-11-01T00:00:00Z');
    const to = new Date(from.getTime() + 28 * 86_400_000);
    endpoints.push({
      name: 'http.circle_calendar',
      path: `/api/v1/circles/${town.circleReader.circleId}/needs?from=${from.toISOString()}&to=${to.toISOString()}`,
      headers: { cookie: reader.cookie },
    });
  }
  endpoints.push({ name: 'http.session_signed_in', path: '/api/v1/session', headers: { cookie } });
  for (const e of endpoints) {
    if (!wanted(e.name)) continue;
    const check = await fetch(`${server.url}${e.path}`, {
      headers: { ...e.headers, 'x-forwarded-for': nextIp() },
    });
    const body = await check.text();
    if (check.status !== 200) {
      emit(`${e.name}.throughput`, null, 'req/s', null, {
        skipped: `answered ${check.status}: ${body.slice(0, 200)}`,
      });
      continue;
    }
    log(`${e.name}: GET ${e.path}, ${duration} s × ${connections} connections …`);
    emitLoad(e.name, await load(server.url, e.path, { headers: e.headers }), base.rps);
  }
  if (paths['/api/v1/resources/clusters'] && wanted('http.resources_map_views')) await mapViews(server.url);
  if (!wanted('http.timebank_transfers')) {
    // not asked for
  } else if (payers.length > 0 && paths['/api/v1/timebank/transfers']) {
    const pgbenchTps = tpcb ? await tpcb('http.timebank_transfers') : null;
    try {
      await transfers(server.url, payers, pgbenchTps);
    } catch (err) {
      emit('http.timebank_transfers.throughput', null, 'transfers/s', pgbenchTps, {
        error: err instanceof Error ? err.message.slice(0, 300) : String(err),
      });
    }
  } else {
    emit('http.timebank_transfers.throughput', null, 'transfers/s', null, {
      skipped: 'no time-bank transfer route or no time bank in the town',
    });
  }
  if (!wanted('http.bookings_create')) {
    // not asked for
  } else if (town.bookables.length > 0 && paths['/api/v1/bookings/']) {
    const pgbenchTps = tpcb ? await tpcb('http.bookings_create') : null;
    try {
      await bookings(server.url, town.bookers, town.bookables, pgbenchTps);
    } catch (err) {
      emit('http.bookings_create.throughput', null, 'bookings/s', pgbenchTps, {
        error: err instanceof Error ? err.message.slice(0, 300) : String(err),
      });
    }
  } else {
    emit('http.bookings_create.throughput', null, 'bookings/s', null, {
      skipped: 'no booking route or no bookable resource in the town',
    });
  }
  watched = null;
  emit('server.rss_after_load', rssMb(server.child.pid), 'MB', null, { target: 1024 });
  // Does the server answer at once when the load stops? On PGlite a long query blocks the event loop.
  const t1 = performance.now();
  const health = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(60_000) }).catch(
    () => null,
  );
  emit('server.healthz_after_load', (performance.now() - t1) / 1000, 's', null, {
    status: health?.status ?? 'no answer within 60 s',
  });
  await server.stop();
  return web;
}

/**
 * The map as one person uses it: views the size of a phone screen (390 × 700 px) at zoom 12–17
 * anywhere over the town, one request after the other, so the latency is the query's and not a
 * queue's. The target for the map query: p95 < 20 ms at 100 000 resources on PostgreSQL.
 */
async function mapViews(url: string) {
  const views = 300;
  const rnd = prng(seed + 11);
  const latencies: number[] = [];
  let points = 0;
  log(`http.resources_map_views: ${views} map views one after another …`);
  for (let i = 0; i < views + 20; i++) {
    const zoom = 12 + rnd.int(6);
    const degreesPerPx = 360 / 256 / 2 ** zoom;
    const lngSpan = 390 * degreesPerPx;
    const latSpan = 700 * degreesPerPx * Math.cos((51.31 * Math.PI) / 180);
    // the town's districts lie within about ±0.06° of longitude and ±0.04° of latitude of its centre
    const lng = 9.481 + (rnd.next() - 0.5) * 0.12;
    const lat = 51.312 + (rnd.next() - 0.5) * 0.08;
    const bbox = [lng - lngSpan / 2, lat - latSpan / 2, lng + lngSpan / 2, lat + latSpan / 2]
      .map((v) => v.toFixed(5))
      .join(',');
    const t0 = performance.now();
    const res = await fetch(`${url}/api/v1/resources/clusters?bbox=${bbox}&zoom=${zoom}`, {
      headers: { 'x-forwarded-for': nextIp() },
    });
    const body = (await res.json()) as { total?: number };
    const ms = performance.now() - t0;
    if (res.status !== 200) {
      emit('http.resources_map_views.p95', null, 'ms', null, { error: `answered ${res.status}` });
      return;
    }
    if (i < 20) continue; // warm-up
    latencies.push(ms);
    points += body.total ?? 0;
  }
  latencies.sort((a, b) => a - b);
  const q = (p: number) => quantile(latencies, p);
  const extra = { views, zoom: '12-17', mean_resources_in_view: Math.round(points / views) };
  emit('http.resources_map_views.p50', q(0.5), 'ms', null, extra);
  emit('http.resources_map_views.p95', q(0.95), 'ms', null, { ...extra, target: 20 });
  emit('http.resources_map_views.max', latencies.at(-1) ?? null, 'ms', null, extra);
}

/**
 * Time-bank transfers through the HTTP API: each connection signs in as its own person and pays
 * 1 minute to a random other person (payer's consent, so completed at once: journal entry, two
 * lines, balances, interaction, notification, audit) with a fresh Idempotency-Key each time.
 */
async function transfers(url: string, payers: Payer[], pgbenchTps: number | null) {
  const sessions: { cookie: string; csrf: string; account: string }[] = [];
  for (const p of payers)
    sessions.push({
      ...(await signInCookie(url, { email: p.email, password: p.password })),
      account: p.timebankAccountId,
    });
  const people = townSizes[size].people;
  const rnd = prng(seed + 7);
  let nextSession = 0;
  let key = 0;
  log(
    `http.timebank_transfers: POST /api/v1/timebank/transfers, ${duration} s × ${connections} connections …`,
  );
  const r = await load(url, '/api/v1/timebank/transfers', {
    method: 'POST',
    perRequest: (connection) => {
      connection.session ??= sessions[nextSession++ % sessions.length];
      const s = connection.session as (typeof sessions)[number];
      // persons 1…16 pay; payees come from the rest of the town
      const payee = personTimebankAccount(seed, 17 + rnd.int(people - 17));
      return {
        headers: {
          'content-type': 'application/json',
          cookie: s.cookie,
          'x-csrf-token': s.csrf,
          'idempotency-key': `bench-${process.pid}-${++key}`,
        },
        body: JSON.stringify({
          payerAccountId: s.account,
          payeeAccountId: payee,
          minutes: 1,
          memo: 'Benchmark',
        }),
      };
    },
  });
  emitLoad('http.timebank_transfers', r, pgbenchTps, 'transfers/s');
}

/**
 * Booking requests through the HTTP API: each connection signs in as its own person and books its
 * own resource (an organisation's room, equipment or vehicle open to everyone) hour after hour, two
 * hours apart, after the last booking the town has on it, so no request conflicts: availability,
 * blocked periods and approved bookings checked, the booking inserted under the exclusion
 * constraint, an interaction if approved at once, a notification to the owner side, an audit row,
 * then the booking read back. Every answer must be a 201.
 */
async function bookings(
  url: string,
  bookers: Who[],
  bookables: LoadedTown['bookables'],
  pgbenchTps: number | null,
) {
  const hour = 3_600_000;
  const clients: { cookie: string; csrf: string; resourceId: string; base: number; next: number }[] = [];
  for (let k = 0; k < Math.min(bookers.length, bookables.length); k++) {
    const r = bookables[k]!;
    // a day after both the resource's last booking and now, on the hour
    const base = Math.ceil((Math.max(Date.now(), new Date(r.freeFrom).getTime()) + 24 * hour) / hour) * hour;
    clients.push({ ...(await signInCookie(url, bookers[k]!)), resourceId: r.resourceId, base, next: 0 });
  }
  const request = (c: (typeof clients)[number]) => {
    const start = c.base + c.next++ * 2 * hour;
    return {
      headers: { 'content-type': 'application/json', cookie: c.cookie, 'x-csrf-token': c.csrf },
      body: JSON.stringify({
        resourceId: c.resourceId,
        start: new Date(start).toISOString(),
        end: new Date(start + hour).toISOString(),
        note: 'Benchmark',
      }),
    };
  };
  // one booking by hand first: a refusal here names its reason instead of a count of non-2xx
  const probe = request(clients[0]!);
  const check = await fetch(`${url}/api/v1/bookings`, {
    method: 'POST',
    headers: { ...probe.headers, 'x-forwarded-for': nextIp() },
    body: probe.body,
  });
  if (check.status !== 201)
    throw new Error(`POST /api/v1/bookings answered ${check.status}: ${await check.text()}`);
  await check.arrayBuffer().catch(() => undefined);
  let nextClient = 0;
  log(`http.bookings_create: POST /api/v1/bookings, ${duration} s × ${connections} connections …`);
  const r = await load(url, '/api/v1/bookings', {
    method: 'POST',
    perRequest: (connection) => {
      connection.client ??= clients[nextClient++ % clients.length];
      return request(connection.client as (typeof clients)[number]);
    },
  });
  emitLoad('http.bookings_create', r, pgbenchTps, 'bookings/s');
}

/** Time from navigation start until the home page's main heading is visible, median of 3 cold loads. */
async function timeToInteractive(url: string): Promise<number | null> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  cleanups.push(() => browser.close());
  try {
    const samples: number[] = [];
    for (let i = 0; i < 4; i++) {
      const context = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': nextIp() } });
      const page = await context.newPage();
      await page.goto(`${url}/`, { waitUntil: 'commit', timeout: 15_000 });
      await page.getByRole('heading', { level: 1 }).first().waitFor({ state: 'visible', timeout: 15_000 });
      const ms = await page.evaluate(() => performance.now());
      await context.close();
      if (i > 0) samples.push(ms); // the first load warms the server's file cache
    }
    samples.sort((a, b) => a - b);
    return samples[1] ?? null;
  } finally {
    await browser.close();
  }
}

async function webFigures(url: string) {
  const dist = path.join(root, 'web', 'dist');
  const indexHtml = path.join(dist, 'index.html');
  if (!existsSync(indexHtml)) return null;
  // initial JavaScript: the module scripts and modulepreloads that index.html references
  const html = readFileSync(indexHtml, 'utf8');
  const refs = new Set<string>();
  for (const m of html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)) refs.add(m[1]!);
  for (const m of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) refs.add(m[1]!);
  let gz = 0;
  for (const ref of refs) {
    const file = path.join(dist, ref.replace(/^\//, ''));
    if (existsSync(file)) gz += gzipSync(readFileSync(file)).length;
  }
  let tti: number | null = null;
  let ttiError: string | undefined;
  try {
    tti = await timeToInteractive(url);
  } catch (err) {
    ttiError = err instanceof Error ? err.message.split('\n')[0] : String(err);
  }
  return { gzKb: gz / 1024, files: refs.size, tti, ttiError };
}

/**
 * pgbench TPC-B on a scratch database of the same server, initialised once. Each write figure runs
 * it again right before its own load (`tpcb(figure)`), so the ratio compares two measurements taken
 * a few seconds apart, not minutes apart while the machine's speed drifts.
 */
async function pgbenchBaseline(): Promise<((figure: string) => Promise<number | null>) | null> {
  const bin = ['/usr/lib/postgresql/15/bin/pgbench', '/usr/bin/pgbench'].find(existsSync);
  if (!bin) {
    emit('pgbench.tpcb', null, 'tps', null, { skipped: 'pgbench not found' });
    return null;
  }
  const name = await scratchDatabase('pgbench');
  const u = new URL(dbUrl(name));
  const conn = ['-h', u.hostname, '-p', u.port || '5432', '-U', decodeURIComponent(u.username || 'postgres')];
  await execFileP(bin, [...conn, '-i', '-s', '1', '-q', name]);
  return async (figure) => {
    log(`pgbench TPC-B before ${figure}: -c ${connections} -j 2 -T ${duration} …`);
    const { stdout } = await execFileP(
      bin,
      [...conn, '-c', String(connections), '-j', '2', '-T', String(duration), name],
      { timeout: (duration + 60) * 1000 },
    );
    const m = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout);
    const tps = m ? Number(m[1]) : null;
    emit('pgbench.tpcb', tps, 'tps', null, {
      scale: 1,
      clients: connections,
      threads: 2,
      duration,
      before: figure,
    });
    return tps;
  };
}

async function coldStarts() {
  const dataDir = tempDir('cold');
  const env = { ...serverEnv({ dataDir }), SEED: undefined }; // the defaults of `npm start`: demo town on first start
  delete env.SEED;
  let port = await freePort();
  let t0 = performance.now();
  let server = startProcess('server/main.ts', env, port);
  const first = await until200(server, '/healthz', t0);
  emit('startup.pglite_first_start', first / 1000, 's', null, { target: 10, dataDir: 'empty' });
  await until200(server, '/readyz', performance.now());
  await server.stop();
  port = await freePort();
  t0 = performance.now();
  server = startProcess('server/main.ts', env, port);
  const again = await until200(server, '/healthz', t0);
  emit('startup.pglite_restart', again / 1000, 's', null, { target: 3 });
  emit('server.rss_idle_pglite', rssMb(server.child.pid), 'MB', null, { target: 1024 });
  await server.stop();
}

async function main() {
  const t0 = performance.now();
  emit('machine.cpus', cpus().length, 'cores', null, {
    memory_gb: Number((totalmem() / 2 ** 30).toFixed(1)),
    node: process.version,
    cpu: cpus()[0]?.model,
    load_average_1m: loadavg()[0],
  });
  const town = await loadTheTown();
  const base = await baseline();
  const tpcb = host === 'postgres' && wanted('pgbench') ? await pgbenchBaseline() : null;
  if (args['build-web']) {
    log('building the web client if needed …');
    await execFileP(process.execPath, ['scripts/build-web-if-needed.ts'], { cwd: root, timeout: 300_000 });
  }
  const web = await serverFigures(town, base, tpcb);
  if (!wanted('web.')) {
    // not asked for
  } else if (web) {
    emit('web.initial_js_gzip', web.gzKb, 'KB', null, { target: 200, files: web.files });
    emit('web.time_to_interactive', web.tti === null ? null : web.tti / 1000, 's', null, {
      target: 2,
      measured: 'navigation start → first h1 visible, median of 3 cold loads after 1 warm-up',
      ...(web.ttiError ? { error: web.ttiError } : {}),
    });
  } else {
    emit('web.initial_js_gzip', null, 'KB', null, {
      target: 200,
      skipped: 'web/dist missing (npm run build, or --build-web)',
    });
  }
  if (wanted('startup.')) await coldStarts();
  emit('machine.load_average_end', loadavg()[0] ?? null, '1-min load', null, {
    note: 'other processes on the machine: load above the core count means the figures are contended',
  });
  log(`done in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}

try {
  await main();
} catch (err) {
  log(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exitCode = 1;
} finally {
  await cleanupAll();
}
