/**
 * The network page's answers, kept in this process as the JSON text they were sent as, and
 * compressed with gzip for the browsers that take it: one view of a big network is large (at size
 * M the whole year's view has 295 nodes and 37 000 ties, 890 KB; gzipped a fifth of that), and
 * reading it from its jsonb columns and writing it out again cost about 17 ms of the database's and
 * 33 ms of the server's CPU per request (docs/PERFORMANCE.md). A snapshot never changes once
 * written, so an answer is kept per snapshot, view, "compute now" waiting or not, and the districts
 * the page lists; the route asks for the newest snapshot's id on every request, so a new snapshot
 * is shown at once.
 *
 * Bounded by entries and by characters; the least recently used goes first, and an answer larger
 * than a quarter of the bound is not kept.
 */
const maxEntries = 48;
const maxChars = 32_000_000;

export interface KeptView {
  json: string;
  gzip: Buffer;
}

const entries = new Map<string, KeptView>();
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
export function cachedView(key: string): KeptView | undefined {
  const kept = entries.get(key);
  if (kept === undefined) return undefined;
  // the most recently used last
  entries.delete(key);
  entries.set(key, kept);
  return kept;
}

const sizeOf = (v: KeptView) => v.json.length + v.gzip.length;

export function rememberView(key: string, kept: KeptView): void {
  if (sizeOf(kept) > maxChars / 4) return;
  const old = entries.get(key);
  if (old !== undefined) {
    entries.delete(key);
    chars -= sizeOf(old);
  }
  entries.set(key, kept);
  chars += sizeOf(kept);
  for (const [k, v] of entries) {
    if (entries.size <= maxEntries && chars <= maxChars) break;
    entries.delete(k);
    chars -= sizeOf(v);
  }
}

/** Whether an Accept-Encoding header takes gzip (and does not refuse it with q=0). */
export function takesGzip(acceptEncoding: string | undefined): boolean {
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.split(';').map((x) => x.trim().toLowerCase());
    if (name !== 'gzip' && name !== 'x-gzip') continue;
    const q = params.find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  }
  return false;
}

export function viewCacheSize(): { entries: number; chars: number } {
  return { entries: entries.size, chars };
}
