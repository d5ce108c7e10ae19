import { Type } from '@fastify/type-provider-typebox';
import { hoursStatuses, ladderLevels } from '../../../../db/schema.ts';
import { literals, PageQuery, Uuid } from '../../../../http/schemas.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(s: T) => Type.Union([s, Type.Null()]);
const Status = literals(hoursStatuses);
const Level = literals(ladderLevels);

export const HoursView = Type.Object({
  id: Type.String(),
  volunteer: Type.Object({ id: Type.String(), name: Type.String() }),
  organisation: Type.Object({ id: Type.String(), name: Type.String() }),
  opportunityId: Nullable(Type.String()),
  shiftId: Nullable(Type.String()),
  level: Nullable(Level),
  activity: Type.String(),
  date: Type.String({ format: 'date' }),
  minutes: Type.Integer(),
  source: Type.Union([Type.Literal('check_in'), Type.Literal('logged')]),
  status: Status,
  decidedAt: Nullable(Type.String({ format: 'date-time' })),
  decisionNote: Type.String(),
  /** time credits paid for this entry */
  creditMinutes: Nullable(Type.Integer()),
  abilities: Type.Object({ decide: Type.Boolean() }),
});

export const HoursPage = Type.Object({
  items: Type.Array(HoursView),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
});

export const HoursListQuery = Type.Object(
  { status: Type.Optional(Status), ...PageQuery },
  { additionalProperties: false },
);

export const OrganisationParams = Type.Object({ organisationId: Uuid }, { additionalProperties: false });

export const HoursLog = Type.Object(
  {
    organisationId: Uuid,
    opportunityId: Type.Optional(Uuid),
    activity: Type.String({ minLength: 2, maxLength: 200 }),
    date: Type.String({ format: 'date' }),
    minutes: Type.Integer({ minimum: 1, maximum: 1440 }),
  },
  { additionalProperties: false },
);

export const Decision = Type.Object(
  { note: Type.Optional(Type.String({ maxLength: 1000 })) },
  { additionalProperties: false },
);

export const CertificateView = Type.Object({
  person: Type.Object({ id: Type.String(), name: Type.String() }),
  network: Type.String(),
  issuedOn: Type.String({ format: 'date' }),
  totalMinutes: Type.Integer(),
  organisations: Type.Array(
    Type.Object({ id: Type.String(), name: Type.String(), minutes: Type.Integer(), entries: Type.Integer() }),
  ),
  entries: Type.Array(
    Type.Object({
      id: Type.String(),
      date: Type.String({ format: 'date' }),
      activity: Type.String(),
      organisationId: Type.String(),
      organisationName: Type.String(),
      minutes: Type.Integer(),
      level: Nullable(Level),
    }),
  ),
});

export const Settings = Type.Object(
  { creditMinutesPerHour: Type.Integer({ minimum: 0, maximum: 240 }) },
  { additionalProperties: false },
);
