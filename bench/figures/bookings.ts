import { emitLoad, load, nextIp } from '../runner/load.ts';
import { connections, duration, log } from '../runner/options.ts';
import { signInCookie, type Who } from '../runner/servers.ts';
import type { LoadedTown } from '../town.ts';

/**
 * Booking requests through the HTTP API: each connection signs in as its own person and books its
 * own resource (an organisation's room, equipment or vehicle open to everyone) hour after hour, two
 * hours apart, after the last booking the town has on it, so no request conflicts: availability,
 * blocked periods and approved bookings checked, the booking inserted under the exclusion
 * constraint, an interaction if approved at once, a notification to the owner side, an audit row,
 * then the booking read back. Every answer must be a 201.
 */
export async function bookings(
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
