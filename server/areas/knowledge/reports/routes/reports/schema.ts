import { Type } from '@fastify/type-provider-typebox';
import { mapReportCategories, mapReportKinds, mapReportStatuses } from '../../../../../db/schema.ts';
import { PointCollection } from '../../../../../http/geojson.ts';
import { CappedPage, literals, PageQuery, Timestamp, Uuid } from '../../../../../http/schemas.ts';
import { FreshnessView } from '../../../freshness/state.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(s: T) => Type.Union([s, Type.Null()]);

export const Kind = literals(mapReportKinds);
export const Category = literals(mapReportCategories);
export const Status = literals(mapReportStatuses);

/** west,south,east,north in degrees, as Leaflet's toBBoxString() writes it */
const BboxParam = Type.String({
  pattern: '^-?\\d+(\\.\\d+)?,-?\\d+(\\.\\d+)?,-?\\d+(\\.\\d+)?,-?\\d+(\\.\\d+)?$',
  maxLength: 100,
  description: 'west,south,east,north in degrees (WGS 84)',
});

const Filters = {
  kind: Type.Optional(Kind),
  category: Type.Optional(Category),
  status: Type.Optional(Status),
  districtId: Type.Optional(Uuid),
  /** words of the title, text or address */
  q: Type.Optional(Type.String({ maxLength: 100 })),
  bbox: Type.Optional(BboxParam),
};

export const ListQuery = Type.Object({ ...Filters, ...PageQuery }, { additionalProperties: false });
export const GeoJsonQuery = Type.Object(
  {
    ...Filters,
    /** the most features to answer (the map of a phone asks for fewer); the most supported come first */
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 2000 })),
  },
  { additionalProperties: false },
);

export const NearbyQuery = Type.Object(
  {
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    lng: Type.Number({ minimum: -180, maximum: 180 }),
    kind: Type.Optional(Kind),
  },
  { additionalProperties: false },
);

export const ReportSave = Type.Object(
  {
    kind: Kind,
    category: Category,
    title: Type.String({ minLength: 3, maxLength: 160 }),
    /** Markdown */
    body: Type.Optional(Type.String({ maxLength: 5000 })),
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    lng: Type.Number({ minimum: -180, maximum: 180 }),
    address: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  },
  { additionalProperties: false },
);

export const StatusChange = Type.Object(
  {
    status: Status,
    /** why: the author and everyone following read it */
    reason: Type.String({ maxLength: 1000 }),
  },
  { additionalProperties: false },
);

const Person = Type.Object({ id: Type.String(), name: Type.String() });

export const ReportItem = Type.Object({
  id: Type.String(),
  kind: Kind,
  category: Category,
  title: Type.String(),
  /** the text's first words, without markup */
  excerpt: Type.String(),
  lat: Type.Number(),
  lng: Type.Number(),
  address: Nullable(Type.String()),
  district: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  status: Status,
  supportCount: Type.Integer(),
  /** whether the person asking said "me too" */
  supported: Type.Boolean(),
  following: Type.Boolean(),
  /** who filed it: shown to people signed in */
  author: Nullable(Person),
  photo: Nullable(Type.Object({ alt: Type.String(), thumbUrl: Type.String() })),
  freshness: FreshnessView,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

/** A page of the list: its total counted up to a cap (listReports' countCap), then `moreThanCounted`. */
export const ReportPage = CappedPage(ReportItem);

export const NearbyItem = Type.Object({ ...ReportItem.properties, distance: Type.Integer() });

export const HistoryEntry = Type.Object({
  id: Type.String(),
  from: Status,
  to: Status,
  reason: Type.String(),
  by: Nullable(Type.String()),
  organisation: Nullable(Type.String()),
  at: Timestamp,
});

export const PhotoView = Type.Object({
  id: Type.String(),
  alt: Type.String(),
  width: Type.Integer(),
  height: Type.Integer(),
  url: Type.String(),
  thumbUrl: Type.String(),
});

export const ReportView = Type.Object({
  ...ReportItem.properties,
  body: Type.String(),
  /** the text as HTML, rendered and sanitised by the server */
  bodyHtml: Type.String(),
  photo: Nullable(PhotoView),
  history: Type.Array(HistoryEntry),
  /** the first who said "me too" (for people signed in) */
  supporters: Type.Array(Person),
  abilities: Type.Object({
    edit: Type.Boolean(),
    withdraw: Type.Boolean(),
    support: Type.Boolean(),
    changeStatus: Type.Boolean(),
  }),
});

export const SupportView = Type.Object({ supportCount: Type.Integer(), supported: Type.Boolean() });

/**
 * The properties of each GeoJSON feature (documented for reuse): `id`, `kind` (defect, suggestion,
 * good_place, missing_offer), `category`, `title`, `status` (new, confirmed, forwarded, in_progress,
 * done, rejected), `supportCount` ("me too"), `address`, `district` (its name), `createdAt`,
 * `updatedAt` (ISO 8601) and `url` (the report's page on this site). No person is named.
 */
export const FeatureProperties = Type.Object({
  id: Type.String(),
  kind: Kind,
  category: Category,
  title: Type.String(),
  status: Status,
  supportCount: Type.Integer(),
  address: Nullable(Type.String()),
  district: Nullable(Type.String()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  url: Type.String(),
});

/** more reports matched than the answer holds (the most supported come first): `truncated` */
export const FeatureCollection = PointCollection(FeatureProperties);

export const PhotoParams = Type.Object({ id: Uuid, photoId: Uuid }, { additionalProperties: false });
export const PhotoQuery = Type.Object(
  { size: Type.Optional(Type.Union([Type.Literal('full'), Type.Literal('thumb')])) },
  { additionalProperties: false },
);
