import { emitLoad, type LoadResult, load, nextIp, watchCpu } from '../runner/load.ts';
import { connections, duration, host, log, seed, wanted } from '../runner/options.ts';
import { emit } from '../runner/output.ts';
import { freePort } from '../runner/scratch.ts';
import { openApiPaths, rssMb, signInCookie, startProcess, until200 } from '../runner/servers.ts';
import { townId } from '../town.ts';
import { bookings } from './bookings.ts';
import { codesignFigures } from './codesign.ts';
import { knowledgeEndpoints } from './knowledge.ts';
import { mapViews } from './mapViews.ts';
import { minimalFigures } from './minimal.ts';
import { placesSnapshotFigures } from './placesSnapshot.ts';
import type { TownHandles } from './town.ts';
import { transfers } from './transfers.ts';
import { twoServerFigures } from './twoServers.ts';
import { webFigures } from './web.ts';

/**
 * The figures of the app server on the loaded town: its start, the HTTP reads (each against the
 * hello-world baseline), the map views, the writes (transfers, bookings), its memory after the load
 * and whether it answers at once when the load stops.
 */

export async function serverFigures(
  town: TownHandles,
  base: LoadResult,
  tpcb: ((figure: string) => Promise<number | null>) | null,
) {
  const { env, signIn: who, payers } = town;
  const port = await freePort();
  const t0 = performance.now();
  const server = startProcess('server/main.ts', env, port);
  const startMs = await until200(server, '/healthz', t0);
  watchCpu({
    pid: server.child.pid ?? 0,
    database: env.DATABASE_URL ? new URL(env.DATABASE_URL).pathname.slice(1) : null,
  });
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
  const endpoints: {
    name: string;
    path: string;
    headers?: Record<string, string>;
    p99Target?: number;
    about?: Record<string, unknown>;
    signedInIfNeeded?: boolean;
  }[] = [
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
  endpoints.push(...knowledgeEndpoints(town, paths));
  endpoints.push({ name: 'http.session_signed_in', path: '/api/v1/session', headers: { cookie } });
  // each read's result, for the minimal server's ratios
  const measured = new Map<string, LoadResult>();
  for (const e of endpoints) {
    if (!wanted(e.name)) continue;
    let headers = e.headers;
    let check = await fetch(`${server.url}${e.path}`, {
      headers: { ...headers, 'x-forwarded-for': nextIp() },
    });
    let body = await check.text();
    // a read that is for the network's members (401, or 404 as private things answer): measured signed in
    const signedIn = e.signedInIfNeeded === true && [401, 403, 404].includes(check.status);
    if (signedIn) {
      headers = { ...e.headers, cookie };
      check = await fetch(`${server.url}${e.path}`, { headers: { ...headers, 'x-forwarded-for': nextIp() } });
      body = await check.text();
    }
    if (check.status !== 200) {
      emit(`${e.name}.throughput`, null, 'req/s', null, {
        skipped: `answered ${check.status}: ${body.slice(0, 200)}`,
      });
      continue;
    }
    log(`${e.name}: GET ${e.path}, ${duration} s × ${connections} connections …`);
    const r = await load(server.url, e.path, { headers });
    measured.set(e.name, r);
    emitLoad(e.name, r, base.rps, 'req/s', {
      ...(e.p99Target ? { p99Target: e.p99Target } : {}),
      ...(e.about || signedIn ? { about: { ...e.about, ...(signedIn ? { signed_in: true } : {}) } } : {}),
    });
  }
  // the main reads as the minimal server (issue #18) and two servers (issue #17) measure them
  const mainReads = endpoints.filter((e) =>
    ['http.organisations_list', 'http.opportunities_search', 'http.circle_calendar', 'http.search'].includes(
      e.name,
    ),
  );
  if (wanted('minimal')) await minimalFigures(server, env, [...endpoints], measured, base);
  if (wanted('two_servers')) await twoServerFigures(server, env, mainReads, payers);
  await codesignFigures(server.url, town, paths, base);
  // the network analytics' snapshot after the reads above (it loads the machine while it runs)
  await placesSnapshotFigures(server.url, town, paths, base);
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
  watchCpu(null);
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
