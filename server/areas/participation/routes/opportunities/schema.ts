import { Type } from '@fastify/type-provider-typebox';
import {
  ladderLevels,
  opportunityModes,
  opportunityStatuses,
  signupStatuses,
} from '../../../../db/schema.ts';
import { PointCollection } from '../../../../http/geojson.ts';
import { literals, PageQuery, Uuid } from '../../../../http/schemas.ts';
import { timesOfDay } from '../../repositories/opportunities.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(s: T) => Type.Union([s, Type.Null()]);
export const Level = literals(ladderLevels);
const Mode = literals(opportunityModes);
const Status = literals(opportunityStatuses);
const TimeOfDay = literals(timesOfDay);
const Tag = Type.String({ minLength: 1, maxLength: 60 });
const Language = Type.String({ pattern: '^[a-z]{2,3}$' });
const LocalDate = Type.String({ format: 'date' });

export const OpportunityView = Type.Object({
  id: Type.String(),
  level: Level,
  title: Type.String(),
  description: Type.String(),
  mode: Mode,
  districtId: Nullable(Type.String()),
  place: Type.String(),
  lat: Nullable(Type.Number()),
  lng: Nullable(Type.Number()),
  skills: Type.Array(Type.String()),
  languages: Type.Array(Type.String()),
  accessibility: Type.String(),
  minAge: Nullable(Type.Integer()),
  needsPoliceClearance: Type.Boolean(),
  effortMinutes: Nullable(Type.Integer()),
  status: Status,
  /** who runs it: the lead and the partners that accepted ("run jointly by") */
  organisations: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), isLead: Type.Boolean() })),
  /**
   * organisations invited to run it that have not answered: the whole list for its coordinators, the
   * asker's own organisations for an invited one, empty for everyone else
   */
  invitedOrganisations: Type.Array(
    Type.Object({ id: Type.String(), name: Type.String(), invitedAt: Type.String({ format: 'date-time' }) }),
  ),
  nextShiftAt: Nullable(Type.String({ format: 'date-time' })),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  abilities: Type.Object({
    update: Type.Boolean(),
    close: Type.Boolean(),
    manageShifts: Type.Boolean(),
    /** invite partners, withdraw invitations, remove partners (the lead's coordinators) */
    managePartners: Type.Boolean(),
  }),
});

const fields = {
  level: Level,
  title: Type.String({ minLength: 3, maxLength: 120 }),
  description: Type.String({ maxLength: 5000 }),
  mode: Mode,
  districtId: Nullable(Uuid),
  place: Type.String({ maxLength: 200 }),
  lat: Nullable(Type.Number({ minimum: -90, maximum: 90 })),
  lng: Nullable(Type.Number({ minimum: -180, maximum: 180 })),
  skills: Type.Array(Tag, { maxItems: 20, uniqueItems: true }),
  languages: Type.Array(Language, { maxItems: 20, uniqueItems: true }),
  accessibility: Type.String({ maxLength: 2000 }),
  minAge: Nullable(Type.Integer({ minimum: 0, maximum: 99 })),
  needsPoliceClearance: Type.Boolean(),
  /** expected effort per time in minutes; a mini task takes at most 120 */
  effortMinutes: Nullable(Type.Integer({ minimum: 1, maximum: 1440 })),
  /**
   * the lead first (it issues the hours and stays; on a change it must stay first), then the partners:
   * organisations not yet named are invited and run it only once one of their coordinators accepts
   */
  organisationIds: Type.Array(Uuid, { minItems: 1, maxItems: 10, uniqueItems: true }),
  status: Status,
};

export const OpportunityCreate = Type.Object(
  {
    level: fields.level,
    title: fields.title,
    mode: fields.mode,
    organisationIds: fields.organisationIds,
    description: Type.Optional(fields.description),
    districtId: Type.Optional(fields.districtId),
    place: Type.Optional(fields.place),
    lat: Type.Optional(fields.lat),
    lng: Type.Optional(fields.lng),
    skills: Type.Optional(fields.skills),
    languages: Type.Optional(fields.languages),
    accessibility: Type.Optional(fields.accessibility),
    minAge: Type.Optional(fields.minAge),
    needsPoliceClearance: Type.Optional(fields.needsPoliceClearance),
    effortMinutes: Type.Optional(fields.effortMinutes),
    status: Type.Optional(fields.status),
  },
  { additionalProperties: false },
);

export const OpportunityUpdate = Type.Partial(Type.Object(fields), {
  additionalProperties: false,
  minProperties: 1,
});

const filters = {
  level: Type.Optional(Level),
  from: Type.Optional(LocalDate),
  to: Type.Optional(LocalDate),
  timeOfDay: Type.Optional(TimeOfDay),
  online: Type.Optional(Type.Boolean()),
  districtId: Type.Optional(Uuid),
  skill: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
  language: Type.Optional(Language),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
};

export const OpportunityListQuery = Type.Object(
  {
    ...filters,
    /** one organisation's opportunities; its coordinators also see drafts and closed ones */
    organisationId: Type.Optional(Uuid),
    ...PageQuery,
  },
  { additionalProperties: false },
);

export const PartnerParams = Type.Object({ id: Uuid, organisationId: Uuid }, { additionalProperties: false });

export const PartnerInvitationQuery = Type.Object(
  {
    /** one of the organisations I act for; without it all of them */
    organisationId: Type.Optional(Uuid),
    ...PageQuery,
  },
  { additionalProperties: false },
);

export const PartnerInvitationView = Type.Object({
  opportunity: Type.Object({
    id: Type.String(),
    title: Type.String(),
    description: Type.String(),
    level: Level,
    mode: Mode,
    status: Status,
  }),
  /** the invited organisation (one the asker acts for) */
  organisation: Type.Object({ id: Type.String(), name: Type.String() }),
  /** the organisation that leads the opportunity and invited it */
  lead: Type.Object({ id: Type.String(), name: Type.String() }),
  invitedAt: Type.String({ format: 'date-time' }),
});

export const MapQuery = Type.Object(
  {
    south: Type.Number({ minimum: -90, maximum: 90 }),
    west: Type.Number({ minimum: -180, maximum: 180 }),
    north: Type.Number({ minimum: -90, maximum: 90 }),
    east: Type.Number({ minimum: -180, maximum: 180 }),
    ...filters,
  },
  { additionalProperties: false },
);

/** The map layer's filters: the list's, without paging. */
export const GeoJsonQuery = Type.Object(filters, { additionalProperties: false });

/**
 * Published opportunities with a place as GeoJSON: `id`, `title`, `level`, `mode`, `place` (as
 * written), `district` (its name), `organisations` (who runs it), `nextShiftAt` and `url`. Drafts and
 * closed ones are never in it; no person is named.
 */
export const OpportunityFeatures = PointCollection(
  Type.Object({
    id: Type.String(),
    title: Type.String(),
    level: Level,
    mode: Mode,
    place: Type.String(),
    district: Nullable(Type.String()),
    organisations: Type.Array(Type.String()),
    nextShiftAt: Nullable(Type.String({ format: 'date-time' })),
    url: Type.String(),
  }),
);

export const MapView = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      title: Type.String(),
      level: Level,
      mode: Mode,
      lat: Type.Number(),
      lng: Type.Number(),
      nextShiftAt: Nullable(Type.String({ format: 'date-time' })),
    }),
  ),
  truncated: Type.Boolean(),
});

export const SuggestionView = Type.Object({
  opportunity: OpportunityView,
  score: Type.Number(),
  /** why it was suggested: skill, interest, district, availability, language */
  reasons: Type.Array(Type.String()),
});

export const SuggestionsQuery = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10 })) },
  { additionalProperties: false },
);

export const NextStepView = Type.Object({
  /** the highest ladder level with confirmed hours, or null */
  currentLevel: Nullable(Level),
  /** one rung up (mini when nothing is confirmed yet); null at the top of the ladder */
  nextLevel: Nullable(Level),
  suggestions: Type.Array(SuggestionView),
});

export const StatsQuery = Type.Object(
  {
    /** one organisation's opportunities (its coordinators); without it the whole network (instance admins) */
    organisationId: Type.Optional(Uuid),
    from: LocalDate,
    to: LocalDate,
  },
  { additionalProperties: false },
);

export const StatsView = Type.Object({
  items: Type.Array(
    Type.Object({
      month: Type.String(),
      level: Level,
      /** places taken on shifts; null when suppressed */
      signups: Nullable(Type.Integer()),
      /** distinct people with a place or with confirmed time; null when suppressed */
      volunteers: Nullable(Type.Integer()),
      /** null when suppressed */
      confirmedMinutes: Nullable(Type.Integer()),
      /** fewer than 5 people (platform/smallCells.ts): the cell shows that it is small, and no figure */
      suppressed: Type.Boolean(),
    }),
  ),
  /** the fewest volunteers a cell must have to show its figures */
  minPeoplePerCell: Type.Integer(),
});

export const ShiftView = Type.Object({
  id: Type.String(),
  opportunityId: Type.String(),
  startsAt: Type.String({ format: 'date-time' }),
  endsAt: Type.String({ format: 'date-time' }),
  capacity: Type.Integer(),
  signedUp: Type.Integer(),
  freePlaces: Type.Integer(),
  waitlisted: Type.Integer(),
  waitlistEnabled: Type.Boolean(),
  note: Type.String(),
  /** the asking person's own sign-up on this shift, if any */
  mySignup: Nullable(
    Type.Object({
      id: Type.String(),
      status: literals(signupStatuses),
      waitlistPosition: Nullable(Type.Integer()),
    }),
  ),
});

export const ShiftCreate = Type.Object(
  {
    startsAt: Type.String({ format: 'date-time' }),
    endsAt: Type.String({ format: 'date-time' }),
    capacity: Type.Integer({ minimum: 1, maximum: 1000 }),
    waitlistEnabled: Type.Optional(Type.Boolean()),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);

export const ShiftListQuery = Type.Object(
  { past: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
