import { cpuSnapshot, cpuSpent, emitLoad, type LoadResult, load, nextIp } from '../runner/load.ts';
import { connections, duration, log, wanted } from '../runner/options.ts';
import { emit } from '../runner/output.ts';
import { signInCookie } from '../runner/servers.ts';
import { quantile } from '../stats.ts';
import type { TownHandles } from './town.ts';

const snapshotFigure = 'places.analytics_snapshot';
const pageFigure = 'http.analytics_snapshot_page';
const tiesFigure = 'http.analytics_snapshot_ties';
const networkPath = '/api/v1/places/analytics/network';
/** the page as a coordinator first opens it: the last 12 months, every area */
const pagePath = `${networkPath}?period=12m&area=all`;
/** the ties its picture draws, fetched when the picture is shown (at once on a wide screen) */
const tiesPath = `${networkPath}/ties?period=12m&area=all`;
/** the longest the bench waits for the snapshot (the target is 60 s) */
const patienceMs = 600_000;

/** Whether `--only` asks for either figure (`--only analytics_snapshot` selects both). */
export const placesSnapshotWanted = () => wanted(snapshotFigure) || wanted(pageFigure) || wanted(tiesFigure);

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Räume & Brücken's network analytics (issue #16: the whole snapshot at M in under 60 s on
 * PostgreSQL, the server answering /healthz with p99 < 50 ms meanwhile; the page p99 < 50 ms):
 *
 * 1. `places.analytics_snapshot.*`: the instance admin asks for a snapshot as a coordinator does
 *    (POST …/network/snapshots); the server's job worker takes it up (it polls every 2 s), reads the
 *    year's interactions, computes the measures in a worker thread of the same process and writes
 *    the snapshot. Timed from the request until the page shows the new snapshot (polled every
 *    250 ms); beside it one client asks /healthz again and again (10 ms apart) — its latencies during
 *    the snapshot against the same client's on the idle server for 3 s before. The CPU the server
 *    process (all its threads) and its database backends spent meanwhile comes with it.
 * 2. `http.analytics_snapshot_page.*`: GET …/network?period=12m&area=all as that coordinator under
 *    load (16 connections), taking gzip as a browser does, against the hello-world baseline; and
 *    `http.analytics_snapshot_ties.*` the same for …/network/ties (the picture's backbone).
 */
export async function placesSnapshotFigures(
  url: string,
  town: TownHandles,
  paths: Record<string, unknown>,
  base: LoadResult,
) {
  if (!placesSnapshotWanted()) return;
  if (!paths['/api/v1/places/analytics/network/snapshots'] || !paths[networkPath]) {
    emit(`${snapshotFigure}.wall_time`, null, 's', null, {
      skipped: 'POST /api/v1/places/analytics/network/snapshots does not exist yet',
    });
    return;
  }
  const session = await signInCookie(url, town.coordinator);
  const get = async (path: string) => {
    const r = await fetch(`${url}${path}`, {
      headers: { cookie: session.cookie, 'x-forwarded-for': nextIp() },
    });
    const text = await r.text();
    return { status: r.status, text };
  };
  type View = {
    snapshot: { computedAt: string } | null;
    pending: boolean;
    nodes: unknown[];
  };
  const before = await get(pagePath);
  if (before.status !== 200) {
    emit(`${snapshotFigure}.wall_time`, null, 's', null, {
      skipped: `GET ${pagePath} as the instance admin answered ${before.status}: ${before.text.slice(0, 200)}`,
    });
    return;
  }
  const previous = (JSON.parse(before.text) as View).snapshot?.computedAt ?? null;

  // /healthz, one request after the other, 10 ms apart, into `samples` until `stop`
  const probe = (samples: number[], failures: { n: number }, stop: () => boolean) =>
    (async () => {
      while (!stop()) {
        const t0 = performance.now();
        try {
          const r = await fetch(`${url}/healthz`, {
            headers: { 'x-forwarded-for': nextIp() },
            signal: AbortSignal.timeout(10_000),
          });
          await r.arrayBuffer();
          if (r.status === 200) samples.push(performance.now() - t0);
          else failures.n++;
        } catch {
          failures.n++;
        }
        await sleep(10);
      }
    })();
  const summary = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    const r = (x: number | undefined) => (x === undefined ? null : Number(x.toFixed(2)));
    return {
      samples: s.length,
      p50: r(quantile(s, 0.5)),
      p99: r(quantile(s, 0.99)),
      max: r(s[s.length - 1]),
    };
  };

  log(`${snapshotFigure}: /healthz on the idle server for 3 s …`);
  const idle: number[] = [];
  const idleFailures = { n: 0 };
  const idleUntil = performance.now() + 3000;
  await probe(idle, idleFailures, () => performance.now() >= idleUntil);

  log(`${snapshotFigure}: POST …/network/snapshots as the instance admin, waiting for the snapshot …`);
  const during: number[] = [];
  const failures = { n: 0 };
  let done = false;
  const probing = probe(during, failures, () => done);
  const cpuBefore = await cpuSnapshot();
  const requestedAt = Date.now();
  const t0 = performance.now();
  let wall: number | null = null;
  let view: View | null = null;
  let bytes = 0;
  let error: string | null = null;
  try {
    const r = await fetch(`${url}${networkPath}/snapshots`, {
      method: 'POST',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'x-forwarded-for': nextIp() },
    });
    const body = await r.text();
    if (r.status !== 202)
      throw new Error(`POST …/network/snapshots answered ${r.status}: ${body.slice(0, 200)}`);
    while (performance.now() - t0 < patienceMs) {
      await sleep(250);
      const page = await get(pagePath);
      if (page.status !== 200) throw new Error(`GET ${pagePath} answered ${page.status}`);
      const v = JSON.parse(page.text) as View;
      if (v.snapshot && v.snapshot.computedAt !== previous) {
        wall = performance.now() - t0;
        view = v;
        bytes = Buffer.byteLength(page.text);
        break;
      }
    }
    if (wall === null) throw new Error(`no new snapshot within ${patienceMs / 1000} s`);
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
  } finally {
    done = true;
    await probing;
  }
  const cpu = cpuSpent(cpuBefore, await cpuSnapshot());
  const h = summary(during);
  const startedAfter = view?.snapshot ? new Date(view.snapshot.computedAt).getTime() - requestedAt : null;
  emit(`${snapshotFigure}.wall_time`, wall === null ? null : wall / 1000, 's', null, {
    target: 60,
    measured: 'POST …/network/snapshots → the page shows the new snapshot (polled every 250 ms)',
    // the job worker polls every 2 s: how long the request waited before the job began
    job_started_after_s: startedAfter === null ? null : Number((startedAfter / 1000).toFixed(2)),
    nodes_12m_all: view?.nodes.length ?? null,
    ties_12m_all: view
      ? ((JSON.parse((await get(tiesPath)).text) as { total?: number }).total ?? null)
      : null,
    cpu_server_s: cpu ? Number(cpu.server.toFixed(2)) : null,
    cpu_postgres_s: cpu?.postgres != null ? Number(cpu.postgres.toFixed(2)) : null,
    ...(error ? { error } : {}),
  });
  emit(`${snapshotFigure}.healthz_p50`, h.p50, 'ms', null, {
    samples: h.samples,
    failures: failures.n,
    idle_p50: summary(idle).p50,
  });
  emit(`${snapshotFigure}.healthz_p99`, h.p99, 'ms', null, {
    target: 50,
    max: h.max,
    idle_p99: summary(idle).p99,
    idle_samples: idle.length,
    note: 'one client asking /healthz 10 ms after each answer, during the snapshot and on the idle server before it',
  });
  if (!view) return;

  // as a browser asks: it takes gzip (the answer carries what it was sent as)
  const headers = { cookie: session.cookie, 'accept-encoding': 'gzip, deflate, br' };
  for (const [figure, path] of [
    [pageFigure, pagePath],
    [tiesFigure, tiesPath],
  ] as const) {
    if (!wanted(figure) && !wanted(snapshotFigure)) continue;
    const sent = await fetch(`${url}${path}`, { headers: { ...headers, 'x-forwarded-for': nextIp() } });
    const body = Buffer.from(await sent.arrayBuffer());
    const plain = await fetch(`${url}${path}`, {
      headers: { cookie: session.cookie, 'x-forwarded-for': nextIp() },
    });
    const drawn =
      path === tiesPath ? (JSON.parse(await plain.text()) as { ties: unknown[] }).ties.length : null;
    if (path !== tiesPath) await plain.arrayBuffer();
    log(`${figure}: GET ${path}, ${duration} s × ${connections} connections …`);
    emitLoad(figure, await load(url, path, { headers }), base.rps, 'req/s', {
      p99Target: 50,
      about: {
        signed_in: true,
        coordinator: 'instance admin',
        nodes: view.nodes.length,
        ...(drawn === null ? { bytes } : { ties_drawn: drawn }),
        content_encoding: sent.headers.get('content-encoding'),
        bytes_sent: body.length,
      },
    });
  }
}
