import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { demoLogins, demoPassword } from '../server/seed/demo.ts';
import { mapCenter } from '../server/seed/lindenbrueck.ts';
import { ApiClient, signIn } from '../test/crash/client.ts';
import { type RunningServer, startServer } from '../test/integration/helpers.ts';
import { quantile } from './stats.ts';
import { prng } from './town.ts';

/**
 * `npm run load -- [--db postgres|pglite] [--rate 100] [--duration 60] [--warmup 10] [--seed 1]`
 *
 * Load and soak: starts the server itself (server/main.ts, demo town, on a fresh PostgreSQL
 * database or a temp PGlite data directory, listening on 127.0.0.1 only), signs in the demo users
 * and sends a fixed mix of reads and writes at a fixed rate (open loop: each request leaves at its
 * scheduled time whether or not earlier ones have answered, so a slow server shows as latency, not
 * as a lower rate). A warm-up at the same rate comes first; then the steady phase is measured.
 *
 * Prints one JSON line per figure on stdout ({name, value, unit, baseline, ratio, target, …});
 * progress on stderr. Targets: 0 errors, RSS growth of the server over the steady phase < 10 %.
 * It stops by itself: the number of requests is rate × time, each has a timeout, and at most
 * `maxInFlight` are open at once. The server is stopped, the database dropped, temp dirs removed.
 */

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'postgres' },
    rate: { type: 'string', default: '100' },
    duration: { type: 'string', default: '60' },
    warmup: { type: 'string', default: '10' },
    seed: { type: 'string', default: '1' },
    'postgres-url': {
      type: 'string',
      default: process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    },
  },
});
const host = args.db;
if (host !== 'pglite' && host !== 'postgres') throw new Error(`--db must be pglite or postgres, got ${host}`);
const rate = Number(args.rate);
const duration = Number(args.duration);
const warmup = Number(args.warmup);
const seed = Number(args.seed);
if (!(rate > 0 && rate <= 2000)) throw new Error('--rate must be 1…2000 requests per second');
if (!(duration > 0 && duration <= 3600)) throw new Error('--duration must be 1…3600 seconds');
if (!(warmup >= 0 && warmup <= 600)) throw new Error('--warmup must be 0…600 seconds');
const adminUrl = args['postgres-url'];
if (!['127.0.0.1', 'localhost', '[::1]'].includes(new URL(adminUrl).hostname))
  throw new Error('--postgres-url must point at this machine (127.0.0.1)');

const maxInFlight = 512;
const requestTimeoutMs = 10_000;
const log = (line: string) => process.stderr.write(`${line}\n`);

function emit(
  name: string,
  value: number | null,
  unit: string,
  opts: { baseline?: number | null; target?: number; extra?: Record<string, unknown> } = {},
) {
  const round = (x: number | null) => (x === null ? null : Number(x.toPrecision(6)));
  const baseline = opts.baseline ?? null;
  const ratio = value !== null && baseline !== null && baseline !== 0 ? value / baseline : null;
  process.stdout.write(
    `${JSON.stringify({
      name,
      value: round(value),
      unit,
      baseline: round(baseline),
      ratio: ratio === null ? null : Number(ratio.toFixed(3)),
      ...(opts.target !== undefined ? { target: opts.target } : {}),
      ...opts.extra,
      db: host,
      rate,
      duration,
    })}\n`,
  );
}

function rssMb(pid: number | undefined): number {
  if (!pid) throw new Error('no server pid');
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(m[1]) / 1024;
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

// ---------------------------------------------------------------------------------------------
// Cleanup, always, in reverse order (also on Ctrl+C)

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
process.once('SIGINT', () => {
  void cleanupAll().then(() => process.exit(130));
});

async function stopServer(server: RunningServer) {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  server.child.kill('SIGTERM');
  const timer = setTimeout(() => server.child.kill('SIGKILL'), 15_000);
  await server.exited;
  clearTimeout(timer);
}

// ---------------------------------------------------------------------------------------------
// The mix

type Kind = 'read' | 'write';
interface Op {
  name: string;
  kind: Kind;
  weight: number;
  /** one request; resolves to its HTTP status */
  run: () => Promise<number>;
}

interface Sample {
  op: string;
  kind: Kind;
  ms: number;
  status: number | 'error' | 'timeout' | 'skipped';
  steady: boolean;
}

async function setUpMix(url: string): Promise<{ ops: Op[]; check: () => Promise<boolean> }> {
  const emailOf = (prefix: string) => demoLogins.find((l) => l.email.startsWith(prefix))!.email;
  const names = ['admin', 'petra', 'aylin', 'hasan', 'jonas', 'margarete'];
  const users: ApiClient[] = [];
  for (const n of names) {
    const signedIn = await signIn(url, emailOf(n), demoPassword);
    users.push(new ApiClient(url, signedIn.session, requestTimeoutMs));
  }
  const [admin, petra, , , jonas] = users as [ApiClient, ApiClient, ApiClient, ApiClient, ApiClient];
  const anonymous = new ApiClient(url, null, requestTimeoutMs);
  const accounts: string[] = [];
  for (const u of users) {
    const r = await u.get<{ items: { id: string; ownerType: string }[] }>('/api/v1/timebank/accounts/mine');
    const own = r.body.items.find((a) => a.ownerType === 'person');
    if (r.status !== 200 || !own) throw new Error(`accounts/mine answered ${r.status}`);
    accounts.push(own.id);
  }
  const room = await petra.post<{ id: string }>('/api/v1/resources', {
    organisationId: petra.session!.memberships[0]!.organisationId,
    kind: 'room',
    title: 'Seminarraum (Lasttest)',
    whoMayBorrow: 'everyone',
    autoApprove: false,
    bufferMinutes: 0,
    lat: mapCenter[0],
    lng: mapCenter[1],
  });
  if (room.status !== 201) throw new Error(`room: ${room.status} ${JSON.stringify(room.body)}`);
  const paths = ((await anonymous.get<{ paths: Record<string, unknown> }>('/api/openapi.json')).body.paths ??
    {}) as Record<string, unknown>;

  const [lat, lng] = mapCenter;
  const bbox = `${lng - 0.03},${lat - 0.02},${lng + 0.03},${lat + 0.02}`;
  // Non-overlapping half-hour slots from the day after tomorrow on, one per request, so every
  // request and approval is meant to succeed: an error here is the server's, not the mix's.
  const firstSlot = new Date();
  firstSlot.setUTCHours(0, 0, 0, 0);
  const slot0 = firstSlot.getTime() + 2 * 86_400_000;
  let slot = 0;
  let transfer = 0;
  const requested: string[] = [];
  const at = (i: number) => users[i % users.length]!;

  const ops: Op[] = [
    {
      name: 'organisations',
      kind: 'read',
      weight: 15,
      run: async () => (await anonymous.get('/api/v1/organisations?limit=20')).status,
    },
    {
      name: 'organisations_q',
      kind: 'read',
      weight: 10,
      run: async () => (await anonymous.get('/api/v1/organisations?q=beratung&limit=20')).status,
    },
    {
      name: 'resources_bbox',
      kind: 'read',
      weight: 10,
      run: async () => (await anonymous.get(`/api/v1/resources?bbox=${bbox}&limit=50`)).status,
    },
    {
      name: 'session',
      kind: 'read',
      weight: 10,
      run: async () => (await at(transfer + slot).get('/api/v1/session')).status,
    },
    {
      name: 'timebank_statement',
      kind: 'read',
      weight: 10,
      run: async () => {
        const i = transfer % users.length;
        return (await users[i]!.get(`/api/v1/timebank/accounts/${accounts[i]}/statement?limit=20`)).status;
      },
    },
    {
      name: 'bookings_incoming',
      kind: 'read',
      weight: 5,
      run: async () => (await petra.get('/api/v1/bookings/incoming?status=requested&limit=20')).status,
    },
    {
      name: 'notifications',
      kind: 'read',
      weight: 5,
      run: async () => (await jonas.get('/api/v1/notifications')).status,
    },
    {
      // round robin, 1 minute each: every person pays as much as they receive, so balances stay
      // near zero and no transfer is refused for lack of credit
      name: 'timebank_transfer',
      kind: 'write',
      weight: 20,
      run: async () => {
        const n = transfer++;
        const i = n % users.length;
        const r = await users[i]!.post(
          '/api/v1/timebank/transfers',
          {
            payerAccountId: accounts[i],
            payeeAccountId: accounts[(i + 1) % users.length],
            minutes: 1,
            memo: `Lasttest ${n}`,
          },
          { 'idempotency-key': `load-${seed}-${n}-${Date.now().toString(36)}` },
        );
        return r.status;
      },
    },
    {
      name: 'booking_request',
      kind: 'write',
      weight: 10,
      run: async () => {
        const start = slot0 + slot++ * 30 * 60_000;
        const r = await jonas.post<{ created: { id: string }[] }>('/api/v1/bookings', {
          resourceId: room.body.id,
          start: new Date(start).toISOString(),
          end: new Date(start + 30 * 60_000).toISOString(),
        });
        if (r.status === 201 && r.body.created[0]) requested.push(r.body.created[0].id);
        return r.status;
      },
    },
    {
      // the owner approves the oldest open request (none open: she looks at her list instead)
      name: 'booking_approve',
      kind: 'write',
      weight: 5,
      run: async () => {
        const id = requested.shift();
        if (!id) return (await petra.get('/api/v1/bookings/incoming?status=requested&limit=20')).status;
        return (await petra.post(`/api/v1/bookings/${id}/approve`, {})).status;
      },
    },
  ];
  if (paths['/api/v1/search/'] || paths['/api/v1/search'])
    ops.push({
      name: 'search',
      kind: 'read',
      weight: 10,
      run: async () => (await anonymous.get('/api/v1/search?q=Nachbarschaftshilfe')).status,
    });
  const check = async () => {
    const h = await admin.get<{ ok: boolean }>('/api/v1/timebank/health');
    return h.status === 200 && h.body.ok;
  };
  return { ops, check };
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kp-load-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    SEED: 'demo',
    // each request comes from its own X-Forwarded-For address (see test/crash/client.ts)
    TRUST_PROXY: '1',
    // the background jobs (notifications, reminders) run as they would in production
    RUN_JOBS: '1',
  };
  if (host === 'postgres') {
    const name = `kp_load_${process.pid}_${Date.now().toString(36)}`;
    await adminQuery(`CREATE DATABASE ${name}`);
    cleanups.push(() => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    const u = new URL(adminUrl);
    u.pathname = `/${name}`;
    env.DATABASE_URL = u.toString();
  }
  const loadStart = loadavg()[0]!;
  log(`starting the server on ${host} (demo town) …`);
  const server = await startServer(env);
  cleanups.push(() => stopServer(server));
  const { ops, check } = await setUpMix(server.url);
  const totalWeight = ops.reduce((a, o) => a + o.weight, 0);
  const rnd = prng(seed);
  const pick = () => {
    let r = rnd.next() * totalWeight;
    for (const o of ops) {
      r -= o.weight;
      if (r < 0) return o;
    }
    return ops[ops.length - 1]!;
  };

  const samples: Sample[] = [];
  const firstError = new Map<string, string>();
  const describe = (err: unknown) =>
    err instanceof Error
      ? `${err.name}: ${err.message}${err.cause instanceof Error ? ` (${err.cause.message})` : ''}`
      : String(err);
  const rss: { t: number; mb: number }[] = [];
  let inFlight = 0;
  let skipped = 0;
  const pending = new Set<Promise<void>>();
  const total = Math.round(rate * (warmup + duration));
  const steadyFrom = Math.round(rate * warmup);
  log(`${warmup} s warm-up, then ${duration} s measured, at ${rate} req/s (${total} requests) …`);
  const t0 = performance.now();
  let rssStart = 0;
  const sampler = setInterval(
    () => rss.push({ t: (performance.now() - t0) / 1000, mb: rssMb(server.child.pid) }),
    1000,
  );
  cleanups.push(() => clearInterval(sampler));

  for (let i = 0; i < total; i++) {
    const due = t0 + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait)); // pacing: the request's departure time
    if (i === steadyFrom) rssStart = rssMb(server.child.pid);
    const steady = i >= steadyFrom;
    const op = pick();
    if (inFlight >= maxInFlight) {
      // the server has fallen this far behind: count it as an error rather than queue without bound
      skipped++;
      samples.push({ op: op.name, kind: op.kind, ms: 0, status: 'skipped', steady });
      continue;
    }
    inFlight++;
    const p = op
      .run()
      .then(
        (status) => samples.push({ op: op.name, kind: op.kind, ms: performance.now() - due, status, steady }),
        (err: unknown) => {
          // no answer within requestTimeoutMs, or a refused/reset connection
          const status = err instanceof Error && err.name === 'TimeoutError' ? 'timeout' : 'error';
          if (status === 'error' && !firstError.has(op.name)) firstError.set(op.name, describe(err));
          samples.push({ op: op.name, kind: op.kind, ms: performance.now() - due, status, steady });
        },
      )
      .then(() => {
        inFlight--;
        pending.delete(p);
      });
    pending.add(p);
  }
  await Promise.all(pending);
  const rssEnd = rssMb(server.child.pid);
  const elapsed = (performance.now() - t0) / 1000 - warmup;
  clearInterval(sampler);

  const steady = samples.filter((s) => s.steady);
  const failed = steady.filter((s) => typeof s.status === 'string' || s.status >= 400);
  const errorsByOp: Record<string, Record<string, number>> = {};
  for (const s of failed) {
    errorsByOp[s.op] ??= {};
    errorsByOp[s.op]![String(s.status)] = (errorsByOp[s.op]![String(s.status)] ?? 0) + 1;
  }
  const warmFailed = samples.filter(
    (s) => !s.steady && (typeof s.status === 'string' || s.status >= 400),
  ).length;
  emit('load.requests', steady.length, 'requests', {
    extra: { warmup_requests: samples.length - steady.length, warmup_errors: warmFailed },
  });
  emit('load.throughput', steady.length / elapsed, 'req/s', { baseline: rate });
  emit('load.errors', failed.length, 'requests', {
    target: 0,
    extra: {
      by_op: errorsByOp,
      skipped_over_in_flight_cap: skipped,
      first_error: Object.fromEntries(firstError),
    },
  });
  for (const kind of ['all', 'read', 'write'] as const) {
    const ms = steady
      .filter((s) => typeof s.status === 'number' && (kind === 'all' || s.kind === kind))
      .map((s) => s.ms)
      .sort((a, b) => a - b);
    for (const [q, p] of [
      ['p50', 0.5],
      ['p90', 0.9],
      ['p99', 0.99],
    ] as const)
      emit(`load.latency.${kind}.${q}`, quantile(ms, p), 'ms', { extra: { n: ms.length } });
    emit(`load.latency.${kind}.max`, ms[ms.length - 1] ?? 0, 'ms');
  }
  const perOp: Record<string, { n: number; p50: number; p99: number }> = {};
  for (const o of ops) {
    const ms = steady
      .filter((s) => s.op === o.name && typeof s.status === 'number')
      .map((s) => s.ms)
      .sort((a, b) => a - b);
    perOp[o.name] = {
      n: ms.length,
      p50: Number(quantile(ms, 0.5).toFixed(1)),
      p99: Number(quantile(ms, 0.99).toFixed(1)),
    };
  }
  emit('load.latency.by_op', null, 'ms', { extra: { ops: perOp } });
  const peak = Math.max(rssStart, rssEnd, ...rss.map((r) => r.mb));
  const mid = warmup + duration / 2;
  const rssMid = rss.reduce((best, r) => (Math.abs(r.t - mid) < Math.abs(best.t - mid) ? r : best), {
    t: 0,
    mb: rssStart,
  }).mb;
  emit('load.server_rss_start', rssStart, 'MB');
  emit('load.server_rss_end', rssEnd, 'MB', { extra: { peak_mb: Number(peak.toFixed(1)) } });
  emit('load.server_rss_growth', ((rssEnd - rssStart) / rssStart) * 100, '%', {
    target: 10,
    extra: {
      // a heap still settling after the warm-up grows early and then levels off; a leak keeps going
      second_half_pct: Number((((rssEnd - rssMid) / rssMid) * 100).toFixed(2)),
      samples_mb: rss.filter((_, i) => i % 10 === 0).map((r) => Math.round(r.mb)),
    },
  });
  const ledgerOk = await check();
  emit('load.ledger_ok_after', ledgerOk ? 1 : 0, 'bool', { target: 1 });
  // the machine is shared: other work on it shows in the latencies, so say how busy it was
  emit('machine.load_average_start', loadStart, '1-min load', { extra: { cpus: cpus().length } });
  emit('machine.load_average_end', loadavg()[0]!, '1-min load', { extra: { cpus: cpus().length } });
}

try {
  await main();
} finally {
  await cleanupAll();
}
