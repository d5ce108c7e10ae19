import { Type } from '@fastify/type-provider-typebox';
import { tileUrlPattern } from '../../../platform/tiles.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(s: T) => Type.Union([s, Type.Null()]);

/** A slippy-map tile URL template; {s} (subdomain) and {r} (retina) are optional; https only. */
export const TileUrl = Type.String({ maxLength: 500, pattern: tileUrlPattern });
const LatLng = Type.Tuple([
  Type.Number({ minimum: -90, maximum: 90 }),
  Type.Number({ minimum: -180, maximum: 180 }),
]);
const Zoom = Type.Integer({ minimum: 0, maximum: 22 });
/** Where the background map comes from: the instance's default, the admin's own server, or none. */
const TileSource = Type.Union([Type.Literal('default'), Type.Literal('custom'), Type.Literal('none')]);

export const NetworkView = Type.Object({
  name: Type.String(),
  slug: Type.String(),
  settings: Type.Object({
    /** the tiles every map loads; null: no background map (districts and markers on a plain ground) */
    tileUrl: Nullable(Type.String()),
    /** HTML of text and links only (checked when set) */
    tileAttribution: Nullable(Type.String()),
    tiles: TileSource,
    /** what "default" means on this instance (MAP_TILE_URL), for the admin's form */
    defaultTileUrl: Nullable(Type.String()),
    mapCenter: Nullable(LatLng),
    mapZoom: Nullable(Type.Integer()),
  }),
});

export const NetworkUpdate = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
    /** choosing 'custom' needs a tile URL (sent now or kept from before) */
    tiles: Type.Optional(TileSource),
    /** the admin's own tile server; sending one (without `tiles`) chooses it, null forgets it */
    tileUrl: Type.Optional(Nullable(TileUrl)),
    tileAttribution: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    mapCenter: Type.Optional(Nullable(LatLng)),
    mapZoom: Type.Optional(Nullable(Zoom)),
  },
  { additionalProperties: false, minProperties: 1 },
);
