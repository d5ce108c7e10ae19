/**
 * Reads district boundaries from an uploaded GeoJSON FeatureCollection. Pure functions: the route
 * validates the whole file first and writes nothing unless every feature is usable.
 */

export type Position = [number, number];
export type PolygonCoords = Position[][];
export type Boundary =
  | { type: 'Polygon'; coordinates: PolygonCoords }
  | { type: 'MultiPolygon'; coordinates: PolygonCoords[] };

export interface ParsedDistrict {
  slug: string;
  name: string;
  boundary: Boundary;
  centerLat: number;
  centerLng: number;
}

export const maxFeatures = 500;

/** Where the file is wrong, as a JSON pointer into the request body. */
export class GeoJsonError extends Error {
  readonly field: string;
  constructor(field: string) {
    super(`invalid GeoJSON at ${field}`);
    this.field = field;
  }
}

const umlauts: Record<string, string> = {
  ä: 'ae',
  ö: 'oe',
  ü: 'ue',
  ß: 'ss',
  Ä: 'ae',
  Ö: 'oe',
  Ü: 'ue',
  ẞ: 'ss',
};

/** "Süd-Ost / Großes Viertel" → "sued-ost-grosses-viertel". Empty when nothing usable is left. */
export function slugify(name: string): string {
  return name
    .replace(/[äöüßÄÖÜẞ]/g, (c) => umlauts[c] ?? c)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function position(v: unknown, at: string): Position {
  if (!Array.isArray(v) || v.length < 2 || v.length > 3) throw new GeoJsonError(at);
  const [lng, lat, alt] = v as unknown[];
  const finite = (n: unknown) => typeof n === 'number' && Number.isFinite(n);
  if (!finite(lng) || !finite(lat) || (alt !== undefined && !finite(alt))) throw new GeoJsonError(at);
  if ((lng as number) < -180 || (lng as number) > 180 || (lat as number) < -90 || (lat as number) > 90) {
    throw new GeoJsonError(at);
  }
  // altitude is dropped: a district is a flat area
  return [lng as number, lat as number];
}

function polygon(v: unknown, at: string): PolygonCoords {
  if (!Array.isArray(v) || v.length === 0) throw new GeoJsonError(at);
  return v.map((ring, r) => {
    // a linear ring has at least four positions, the last equal to the first
    if (!Array.isArray(ring) || ring.length < 4) throw new GeoJsonError(`${at}/${r}`);
    const positions = ring.map((p, i) => position(p, `${at}/${r}/${i}`));
    const first = positions[0]!;
    const last = positions[positions.length - 1]!;
    if (first[0] !== last[0] || first[1] !== last[1]) throw new GeoJsonError(`${at}/${r}`);
    return positions;
  });
}

function boundaryOf(geometry: unknown, at: string): Boundary {
  if (!isObject(geometry)) throw new GeoJsonError(at);
  if (geometry.type === 'Polygon') {
    return { type: 'Polygon', coordinates: polygon(geometry.coordinates, `${at}/coordinates`) };
  }
  if (geometry.type === 'MultiPolygon') {
    const c = geometry.coordinates;
    if (!Array.isArray(c) || c.length === 0) throw new GeoJsonError(`${at}/coordinates`);
    return {
      type: 'MultiPolygon',
      coordinates: c.map((p, i) => polygon(p, `${at}/coordinates/${i}`)),
    };
  }
  throw new GeoJsonError(`${at}/type`);
}

const polygonsOf = (b: Boundary): PolygonCoords[] => (b.type === 'Polygon' ? [b.coordinates] : b.coordinates);

/** The centre of the bounding box of the outer rings. */
export function bboxCenter(b: Boundary): { lat: number; lng: number } {
  let minLng = Infinity;
  let maxLng = -Infinity;
  let minLat = Infinity;
  let maxLat = -Infinity;
  for (const poly of polygonsOf(b)) {
    for (const [lng, lat] of poly[0] ?? []) {
      minLng = Math.min(minLng, lng);
      maxLng = Math.max(maxLng, lng);
      minLat = Math.min(minLat, lat);
      maxLat = Math.max(maxLat, lat);
    }
  }
  return { lat: (minLat + maxLat) / 2, lng: (minLng + maxLng) / 2 };
}

/**
 * Validates the collection and returns one district per name. Features that share a name (one
 * district drawn as several pieces) are merged into a MultiPolygon. Throws GeoJsonError.
 */
export function parseDistricts(geojson: unknown, nameProperty: string, at = '/geojson'): ParsedDistrict[] {
  if (!isObject(geojson) || geojson.type !== 'FeatureCollection') throw new GeoJsonError(`${at}/type`);
  const features = geojson.features;
  if (!Array.isArray(features) || features.length === 0 || features.length > maxFeatures) {
    throw new GeoJsonError(`${at}/features`);
  }
  const bySlug = new Map<string, { name: string; polygons: PolygonCoords[] }>();
  features.forEach((f, i) => {
    const fat = `${at}/features/${i}`;
    if (!isObject(f) || f.type !== 'Feature') throw new GeoJsonError(`${fat}/type`);
    const props = f.properties;
    const raw = isObject(props) ? props[nameProperty] : undefined;
    const name = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' ? String(raw) : '';
    const slug = slugify(name);
    if (name === '' || name.length > 120 || slug === '') {
      throw new GeoJsonError(`${fat}/properties/${nameProperty}`);
    }
    const boundary = boundaryOf(f.geometry, `${fat}/geometry`);
    const existing = bySlug.get(slug);
    if (existing) existing.polygons.push(...polygonsOf(boundary));
    else bySlug.set(slug, { name, polygons: polygonsOf(boundary) });
  });
  return [...bySlug].map(([slug, { name, polygons }]) => {
    const boundary: Boundary =
      polygons.length === 1
        ? { type: 'Polygon', coordinates: polygons[0]! }
        : { type: 'MultiPolygon', coordinates: polygons };
    const c = bboxCenter(boundary);
    return { slug, name, boundary, centerLat: c.lat, centerLng: c.lng };
  });
}
