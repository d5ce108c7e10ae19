/**
 * The network page's answers, kept in this process as the JSON text they were sent as: one view of
 * a big network is large (at size M the whole year's view has 295 nodes and 37 000 ties, 890 KB),
 * and reading it from its jsonb columns and writing it out again cost about 17 ms of the database's
 * and 33 ms of the server's CPU per request (docs/PERFORMANCE.md). A snapshot never changes once
 * written, so an answer is kept per snapshot, view, "compute now" waiting or not, and the districts
 * the page lists; the route asks for the newest snapshot's id on every request, so a new snapshot
 * is shown at once.
 *
 * Bounded by entries and by characters; the least recently used goes first, and an answer larger
 * than a quarter of the bound is not kept.
 */
const maxEntries = 48;
const maxChars = 32_000_000;

const entries = new Map<string, string>();
let chars = 0;

export function viewKey(parts: {
  networkId: string;
  snapshotId: string;
  period: string;
  area: string;
  pending: boolean;
  districts: readonly { id: string; name: string }[];
}): string {
  const { networkId, snapshotId, period, area, pending, districts } = parts;
  return JSON.stringify([networkId, snapshotId, period, area, pending, districts]);
}

/** The answer kept for this key, or undefined. */
export function cachedView(key: string): string | undefined {
  const body = entries.get(key);
  if (body === undefined) return undefined;
  // the most recently used last
  entries.delete(key);
  entries.set(key, body);
  return body;
}

export function rememberView(key: string, body: string): void {
  if (body.length > maxChars / 4) return;
  const old = entries.get(key);
  if (old !== undefined) {
    entries.delete(key);
    chars -= old.length;
  }
  entries.set(key, body);
  chars += body.length;
  for (const [k, b] of entries) {
    if (entries.size <= maxEntries && chars <= maxChars) break;
    entries.delete(k);
    chars -= b.length;
  }
}

export function viewCacheSize(): { entries: number; chars: number } {
  return { entries: entries.size, chars };
}
