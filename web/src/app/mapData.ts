import { useQuery } from '@tanstack/react-query';
import { api } from './api.ts';
import type { NetworkSettings } from './types.ts';

/*
 * What every map of the app needs before Leaflet is loaded (this file stays out of the Leaflet
 * chunk): the network's map settings and the districts' boundaries, drawn on every map so a map
 * whose background tiles cannot load still shows the town.
 */

/** Where the demo town lies, when the network has not set a map centre and has no districts. */
export const fallbackCenter: [number, number] = [51.3, 9.48];

/** The network's name and map settings (the same cache entry as the rest of the app's). */
export function useMapSettings() {
  return useQuery({
    queryKey: ['network'],
    queryFn: () => api<NetworkSettings>('/network'),
    retry: false,
    staleTime: 5 * 60_000,
  });
}

type Ring = [number, number][];
export interface DistrictShape {
  type: 'Feature';
  id: string;
  properties: { id: string; slug: string; name: string };
  geometry: { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
}
export interface DistrictShapes {
  type: 'FeatureCollection';
  features: DistrictShape[];
}

/** The districts' boundaries as GeoJSON (public; fetched once and kept). */
export function useDistrictShapes() {
  return useQuery({
    queryKey: ['districts', 'geojson'],
    queryFn: () => api<DistrictShapes>('/districts/geojson'),
    staleTime: 30 * 60_000,
  });
}

function inRing(lng: number, lat: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** The district whose boundary holds the point (holes excluded), as the server's geocoder says it. */
export function districtAt(
  lat: number,
  lng: number,
  shapes: DistrictShapes | undefined,
): DistrictShape | null {
  for (const f of shapes?.features ?? []) {
    const g = f.geometry;
    const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    if (
      polygons.some(
        ([outer, ...holes]) => outer && inRing(lng, lat, outer) && !holes.some((h) => inRing(lng, lat, h)),
      )
    )
      return f;
  }
  return null;
}

/** Where a map looks first: the admin's map centre, else the middle of the districts, else the demo town. */
export function defaultView(
  settings: NetworkSettings['settings'] | undefined,
  shapes: DistrictShapes | undefined,
): { center: [number, number]; zoom: number } {
  const zoom = settings?.mapZoom ?? 13;
  if (settings?.mapCenter) return { center: settings.mapCenter, zoom };
  const points = (shapes?.features ?? []).flatMap((f) =>
    (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates).flatMap(
      (p) => p[0] ?? [],
    ),
  );
  if (points.length === 0) return { center: fallbackCenter, zoom };
  const lats = points.map((p) => p[1]);
  const lngs = points.map((p) => p[0]);
  return {
    center: [(Math.min(...lats) + Math.max(...lats)) / 2, (Math.min(...lngs) + Math.max(...lngs)) / 2],
    zoom,
  };
}
