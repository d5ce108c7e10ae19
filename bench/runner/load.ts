import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import pg from 'pg';
import { quantile } from '../stats.ts';
import { adminUrl, connections, duration, warmup } from './options.ts';
import { emit } from './output.ts';

/** Load generation: autocannon against one path, its throughput, latencies and CPU, and their figures. */

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
let watched: { pids: number[]; database: string | null } | null = null;
/**
 * Measures the loads' CPU on this server process — or these, several app servers together — (and
 * their database's backends) from now on; null: no more.
 */
export function watchCpu(target: { pid: number | number[]; database: string | null } | null) {
  watched = target && { pids: [target.pid].flat(), database: target.database };
}
export async function cpuSnapshot(): Promise<{ server: number; backends: Map<number, number> } | null> {
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
  return { server: watched.pids.reduce((sum, pid) => sum + (cpuSeconds(pid) ?? 0), 0), backends };
}

export function cpuSpent(
  before: Awaited<ReturnType<typeof cpuSnapshot>>,
  after: Awaited<ReturnType<typeof cpuSnapshot>>,
) {
  if (!before || !after) return null;
  let postgres = 0;
  for (const [pid, t] of after.backends) postgres += t - (before.backends.get(pid) ?? 0);
  return { server: after.server - before.server, postgres: watched?.database ? postgres : null };
}

// ---------------------------------------------------------------------------------------------
// HTTP load

export interface LoadResult {
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
export function nextIp(): string {
  ipCounter = (ipCounter + 1) % 16_000_000;
  return `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
}

export interface LoadOptions {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** per request; `connection` is one object per autocannon connection (a client) */
  perRequest?: (connection: Record<string, unknown>) => { headers: Record<string, string>; body: string };
}

export function load(url: string, pathName: string, opts: LoadOptions = {}): Promise<LoadResult> {
  return loadSplit([url], pathName, opts);
}

/**
 * The same load spread over several servers (the connections split evenly between them, one
 * autocannon per server, all at once): what a balancer in front of them would hand on, without a
 * balancer's own cost in the measurement. The CPU is that of every watched process.
 */
export async function loadSplit(
  urls: string[],
  pathName: string,
  opts: LoadOptions = {},
): Promise<LoadResult> {
  const latencies: number[] = [];
  const optionsFor = (url: string, share: number, seconds: number): autocannon.Options => ({
    url,
    connections: share,
    duration: seconds,
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
  });
  const shares = urls.map(
    (_, i) => Math.floor(connections / urls.length) + (i < connections % urls.length ? 1 : 0),
  );
  /** One autocannon per server with its share of the connections, all at once. */
  const everyServer = (seconds: number, onResponse?: (latency: number) => void) =>
    Promise.all(
      urls.map(
        (url, i) =>
          new Promise<autocannon.Result>((resolve, reject) => {
            const instance = autocannon(optionsFor(url, shares[i]!, seconds), (err, res) =>
              err ? reject(err) : resolve(res),
            );
            if (onResponse)
              instance.on('response', (_client, _status, _bytes, responseTime) => onResponse(responseTime));
          }),
      ),
    );
  // A read is measured warm: first the same load for `--warmup` seconds, not counted. Each of the
  // server's pool connections meets each statement for the first time there (its backend loads the
  // tables' metadata, prepares and plans it): at size M that was the whole slowest 1 % of a 10 s
  // load, all in its first second — a cost a running server pays once per connection, since its
  // pool keeps them (server/db/connect.ts). Writes are not warmed: a warm-up would use up what the
  // measured load is to write (balances, free slots).
  if (warmup > 0 && (opts.method ?? 'GET') === 'GET') await everyServer(warmup);
  const before = await cpuSnapshot();
  const clientBefore = process.cpuUsage();
  const results = await everyServer(duration, (latency) => latencies.push(latency));
  const client = process.cpuUsage(clientBefore);
  latencies.sort((a, b) => a - b);
  const q = (p: number) => quantile(latencies, p);
  const sum = (f: (r: autocannon.Result) => number) => results.reduce((s, r) => s + f(r), 0);
  const requests = sum((r) => r.requests.total);
  return {
    rps: requests / (Math.max(...results.map((r) => r.duration)) || duration),
    p50: q(0.5),
    p95: q(0.95),
    p99: q(0.99),
    requests,
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors + r.timeouts),
    cpu: cpuSpent(before, await cpuSnapshot()),
    cpuClient: (client.user + client.system) / 1e6,
  };
}

export function emitLoad(
  name: string,
  r: LoadResult,
  baselineRps: number | null,
  unit = 'req/s',
  /** the read's p99 target in ms (the issue's: 50, full-text search over the knowledge corpus 100), and what was read */
  opts: { p99Target?: number; about?: Record<string, unknown> } = {},
) {
  const extra = {
    requests: r.requests,
    non2xx: r.non2xx,
    errors: r.errors,
    connections,
    duration,
    ...opts.about,
  };
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
  emit(
    `${name}.p99`,
    r.p99,
    'ms',
    null,
    baselineRps === null || unit !== 'req/s' ? {} : { target: opts.p99Target ?? 50 },
  );
}
