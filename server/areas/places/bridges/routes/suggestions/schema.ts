import { Type } from '@fastify/type-provider-typebox';
import {
  bridgeNeedTypes,
  bridgeOfferTypes,
  bridgeOutcomes,
  bridgeStatuses,
  bridgeThemes,
  sectors,
} from '../../../../../db/schema.ts';
import { literals, PageQuery, Timestamp } from '../../../../../http/schemas.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(s: T) => Type.Union([s, Type.Null()]);
const SideName = Type.Union([Type.Literal('a'), Type.Literal('b')]);

/** One side of a suggestion: an organisation or a community, never a person. */
export const BridgeSide = Type.Object({
  side: SideName,
  type: Type.Union([Type.Literal('organisation'), Type.Literal('community')]),
  id: Type.String(),
  name: Type.String(),
  slug: Type.String(),
  /** an organisation's sector, or 'community' */
  sector: Type.Union([literals(sectors), Type.Literal('community')]),
  district: Nullable(Type.String()),
  /** the person asking speaks for this side */
  mine: Type.Boolean(),
  /** this side said yes */
  accepted: Type.Boolean(),
});

export const BridgeView = Type.Object({
  id: Type.String(),
  status: literals(bridgeStatuses),
  sides: Type.Array(BridgeSide),
  /** why: which thing of which side fits which thing of the other, and why the two are far apart */
  reason: Type.Object({
    theme: literals(bridgeThemes),
    giver: SideName,
    offer: Type.Object({
      type: literals(bridgeOfferTypes),
      id: Type.String(),
      title: Type.String(),
      /** nobody booked it lately: only for the giver's side and the coordinator, null for others */
      idle: Nullable(Type.Boolean()),
    }),
    need: Type.Object({ type: literals(bridgeNeedTypes), id: Type.String(), title: Type.String() }),
    differentSector: Type.Boolean(),
    differentDistrict: Type.Boolean(),
    /** the shortest path between the two (3 or more); null: not joined at all */
    steps: Nullable(Type.Integer()),
  }),
  /** set aside: by which side (or the coordinator), until when, and why — the why only for that side */
  notNow: Nullable(
    Type.Object({
      by: Type.Union([SideName, Type.Literal('coordinator')]),
      until: Timestamp,
      reason: Nullable(Type.String()),
    }),
  ),
  introduced: Nullable(
    Type.Object({ at: Timestamp, via: Type.Union([Type.Literal('both'), Type.Literal('coordinator')]) }),
  ),
  /** after an introduction, for the two sides only: when it is looked at, whether they were asked, what came of it */
  followUp: Nullable(
    Type.Object({
      dueAt: Timestamp,
      askedAt: Nullable(Timestamp),
      /** my side's answer to "did you meet?" */
      answer: Nullable(Type.Boolean()),
      outcome: Nullable(literals(bridgeOutcomes)),
    }),
  ),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  abilities: Type.Object({
    accept: Type.Boolean(),
    setAside: Type.Boolean(),
    introduce: Type.Boolean(),
    answer: Type.Boolean(),
  }),
});

export const BridgeListQuery = Type.Object(
  {
    /** 'mine': those concerning the organisations and communities I speak for; 'all': the coordinator's list */
    scope: Type.Optional(Type.Union([Type.Literal('mine'), Type.Literal('all')])),
    status: Type.Optional(literals(bridgeStatuses)),
    ...PageQuery,
  },
  { additionalProperties: false },
);

export const BridgeList = Type.Object({
  items: Type.Array(BridgeView),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
  scope: Type.Union([Type.Literal('mine'), Type.Literal('all')]),
});

export const NotNowBody = Type.Object(
  {
    /** why not now, in one's own words (optional; read only by one's own side and the coordinator) */
    reason: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

export const FollowUpBody = Type.Object({ met: Type.Boolean() }, { additionalProperties: false });

const Cell = {
  introduced: Nullable(Type.Integer()),
  hits: Nullable(Type.Integer()),
  waiting: Nullable(Type.Integer()),
  /** hits / introductions, 0..1 */
  rate: Nullable(Type.Number()),
  /** it rests on fewer than five people: no figure is shown */
  suppressed: Type.Boolean(),
};

export const HitRate = Type.Object({
  /** the last twelve months, oldest first (YYYY-MM, local) */
  months: Type.Array(Type.Object({ month: Type.String(), ...Cell })),
  total: Type.Object(Cell),
  minPeople: Type.Integer(),
});
