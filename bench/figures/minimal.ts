import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { isRateLimit, type Plan, type PlannedRead, type ReadName } from '../minimal/plan.ts';
import { emitLoad, type LoadResult, load, nextIp, watchCpu } from '../runner/load.ts';
import { connections, duration, host, log } from '../runner/options.ts';
import { emit } from '../runner/output.ts';
import { freePort, tempDir } from '../runner/scratch.ts';
import { type Proc, startProcess, until200 } from '../runner/servers.ts';

/**
 * Issue #18's fair baseline for reads: our server against the minimal server (bench/minimal/: bare
 * Fastify and `pg`, the same statements, the same JSON) on the same database in the same run, for
 * the directory, the opportunity search, a circle's calendar and the search. Also `/healthz`
 * against the bare hello-world: what our plugin stack costs where there is no database.
 *
 * 1. **Capture**: a second instance of our server (no jobs) with bench/minimal/capture.ts preloaded
 *    answers each read once, exactly as the figure sends it; the statements it sent to PostgreSQL
 *    (text and parameters) and its answer make the plan (bench/minimal/plan.ts). It is stopped.
 * 2. **Check**: the minimal server starts on the plan; its answer to each read must have the same
 *    shape as ours (the same fields, the same JSON types, the same number of items) or the bench
 *    fails; `same_answer` says whether the values are equal too.
 * 3. **Load**: for each read, ours (the figure `http.<read>` measured before in this run, or now if
 *    `--only` left it out), then the minimal server's `http.<read>_minimal`; then the ratios
 *    `http.<read>.vs_minimal.*`: throughput (ours / minimal, target ≥ 0.5), server CPU per request
 *    (ours / minimal, target ≤ 2) and PostgreSQL CPU per request (ours, target ≤ 1 ms; the
 *    minimal server's is the baseline).
 */

export interface Read {
  name: string;
  path: string;
  headers?: Record<string, string>;
}

/** The figure names of the four reads (bench/figures/server.ts) and the minimal server's names for them. */
const reads: Record<string, ReadName> = {
  'http.organisations_list': 'organisations_list',
  'http.opportunities_search': 'opportunities_search',
  'http.circle_calendar': 'circle_calendar',
  'http.search': 'search',
};

export async function minimalFigures(
  ours: Proc,
  env: Record<string, string | undefined>,
  endpoints: Read[],
  measured: Map<string, LoadResult>,
  base: LoadResult,
) {
  const wantedReads = endpoints.filter((e) => e.name in reads);
  if (host !== 'postgres') {
    emit('http.minimal', null, 'req/s', null, { skipped: 'the minimal server runs on PostgreSQL only' });
    return;
  }
  if (wantedReads.length < Object.keys(reads).length)
    log(`minimal server: only ${wantedReads.map((e) => e.name).join(', ')} exist in this town`);
  const database = new URL(env.DATABASE_URL ?? '').pathname.slice(1);
  const watchOurs = () => watchCpu({ pid: ours.child.pid ?? 0, database });

  // /healthz against the bare hello-world (no database: the cost of our plugin stack)
  const healthz =
    measured.get('http.healthz') ?? (await measure(ours, { name: 'http.healthz', path: '/healthz' }, base));
  emit('http.healthz.vs_hello.throughput', healthz.rps, 'req/s', base.rps, { target_ratio: 0.8 });

  const plan = await capture(env, wantedReads);
  const dir = tempDir('minimal');
  const planFile = path.join(dir, 'plan.json');
  writeFileSync(planFile, JSON.stringify(plan));
  const port = await freePort();
  const minimal = startProcess(
    path.join('bench', 'minimal', 'server.ts'),
    { DATABASE_URL: env.DATABASE_URL, KP_MINIMAL_PLAN: planFile },
    port,
  );
  try {
    await until200(minimal, '/api/v1/organisations?limit=20', performance.now(), 60_000);
    const same = new Map<string, boolean>();
    for (const e of wantedReads) {
      const p = plan[reads[e.name]!];
      const r = await fetch(`${minimal.url}${e.path}`, {
        headers: { ...e.headers, 'x-forwarded-for': nextIp() },
      });
      const body = await r.text();
      if (r.status !== 200)
        throw new Error(`minimal server: ${e.path} answered ${r.status}: ${body.slice(0, 300)}`);
      const theirs: unknown = JSON.parse(body);
      const differs = shapeDiff(p.ours, theirs, '');
      if (differs)
        throw new Error(`minimal server: the answer to ${e.path} has another shape than ours: ${differs}`);
      same.set(e.name, isDeepStrictEqual(p.ours, theirs));
    }
    for (const e of wantedReads) {
      const p = plan[reads[e.name]!];
      watchOurs();
      const o = measured.get(e.name) ?? (await measure(ours, e, base));
      watchCpu({ pid: minimal.child.pid ?? 0, database });
      log(
        `${e.name}_minimal: GET ${e.path} on the minimal server, ${duration} s × ${connections} connections …`,
      );
      const m = await load(minimal.url, e.path, e.headers ? { headers: e.headers } : {});
      emitLoad(`${e.name}_minimal`, m, base.rps, 'req/s', {
        about: { statements: p.statements.length, same_answer: same.get(e.name) },
      });
      const errors = o.errors + o.non2xx + m.errors + m.non2xx;
      emit(`${e.name}.vs_minimal.throughput`, o.rps, 'req/s', m.rps, {
        target_ratio: 0.5,
        ...(errors > 0 ? { errors } : {}),
      });
      const perRequest = (r: LoadResult, of: 'server' | 'postgres') => {
        const cpu = r.cpu?.[of];
        return cpu === null || cpu === undefined || r.requests === 0 ? null : (cpu * 1000) / r.requests;
      };
      emit(
        `${e.name}.vs_minimal.cpu_server`,
        perRequest(o, 'server'),
        'ms/request',
        perRequest(m, 'server'),
        {
          target_ratio_max: 2,
        },
      );
      emit(
        `${e.name}.vs_minimal.cpu_postgres`,
        perRequest(o, 'postgres'),
        'ms/request',
        perRequest(m, 'postgres'),
        { target: 1, note: 'target: ours at most 1 ms; the baseline is the minimal server’s' },
      );
    }
  } finally {
    watchOurs();
    await minimal.stop();
  }
}

/** Our read, measured here because `--only` left its own figure out; emitted under its own name. */
async function measure(ours: Proc, e: Read, base: LoadResult): Promise<LoadResult> {
  log(`${e.name}: GET ${e.path}, ${duration} s × ${connections} connections …`);
  const r = await load(ours.url, e.path, e.headers ? { headers: e.headers } : {});
  emitLoad(e.name, r, base.rps, 'req/s', { about: { measured_for: 'minimal' } });
  return r;
}

/**
 * Our server with the statement log preloaded: each read once, its statements (all but the rate
 * limit's upsert) and its answer. Jobs off, so nothing else talks to the database meanwhile.
 */
async function capture(env: Record<string, string | undefined>, wantedReads: Read[]): Promise<Plan> {
  const file = path.join(tempDir('capture'), 'statements.jsonl');
  writeFileSync(file, '');
  const port = await freePort();
  const t0 = performance.now();
  const server = startProcess('server/main.ts', { ...env, RUN_JOBS: '0', KP_BENCH_SQL_LOG: file }, port, [
    '--import',
    './bench/minimal/capture.ts',
  ]);
  const plan: Partial<Plan> = {};
  try {
    await until200(server, '/healthz', t0);
    for (const e of wantedReads) {
      // what the server still sends after its last answer (a session's touch) settles first
      await new Promise((r) => setTimeout(r, 200));
      writeFileSync(file, '');
      const r = await fetch(`${server.url}${e.path}`, {
        headers: { ...e.headers, 'x-forwarded-for': nextIp() },
      });
      const body = await r.text();
      if (r.status !== 200) throw new Error(`capture: ${e.path} answered ${r.status}: ${body.slice(0, 300)}`);
      await new Promise((r) => setTimeout(r, 200));
      const statements = readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as PlannedRead['statements'][number])
        .filter((s) => !isRateLimit(s.text));
      const name = reads[e.name]!;
      plan[name] = { name, path: e.path, statements, ours: JSON.parse(body) };
      log(`capture: ${e.name} sent ${statements.length} statements (and the rate limit's)`);
    }
  } finally {
    await server.stop();
  }
  return plan as Plan;
}

/** Where two JSON values differ in shape (fields, JSON types, array lengths), or null. */
function shapeDiff(a: unknown, b: unknown, at: string): string | null {
  const kind = (x: unknown) => (x === null ? 'null' : Array.isArray(x) ? 'array' : typeof x);
  // both answers come from the same rows, so a field null in one is null in the other: null is a type here
  if (kind(a) !== kind(b)) return `${at || '/'}: ${kind(a)} (ours) vs ${kind(b)} (minimal)`;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${at || '/'}: ${a.length} items (ours) vs ${b.length} (minimal)`;
    for (let i = 0; i < a.length; i++) {
      const d = shapeDiff(a[i], b[i], `${at}/${i}`);
      if (d) return d;
    }
    return null;
  }
  if (kind(a) === 'object') {
    const ka = Object.keys(a as object).sort();
    const kb = Object.keys(b as object).sort();
    if (!isDeepStrictEqual(ka, kb))
      return `${at || '/'}: fields ${ka.join(',')} (ours) vs ${kb.join(',')} (minimal)`;
    for (const k of ka) {
      const d = shapeDiff((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}/${k}`);
      if (d) return d;
    }
  }
  return null;
}
