import type { Static } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { requireAccount } from '../../../http/context.ts';
import { problems } from '../../../http/schemas.ts';
import { requiredText } from '../../../http/validation.ts';
import {
  createGeocoder,
  districtContaining,
  GeocoderUnavailable,
  type Place,
} from '../../../platform/geocoder.ts';
import { searchDirectory } from '../../../repositories/addressDirectory.ts';
import { listDistricts } from '../../../repositories/districts.ts';
import { getNetwork } from '../../../repositories/network.ts';
import { GeocodeQuery, GeocodeResult } from './schema.ts';

/** A box around what the network knows of its town: its districts, or the admin's map centre. */
function townBox(
  districts: { center_lat: number | null; center_lng: number | null }[],
  center: [number, number] | undefined,
): [number, number, number, number] | undefined {
  const points = districts.flatMap((d) =>
    d.center_lat !== null && d.center_lng !== null ? [[d.center_lat, d.center_lng] as const] : [],
  );
  if (center) points.push([center[0], center[1]]);
  if (points.length === 0) return undefined;
  const lats = points.map((p) => p[0]);
  const lngs = points.map((p) => p[1]);
  const pad = 0.05;
  return [Math.min(...lngs) - pad, Math.min(...lats) - pad, Math.max(...lngs) + pad, Math.max(...lats) + pad];
}

/**
 * Address search for the place pickers of every form: the geocoder (GEOCODER_URL, see
 * platform/geocoder.ts) asked by this server, never by the browser, and the town's own directory of
 * districts and known public addresses — which is all there is when the geocoder is off, cannot
 * be reached or is busy, said in `notice`. For signed-in people only: the server's share of a
 * public geocoder is not an open service for anyone who finds it.
 */
export async function geocodeRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const { config } = app.deps;
  const networkId = app.deps.network.id;
  const geocoder = config.geocoderUrl
    ? createGeocoder({ url: config.geocoderUrl, userAgent: `Knotenpunkt (${config.publicUrl})` })
    : null;

  app.get<{ Querystring: Static<typeof GeocodeQuery> }>(
    '/',
    {
      schema: {
        tags: ['geocode'],
        summary: 'Find places by address or name, for picking a place in a form (signed-in people)',
        querystring: GeocodeQuery,
        response: { 200: GeocodeResult, ...problems },
      },
    },
    async (req) => {
      requireAccount(req);
      const q = requiredText(req.query.q, '/q', 400);
      const [districts, network] = await Promise.all([
        listDistricts(db, networkId),
        getNetwork(db, networkId),
      ]);
      let found: Place[] = [];
      let notice: 'off' | 'unreachable' | 'busy' | null = geocoder ? null : 'off';
      if (geocoder) {
        try {
          found = await geocoder.search(q, {
            lang: req.locale,
            near: townBox(districts, network.settings?.mapCenter),
          });
        } catch (err) {
          if (!(err instanceof GeocoderUnavailable)) throw err;
          notice = err.reason;
          req.log.warn({ err: err.cause ?? err }, `geocoder ${err.reason}`);
        }
      }
      const own = await searchDirectory(db, networkId, q);
      const items = [
        ...found.map((p) => ({
          ...p,
          districtId: districtContaining(p.lat, p.lng, districts),
          source: 'geocoder' as const,
        })),
        // the town's own places after the geocoder's, without repeating one it found
        ...own.filter((o) => !found.some((p) => p.label === o.label)),
      ].slice(0, 10);
      return { items, notice };
    },
  );
}
