import { Type } from '@fastify/type-provider-typebox';

export const DistrictView = Type.Object({
  id: Type.String(),
  slug: Type.String(),
  name: Type.String(),
  centerLat: Type.Union([Type.Number(), Type.Null()]),
  centerLng: Type.Union([Type.Number(), Type.Null()]),
  hasBoundary: Type.Boolean(),
});

export const DistrictList = Type.Object({ items: Type.Array(DistrictView) });

/** GeoJSON as RFC 7946 defines it; the geometry is stored as uploaded (validated, altitude dropped). */
export const DistrictFeatureCollection = Type.Object({
  type: Type.Literal('FeatureCollection'),
  features: Type.Array(
    Type.Object({
      type: Type.Literal('Feature'),
      id: Type.String(),
      properties: Type.Object({ id: Type.String(), slug: Type.String(), name: Type.String() }),
      geometry: Type.Object({
        type: Type.Union([Type.Literal('Polygon'), Type.Literal('MultiPolygon')]),
        coordinates: Type.Array(Type.Unknown()),
      }),
    }),
  ),
});

/** The collection itself is checked in code (geojson.ts) so a bad file gets one clear 422. */
export const DistrictImport = Type.Object(
  {
    geojson: Type.Unknown(),
    nameProperty: Type.Optional(Type.String({ minLength: 1, maxLength: 100, default: 'name' })),
  },
  { additionalProperties: false },
);

export const DistrictImportResult = Type.Object({ created: Type.Integer(), updated: Type.Integer() });
