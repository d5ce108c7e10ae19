import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { BoundedCache } from '../../../../../platform/boundedCache.ts';

const gzipped = promisify(gzip);

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

export interface KeptView {
  json: string;
  gzip: Buffer;
  /** names this answer (a hash of its text); the gzipped one is a representation of its own */
  etag: string;
}

/** An answer to keep: its text, its gzip and its ETag. */
export async function keptView(json: string): Promise<KeptView> {
  const etag = `"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"`;
  return { json, gzip: await gzipped(json), etag };
}

/** The ETag of what is sent: the gzipped representation carries its own. */
export const etagSent = (kept: KeptView, gzip: boolean) =>
  gzip ? `${kept.etag.slice(0, -1)}-gz"` : kept.etag;

/** Whether an If-None-Match header names this ETag (or is `*`), weak or strong. */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag === etag || tag === `W/${etag}`;
  });
}

const entries = new BoundedCache<KeptView>(48, 32_000_000, (v) => v.json.length + v.gzip.length, 1 / 4);

export function viewKey(parts: {
  networkId: string;
  snapshotId: string;
  kind: string;
  period: string;
  area: string;
  pending: boolean;
  districts: readonly { id: string; name: string }[];
}): string {
  const { networkId, snapshotId, kind, period, area, pending, districts } = parts;
  return JSON.stringify([networkId, snapshotId, kind, period, area, pending, districts]);
}

/** The answer kept for this key, or undefined. */
export function cachedView(key: string): KeptView | undefined {
  return entries.get(key);
}

export function rememberView(key: string, kept: KeptView): void {
  entries.set(key, kept);
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
  return entries.size;
}
