import { nextIp } from '../runner/load.ts';
import { log, seed } from '../runner/options.ts';
import { emit } from '../runner/output.ts';
import { quantile } from '../stats.ts';
import { prng } from '../town.ts';

/**
 * The map as one person uses it: views the size of a phone screen (390 × 700 px) at zoom 12–17
 * anywhere over the town, one request after the other, so the latency is the query's and not a
 * queue's. The target for the map query: p95 < 20 ms at 100 000 resources on PostgreSQL.
 */
export async function mapViews(url: string) {
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
