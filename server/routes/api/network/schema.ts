import { Type } from '@fastify/type-provider-typebox';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(s: T) => Type.Union([s, Type.Null()]);

/** A slippy-map tile URL template; {s} (subdomain) and {r} (retina) are optional. */
/** https only: the page's Content-Security-Policy allows images from https: (and browsers block mixed content). */
export const TileUrl = Type.String({
  maxLength: 500,
  pattern: '^(?=.*\\{z\\})(?=.*\\{x\\})(?=.*\\{y\\})https://[^\\s"<>]+$',
});
const LatLng = Type.Tuple([
  Type.Number({ minimum: -90, maximum: 90 }),
  Type.Number({ minimum: -180, maximum: 180 }),
]);
const Zoom = Type.Integer({ minimum: 0, maximum: 22 });

export const NetworkView = Type.Object({
  name: Type.String(),
  slug: Type.String(),
  settings: Type.Object({
    tileUrl: Nullable(Type.String()),
    tileAttribution: Nullable(Type.String()),
    mapCenter: Nullable(LatLng),
    mapZoom: Nullable(Type.Integer()),
  }),
});

export const NetworkUpdate = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
    tileUrl: Type.Optional(Nullable(TileUrl)),
    tileAttribution: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    mapCenter: Type.Optional(Nullable(LatLng)),
    mapZoom: Type.Optional(Nullable(Zoom)),
  },
  { additionalProperties: false, minProperties: 1 },
);
