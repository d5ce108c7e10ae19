import { type TSchema, Type } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';

/**
 * GeoJSON (RFC 7946) as every map layer of the platform hands it out: one FeatureCollection of
 * Features with a string id, longitude before latitude, and a `url` property where a feature has a
 * page. Every layer — districts, resources, organisations, opportunities, events, map reports and a
 * dossier's reports — is built and sent here, so they read alike and a reader of one reads all.
 * What goes into a layer (only what anyone may see, approximate points for private people) is the
 * layer's own rule, decided in its area; this file only shapes and sends.
 */

export type Geometry =
  | { type: 'Point'; coordinates: [number, number] }
  | { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown[] };

export interface Feature<P, G extends Geometry = Geometry> {
  type: 'Feature';
  id: string;
  geometry: G;
  properties: P;
}

/** A feature at a point: `[lng, lat]`, the order GeoJSON counts in. */
export function pointFeature<P>(
  id: string,
  lng: number,
  lat: number,
  properties: P,
): Feature<P, { type: 'Point'; coordinates: [number, number] }> {
  return { type: 'Feature', id, geometry: { type: 'Point', coordinates: [lng, lat] }, properties };
}

/** A feature of any geometry (a district's area). */
export function feature<P, G extends Geometry>(id: string, geometry: G, properties: P): Feature<P, G> {
  return { type: 'Feature', id, geometry, properties };
}

/** The collection; `truncated` when a layer holds at most so many and more matched. */
export function featureCollection<F>(features: F[], truncated?: boolean) {
  return {
    type: 'FeatureCollection' as const,
    features,
    ...(truncated === undefined ? {} : { truncated }),
  };
}

/** The media type of GeoJSON (RFC 7946, section 12). */
export const geoJsonType = 'application/geo+json; charset=utf-8';

/**
 * Sends a collection: as `application/geo+json`, serialised by the route's response schema when it
 * has one (so no undeclared property leaves the server), and as a download when `download` names a
 * file. No cache header: the map pages read the same layers and must show a change at once.
 */
export function sendGeoJson(
  reply: FastifyReply,
  collection: ReturnType<typeof featureCollection>,
  o: { download?: string } = {},
) {
  reply.type(geoJsonType);
  if (o.download) reply.header('content-disposition', `attachment; filename="${o.download}"`);
  return reply.send(collection);
}

/** `[longitude, latitude]` */
export const PointGeometry = Type.Object({
  type: Type.Literal('Point'),
  coordinates: Type.Array(Type.Number(), { minItems: 2, maxItems: 2 }),
});

/** The response schema of a layer of points with these properties; `truncated`: more matched than it holds. */
export function PointCollection<P extends TSchema>(properties: P) {
  return Type.Object({
    type: Type.Literal('FeatureCollection'),
    features: Type.Array(
      Type.Object({
        type: Type.Literal('Feature'),
        id: Type.String(),
        geometry: PointGeometry,
        properties,
      }),
    ),
    truncated: Type.Boolean(),
  });
}

/** What a GET of a layer declares: it answers GeoJSON. */
export const producesGeoJson = ['application/geo+json'];
