import { Type } from '@fastify/type-provider-typebox';
import { sectors } from '../../../../../db/schema.ts';
import { literals, Timestamp } from '../../../../../http/schemas.ts';
import { periods, viewAreas } from '../../snapshot.ts';

/** The schemas of the network page's routes: what a coordinator sees of a snapshot (organisations and communities only). */

export const PeriodSchema = literals(periods);
export const ViewAreaSchema = literals(viewAreas);

export const ViewQuery = Type.Object(
  { period: Type.Optional(PeriodSchema), area: Type.Optional(ViewAreaSchema) },
  { additionalProperties: false },
);

export const CsvQuery = Type.Object(
  {
    period: Type.Optional(PeriodSchema),
    area: Type.Optional(ViewAreaSchema),
    table: Type.Optional(literals(['nodes', 'ties'] as const)),
  },
  { additionalProperties: false },
);

const Num = Type.Union([Type.Number(), Type.Null()]);
const CellSchema = Type.Object({ value: Num, suppressed: Type.Boolean() });
const EiSchema = Type.Object({
  ei: Num,
  expected: Num,
  rescaled: Num,
  p: Num,
  internal: Type.Number(),
  external: Type.Number(),
});
const graphFigures = {
  nodes: Type.Integer(),
  ties: Type.Integer(),
  eiSector: EiSchema,
  eiDistrict: EiSchema,
  crossSectorShare: Num,
  crossDistrictShare: Num,
  assortativitySector: Num,
  assortativityDistrict: Num,
  modularity: Num,
  communities: Type.Integer(),
  cutVertices: Type.Integer(),
  bridges: Type.Integer(),
};
const PeopleSchema = Type.Object({
  tookPart: CellSchema,
  crossSector: CellSchema,
  notCrossSector: CellSchema,
  crossDistrict: CellSchema,
  notCrossDistrict: CellSchema,
  crossSectorShare: Num,
  crossDistrictShare: Num,
});
const InteractionsSchema = Type.Object({
  total: CellSchema,
  online: CellSchema,
  offline: CellSchema,
  onlineShare: Num,
});
const GroupEiSchema = Type.Object({
  group: Type.String(),
  ei: Num,
  internal: Type.Number(),
  external: Type.Number(),
});

export const FiguresSchema = Type.Object({
  ...graphFigures,
  people: PeopleSchema,
  interactions: InteractionsSchema,
  circleInteractions: Num,
  betweenness: Type.Object({ exact: Type.Boolean(), samples: Num, error: Num }),
  eiBySector: Type.Array(GroupEiSchema),
  eiByDistrict: Type.Array(GroupEiSchema),
});

export const MonthSchema = Type.Object({
  month: Type.String(),
  ...graphFigures,
  people: PeopleSchema,
  interactions: InteractionsSchema,
});

export const NodeSchema = Type.Object({
  id: Type.String(),
  type: literals(['organisation', 'community'] as const),
  name: Type.String(),
  slug: Type.String(),
  sector: Type.Union([literals(sectors), Type.Null()]),
  districtId: Type.Union([Type.String(), Type.Null()]),
  degree: Type.Integer(),
  strength: Type.Number(),
  betweenness: Type.Number(),
  constraint: Num,
  effectiveSize: Type.Number(),
  brokerage: Type.Object({
    coordinator: Type.Number(),
    itinerant: Type.Number(),
    gatekeeper: Type.Number(),
    representative: Type.Number(),
    liaison: Type.Number(),
  }),
  cutVertex: Type.Boolean(),
  community: Type.Integer(),
});

export const NetworkView = Type.Object({
  period: PeriodSchema,
  area: ViewAreaSchema,
  /** null before the first snapshot */
  snapshot: Type.Union([
    Type.Object({
      computedAt: Timestamp,
      /** first month counted and first month not counted, 'YYYY-MM-01' */
      from: Type.String(),
      until: Type.String(),
    }),
    Type.Null(),
  ]),
  /** a "compute now" is waiting or running */
  pending: Type.Boolean(),
  figures: Type.Union([FiguresSchema, Type.Null()]),
  nodes: Type.Array(NodeSchema),
  trend: Type.Array(MonthSchema),
  districts: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
});

export const NetworkTies = Type.Object({
  /** how many ties the view has */
  total: Type.Integer(),
  /** [a, b, weight, bridge]: a and b index the view's `nodes`; the backbone the picture draws */
  ties: Type.Array(Type.Array(Type.Number())),
});

export const SnapshotRequested = Type.Object({ pending: Type.Boolean() });
