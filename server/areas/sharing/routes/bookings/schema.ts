import { Type } from '@fastify/type-provider-typebox';
import { bookingStatuses } from '../../../../db/schema.ts';
import { literals, PageQuery, Timestamp, Uuid } from '../../../../http/schemas.ts';
import { Kind } from '../resources/schema.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(s: T) => Type.Union([s, Type.Null()]);
export const BookingStatusSchema = literals(bookingStatuses);

export const BookingView = Type.Object({
  id: Type.String(),
  resource: Type.Object({ id: Type.String(), title: Type.String(), kind: Kind }),
  requester: Type.Object({ id: Type.String(), name: Type.String() }),
  organisationId: Nullable(Type.String()),
  seriesId: Nullable(Type.String()),
  start: Type.String({ format: 'date-time' }),
  end: Type.String({ format: 'date-time' }),
  status: BookingStatusSchema,
  note: Type.String(),
  decisionNote: Type.String(),
  handoverNote: Type.String(),
  returnNote: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  abilities: Type.Object({
    approve: Type.Boolean(),
    decline: Type.Boolean(),
    handOver: Type.Boolean(),
    return: Type.Boolean(),
    cancel: Type.Boolean(),
  }),
});

export const BookingCreate = Type.Object(
  {
    resourceId: Uuid,
    start: Timestamp,
    end: Timestamp,
    note: Type.Optional(Type.String({ maxLength: 1000 })),
    organisationId: Type.Optional(Uuid),
    /** repeat every week at the same local time, up to and including this date */
    repeatWeeklyUntil: Type.Optional(Type.String({ format: 'date' })),
  },
  { additionalProperties: false },
);

export const BookingCreated = Type.Object({
  created: Type.Array(BookingView),
  /** occurrences that could not be booked, each with the reason */
  refused: Type.Array(
    Type.Object({
      start: Type.String({ format: 'date-time' }),
      end: Type.String({ format: 'date-time' }),
      status: Type.Integer(),
      code: Type.String(),
      message: Type.String(),
    }),
  ),
});

export const BookingStep = Type.Object(
  { note: Type.Optional(Type.String({ maxLength: 1000 })) },
  { additionalProperties: false },
);

export const BookingListQuery = Type.Object(
  {
    status: Type.Optional(BookingStatusSchema),
    from: Type.Optional(Timestamp),
    to: Type.Optional(Timestamp),
    ...PageQuery,
  },
  { additionalProperties: false },
);

export const FeedParams = Type.Object(
  { file: Type.String({ pattern: '^[A-Za-z0-9_-]{43}\\.ics$' }) },
  { additionalProperties: false },
);
