/**
 * Address search for the place pickers, asked by the server on the person's behalf, so their
 * browser never talks to the geocoder and their address never leaves with their IP.
 *
 * Any Nominatim- or Photon-compatible search service works (GEOCODER_URL); a URL whose path ends
 * in `/api` is spoken to as Photon, any other as Nominatim. The public Nominatim's usage policy
 * (operations.osmfoundation.org/policies/nominatim) is kept by every instance, whichever it uses:
 *
 * - at most one request per second from this process: requests take the next free second in turn,
 *   and when more than a few are already waiting the caller is told at once ("busy") rather than
 *   kept waiting — the route then answers from the town's own directory;
 * - a User-Agent that names the application and the instance;
 * - answers are cached (a day, a thousand queries), and the same query asked twice at once goes
 *   out once; searches are sent when a person asks, never as they type.
 *
 * Several app servers each keep their own second; a busy instance runs its own geocoder.
 */

/** One place found: a line to show and its parts, kept as text in forms. */
export interface Place {
  label: string;
  /** street and house number, or the place's own name */
  street: string;
  postcode: string;
  town: string;
  lat: number;
  lng: number;
}

export interface SearchOptions {
  lang: 'de' | 'en';
  /** prefer places in this box: minLng, minLat, maxLng, maxLat */
  near?: [number, number, number, number];
}

export type Unavailable = 'unreachable' | 'busy';

export class GeocoderUnavailable extends Error {
  readonly reason: Unavailable;
  constructor(reason: Unavailable, cause?: unknown) {
    super(`geocoder ${reason}`, { cause });
    this.reason = reason;
  }
}

export interface GeocoderOptions {
  url: string;
  userAgent: string;
  /** the least time between two requests to the service */
  minIntervalMs?: number;
  /** how many may wait for their turn before further ones are told "busy" */
  maxWaiting?: number;
  timeoutMs?: number;
  cacheTtlMs?: number;
  cacheSize?: number;
  limit?: number;
  now?: () => number;
}

export interface Geocoder {
  search(q: string, o: SearchOptions): Promise<Place[]>;
}

const num = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? Number(v) : Number.NaN);
const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const first = (o: Record<string, unknown>, keys: string[]) => keys.map((k) => str(o[k])).find(Boolean) ?? '';

function place(
  lat: number,
  lng: number,
  parts: { name: string; road: string; number: string; postcode: string; town: string },
): Place | null {
  if (!Number.isFinite(lat) || !Number.isFinite(lng) || Math.abs(lat) > 90 || Math.abs(lng) > 180)
    return null;
  const road = [parts.road, parts.number].filter(Boolean).join(' ');
  const street = road || parts.name;
  const town = [parts.postcode, parts.town].filter(Boolean).join(' ');
  // a place with a name of its own (the town hall) and an address: both
  const named = road && parts.name && parts.name !== parts.road && parts.name !== road ? parts.name : '';
  const label = [named, street, town].filter(Boolean).join(', ');
  if (!label) return null;
  return { label, street, postcode: parts.postcode, town: parts.town, lat, lng };
}

const townKeys = ['city', 'town', 'village', 'municipality', 'hamlet', 'locality', 'suburb', 'district'];

/** The places in a Nominatim (jsonv2 with addressdetails) or a Photon (GeoJSON) answer. */
export function parsePlaces(body: unknown): Place[] {
  const out: (Place | null)[] = [];
  if (Array.isArray(body)) {
    for (const item of body as Record<string, unknown>[]) {
      const a = (item.address ?? {}) as Record<string, unknown>;
      out.push(
        place(num(item.lat), num(item.lon), {
          name: str(item.name),
          road: first(a, ['road', 'pedestrian', 'footway', 'path', 'square', 'place']),
          number: str(a.house_number),
          postcode: str(a.postcode),
          town: first(a, townKeys),
        }),
      );
    }
  } else if (body && typeof body === 'object' && Array.isArray((body as { features?: unknown }).features)) {
    for (const f of (body as { features: Record<string, unknown>[] }).features) {
      const coords = ((f.geometry ?? {}) as { coordinates?: unknown[] }).coordinates ?? [];
      const p = (f.properties ?? {}) as Record<string, unknown>;
      out.push(
        place(num(coords[1]), num(coords[0]), {
          name: str(p.name),
          road: str(p.street),
          number: str(p.housenumber),
          postcode: str(p.postcode),
          town: first(p, townKeys),
        }),
      );
    }
  }
  const seen = new Set<string>();
  return out.filter((p): p is Place => {
    if (!p || seen.has(p.label)) return false;
    seen.add(p.label);
    return true;
  });
}

/** The request for one search, in the service's own dialect. */
export function searchUrl(base: string, q: string, o: SearchOptions, limit: number): URL {
  const url = new URL(base);
  const photon = /\/api\/?$/.test(url.pathname);
  url.searchParams.set('q', q);
  url.searchParams.set('limit', String(limit));
  if (photon) {
    url.searchParams.set('lang', o.lang);
    if (o.near) {
      url.searchParams.set('lat', String((o.near[1] + o.near[3]) / 2));
      url.searchParams.set('lon', String((o.near[0] + o.near[2]) / 2));
    }
  } else {
    url.searchParams.set('format', 'jsonv2');
    url.searchParams.set('addressdetails', '1');
    url.searchParams.set('accept-language', o.lang);
    if (o.near) {
      const [minLng, minLat, maxLng, maxLat] = o.near;
      url.searchParams.set('viewbox', `${minLng},${maxLat},${maxLng},${minLat}`);
      url.searchParams.set('bounded', '0');
    }
  }
  return url;
}

export function createGeocoder(opts: GeocoderOptions): Geocoder {
  const minInterval = opts.minIntervalMs ?? 1000;
  const maxWaiting = opts.maxWaiting ?? 3;
  const timeoutMs = opts.timeoutMs ?? 5000;
  const ttl = opts.cacheTtlMs ?? 24 * 3600 * 1000;
  const cacheSize = opts.cacheSize ?? 1000;
  const limit = opts.limit ?? 6;
  const now = opts.now ?? Date.now;
  const cache = new Map<string, { at: number; places: Place[] }>();
  const inFlight = new Map<string, Promise<Place[]>>();
  let nextSlot = 0;
  let waiting = 0;

  async function ask(q: string, o: SearchOptions): Promise<Place[]> {
    if (waiting >= maxWaiting) throw new GeocoderUnavailable('busy');
    const t = now();
    const start = Math.max(t, nextSlot);
    nextSlot = start + minInterval;
    waiting++;
    try {
      if (start > t) await new Promise((r) => setTimeout(r, start - t));
    } finally {
      waiting--;
    }
    let res: Response;
    try {
      res = await fetch(searchUrl(opts.url, q, o, limit), {
        headers: { 'user-agent': opts.userAgent, accept: 'application/json', 'accept-language': o.lang },
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'follow',
      });
    } catch (err) {
      throw new GeocoderUnavailable('unreachable', err);
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new GeocoderUnavailable('unreachable', new Error(`HTTP ${res.status}`));
    }
    try {
      return parsePlaces(await res.json());
    } catch (err) {
      throw new GeocoderUnavailable('unreachable', err);
    }
  }

  return {
    async search(q, o) {
      const key = `${o.lang}|${o.near?.join(',') ?? ''}|${q.trim().toLowerCase().replace(/\s+/g, ' ')}`;
      const hit = cache.get(key);
      if (hit && now() - hit.at < ttl) {
        // most recently used last, so the oldest are the first to go
        cache.delete(key);
        cache.set(key, hit);
        return hit.places;
      }
      const pending = inFlight.get(key);
      if (pending) return pending;
      const p = ask(q.trim(), o)
        .then((places) => {
          cache.set(key, { at: now(), places });
          while (cache.size > cacheSize) cache.delete(cache.keys().next().value as string);
          return places;
        })
        .finally(() => inFlight.delete(key));
      inFlight.set(key, p);
      return p;
    },
  };
}

type Ring = [number, number][];
type Boundary = { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };

function inRing(lng: number, lat: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** The first district whose boundary holds the point (holes excluded), or null. */
export function districtContaining(
  lat: number,
  lng: number,
  districts: { id: string; boundary: unknown }[],
): string | null {
  for (const d of districts) {
    const b = d.boundary as Boundary | null;
    if (!b) continue;
    const polygons = b.type === 'Polygon' ? [b.coordinates] : b.type === 'MultiPolygon' ? b.coordinates : [];
    const hit = polygons.some(
      ([outer, ...holes]) => outer && inRing(lng, lat, outer) && !holes.some((h) => inRing(lng, lat, h)),
    );
    if (hit) return d.id;
  }
  return null;
}
