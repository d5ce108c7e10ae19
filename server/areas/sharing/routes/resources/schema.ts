import { Type } from '@fastify/type-provider-typebox';
import { resourceKinds } from '../../../../db/schema.ts';
import { literals, PageQuery, Timestamp, Uuid } from '../../../../http/schemas.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(s: T) => Type.Union([s, Type.Null()]);

export const Kind = literals(resourceKinds);
const WhoMayBorrow = Type.Union([Type.Literal('members'), Type.Literal('everyone')]);
const Lat = Type.Number({ minimum: -90, maximum: 90 });
const Lng = Type.Number({ minimum: -180, maximum: 180 });

export const PhotoView = Type.Object({
  id: Type.String(),
  alt: Type.String(),
  width: Type.Integer(),
  height: Type.Integer(),
  url: Type.String(),
  thumbUrl: Type.String(),
});

export const ResourceView = Type.Object({
  id: Type.String(),
  kind: Kind,
  owner: Type.Object({
    type: Type.Union([Type.Literal('organisation'), Type.Literal('person')]),
    id: Type.String(),
    name: Type.String(),
  }),
  title: Type.String(),
  description: Type.String(),
  districtId: Nullable(Type.String()),
  /** street, postcode and town as text; empty for others when a private person's place is approximate */
  address: Type.String(),
  /** rounded to about 300 m when `approximate`, except for the owner */
  lat: Nullable(Type.Number()),
  lng: Nullable(Type.Number()),
  approximate: Type.Boolean(),
  conditions: Type.Object({
    whoMayBorrow: WhoMayBorrow,
    depositCents: Type.Integer(),
    feeCents: Type.Integer(),
    free: Type.Boolean(),
    feeNote: Type.String(),
    rules: Type.String(),
  }),
  accessibility: Type.String(),
  capacity: Nullable(Type.Integer()),
  autoApprove: Type.Boolean(),
  bufferMinutes: Type.Integer(),
  active: Type.Boolean(),
  distanceKm: Type.Optional(Type.Number()),
  /** in the single-resource answer */
  photos: Type.Optional(Type.Array(PhotoView)),
  abilities: Type.Object({
    update: Type.Boolean(),
    delete: Type.Boolean(),
    manageAvailability: Type.Boolean(),
    manageFeed: Type.Boolean(),
    book: Type.Boolean(),
  }),
});

const editable = {
  kind: Kind,
  title: Type.String({ minLength: 2, maxLength: 120 }),
  description: Type.String({ maxLength: 5000 }),
  districtId: Nullable(Uuid),
  address: Type.String({ maxLength: 300 }),
  lat: Nullable(Lat),
  lng: Nullable(Lng),
  approximate: Type.Boolean(),
  whoMayBorrow: WhoMayBorrow,
  depositCents: Type.Integer({ minimum: 0, maximum: 10_000_000 }),
  feeCents: Type.Integer({ minimum: 0, maximum: 10_000_000 }),
  feeNote: Type.String({ maxLength: 300 }),
  rules: Type.String({ maxLength: 5000 }),
  accessibility: Type.String({ maxLength: 2000 }),
  capacity: Nullable(Type.Integer({ minimum: 1, maximum: 100_000 })),
  autoApprove: Type.Boolean(),
  bufferMinutes: Type.Integer({ minimum: 0, maximum: 1440 }),
  active: Type.Boolean(),
};

export const ResourceCreate = Type.Object(
  {
    /** owned by this organisation (staff/admins) — or, when absent, by the person creating it */
    organisationId: Type.Optional(Uuid),
    kind: editable.kind,
    title: editable.title,
    description: Type.Optional(editable.description),
    districtId: Type.Optional(editable.districtId),
    address: Type.Optional(editable.address),
    lat: Type.Optional(editable.lat),
    lng: Type.Optional(editable.lng),
    approximate: Type.Optional(editable.approximate),
    whoMayBorrow: Type.Optional(editable.whoMayBorrow),
    depositCents: Type.Optional(editable.depositCents),
    feeCents: Type.Optional(editable.feeCents),
    feeNote: Type.Optional(editable.feeNote),
    rules: Type.Optional(editable.rules),
    accessibility: Type.Optional(editable.accessibility),
    capacity: Type.Optional(editable.capacity),
    autoApprove: Type.Optional(editable.autoApprove),
    bufferMinutes: Type.Optional(editable.bufferMinutes),
  },
  { additionalProperties: false },
);

export const ResourceUpdate = Type.Partial(Type.Object(editable), {
  additionalProperties: false,
  minProperties: 1,
});

/** minLng,minLat,maxLng,maxLat (the order of GeoJSON and Leaflet's toBBoxString) */
const Bbox = Type.String({ pattern: '^-?[0-9.]+,-?[0-9.]+,-?[0-9.]+,-?[0-9.]+$', maxLength: 100 });

export const ResourceListQuery = Type.Object(
  {
    kind: Type.Optional(Kind),
    districtId: Type.Optional(Uuid),
    organisationId: Type.Optional(Uuid),
    personId: Type.Optional(Uuid),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    lat: Type.Optional(Lat),
    lng: Type.Optional(Lng),
    radiusKm: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 200 })),
    bbox: Type.Optional(Bbox),
    freeFrom: Type.Optional(Timestamp),
    freeTo: Type.Optional(Timestamp),
    ...PageQuery,
  },
  { additionalProperties: false },
);

export const ResourceClusterQuery = Type.Object(
  {
    ...Type.Omit(ResourceListQuery, ['bbox', 'limit', 'offset']).properties,
    /** minLng,minLat,maxLng,maxLat of the map's view */
    bbox: Bbox,
    zoom: Type.Integer({ minimum: 0, maximum: 20 }),
  },
  { additionalProperties: false },
);

export const ResourceClusters = Type.Object({
  cells: Type.Array(
    Type.Object({
      lat: Type.Number(),
      lng: Type.Number(),
      count: Type.Integer(),
      /** the one resource of a cell that holds exactly one */
      resource: Type.Union([
        Type.Object({ id: Uuid, title: Type.String(), kind: Kind, approximate: Type.Boolean() }),
        Type.Null(),
      ]),
    }),
  ),
  /** resources in the cells shown (when capped, more lie in the view) */
  total: Type.Integer(),
  /** true when the view held more cells than one answer carries (zoom in) */
  capped: Type.Boolean(),
});

export const Time = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$' });
export const AvailabilityRule = Type.Object(
  { weekday: Type.Integer({ minimum: 1, maximum: 7 }), start: Time, end: Time },
  { additionalProperties: false },
);
export const AvailabilityUpdate = Type.Object(
  { rules: Type.Array(AvailabilityRule, { maxItems: 50 }) },
  { additionalProperties: false },
);
export const BlockedPeriodCreate = Type.Object(
  { start: Timestamp, end: Timestamp, reason: Type.Optional(Type.String({ maxLength: 300 })) },
  { additionalProperties: false },
);
export const AvailabilityView = Type.Object({
  timeZone: Type.String(),
  rules: Type.Array(
    Type.Object({ id: Type.String(), weekday: Type.Integer(), start: Type.String(), end: Type.String() }),
  ),
  blocked: Type.Array(
    Type.Object({ id: Type.String(), start: Type.String(), end: Type.String(), reason: Type.String() }),
  ),
});
export const BusyQuery = Type.Object({ from: Timestamp, to: Timestamp }, { additionalProperties: false });
export const BusyView = Type.Object({
  items: Type.Array(Type.Object({ start: Type.String(), end: Type.String() })),
});
export const FreeSlotQuery = Type.Object(
  {
    /** how long the slot should be (default two hours) */
    minutes: Type.Optional(Type.Integer({ minimum: 15, maximum: 1440 })),
    /** not before this instant (default: now) */
    from: Type.Optional(Timestamp),
  },
  { additionalProperties: false },
);
export const FreeSlotView = Type.Object({
  /** the first free slot, or null when nothing is free before `searchedUntil` */
  slot: Type.Union([Type.Object({ start: Type.String(), end: Type.String() }), Type.Null()]),
  searchedUntil: Type.String(),
  weeks: Type.Integer(),
});
export const FeedView = Type.Object({ url: Type.String() });
export const UtilisationQuery = Type.Object(
  { from: Timestamp, to: Timestamp, organisationId: Type.Optional(Uuid) },
  { additionalProperties: false },
);
export const UtilisationView = Type.Object({
  items: Type.Array(
    Type.Object({
      resourceId: Type.String(),
      title: Type.String(),
      kind: Kind,
      bookedHours: Type.Number(),
      availableHours: Type.Number(),
      /** booked / available, 0..1 */
      utilisation: Type.Number(),
      idle: Type.Boolean(),
    }),
  ),
  bookedHours: Type.Number(),
  availableHours: Type.Number(),
});
export const BlockedParams = Type.Object({ id: Uuid, blockId: Uuid }, { additionalProperties: false });
