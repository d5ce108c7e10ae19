import { Type } from '@fastify/type-provider-typebox';
import {
  bookingStatuses,
  codesignCommitmentKinds,
  codesignCommitmentStatuses,
  codesignMeasureTypes,
  opportunityStatuses,
  resourceKinds,
  transferStatuses,
} from '../../../../db/schema.ts';
import { literals, PageQuery, Timestamp, Uuid } from '../../../../http/schemas.ts';

const Day = Type.String({ format: 'date' });
const Title = Type.String({ minLength: 1, maxLength: 160 });
const Owner = Type.Object(
  { type: literals(['person', 'organisation'] as const), id: Uuid },
  { additionalProperties: false },
);

const fields = {
  title: Title,
  measure: Type.Optional(Type.String({ maxLength: 2000 })),
  measureType: Type.Optional(Type.Union([literals(codesignMeasureTypes), Type.Null()])),
  measureId: Type.Optional(Type.Union([Uuid, Type.Null()])),
  owner: Type.Optional(Type.Union([Owner, Type.Null()])),
  dueOn: Type.Optional(Type.Union([Day, Type.Null()])),
  note: Type.Optional(Type.String({ maxLength: 2000 })),
  bookingId: Type.Optional(Type.Union([Uuid, Type.Null()])),
  opportunityId: Type.Optional(Type.Union([Uuid, Type.Null()])),
  shiftIds: Type.Optional(Type.Array(Uuid, { maxItems: 50 })),
  minutes: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 100000 }), Type.Null()])),
  transferId: Type.Optional(Type.Union([Uuid, Type.Null()])),
};

export const CommitmentCreate = Type.Object(
  {
    kind: literals(codesignCommitmentKinds),
    ...fields,
    /** ask for a booking of a resource now, through Teilen, and link it */
    bookingRequest: Type.Optional(
      Type.Union([
        Type.Object(
          {
            resourceId: Uuid,
            start: Timestamp,
            end: Timestamp,
            note: Type.Optional(Type.String({ maxLength: 1000 })),
          },
          { additionalProperties: false },
        ),
        Type.Null(),
      ]),
    ),
  },
  { additionalProperties: false },
);

export const CommitmentChange = Type.Object(
  { ...fields, baseUpdatedAt: Type.Optional(Timestamp) },
  { additionalProperties: false },
);

export const CommitmentStatusChange = Type.Object(
  { status: literals(codesignCommitmentStatuses) },
  { additionalProperties: false },
);

export const CommitmentListQuery = Type.Object(
  { status: Type.Optional(literals(codesignCommitmentStatuses)), ...PageQuery },
  { additionalProperties: false },
);

export const ProjectParams = Type.Object({ projectId: Uuid }, { additionalProperties: false });

const ShiftView = Type.Object({
  id: Uuid,
  startsAt: Timestamp,
  endsAt: Timestamp,
  capacity: Type.Integer(),
  signedUp: Type.Integer(),
});

export const CommitmentView = Type.Object({
  id: Uuid,
  projectId: Uuid,
  kind: literals(codesignCommitmentKinds),
  title: Type.String(),
  measure: Type.String(),
  measureType: Type.Union([literals(codesignMeasureTypes), Type.Null()]),
  measureId: Type.Union([Uuid, Type.Null()]),
  owner: Type.Union([
    Type.Object({ type: literals(['person', 'organisation'] as const), id: Uuid, name: Type.String() }),
    Type.Null(),
  ]),
  dueOn: Type.Union([Type.String(), Type.Null()]),
  overdue: Type.Boolean(),
  status: literals(codesignCommitmentStatuses),
  note: Type.String(),
  minutes: Type.Union([Type.Integer(), Type.Null()]),
  booking: Type.Union([
    Type.Object({
      id: Uuid,
      status: literals(bookingStatuses),
      resourceId: Uuid,
      resourceTitle: Type.String(),
      resourceKind: literals(resourceKinds),
      startsAt: Timestamp,
      endsAt: Timestamp,
    }),
    Type.Null(),
  ]),
  opportunity: Type.Union([
    Type.Object({ id: Uuid, title: Type.String(), status: literals(opportunityStatuses) }),
    Type.Null(),
  ]),
  shifts: Type.Array(ShiftView),
  transfer: Type.Union([Type.Object({ id: Uuid, status: literals(transferStatuses) }), Type.Null()]),
  /** the linked record was deleted, or is not visible to the reader */
  linkMissing: Type.Boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  doneAt: Type.Union([Timestamp, Type.Null()]),
  abilities: Type.Object({ edit: Type.Boolean() }),
});

export const CommitmentPage = Type.Object({
  items: Type.Array(CommitmentView),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
  project: Type.Object({ id: Uuid, title: Type.String(), status: Type.String() }),
  abilities: Type.Object({ create: Type.Boolean() }),
});

export const CommitmentOptions = Type.Object({
  bookings: Type.Array(
    Type.Object({
      id: Uuid,
      status: literals(bookingStatuses),
      resourceTitle: Type.String(),
      resourceKind: literals(resourceKinds),
      startsAt: Timestamp,
      endsAt: Timestamp,
    }),
  ),
  resources: Type.Array(
    Type.Object({ id: Uuid, title: Type.String(), kind: literals(resourceKinds), ownerName: Type.String() }),
  ),
  opportunities: Type.Array(
    Type.Object({
      id: Uuid,
      title: Type.String(),
      status: literals(opportunityStatuses),
      shifts: Type.Array(ShiftView),
    }),
  ),
  people: Type.Array(Type.Object({ id: Uuid, name: Type.String() })),
  organisations: Type.Array(Type.Object({ id: Uuid, name: Type.String(), mine: Type.Boolean() })),
});

export const LinkedQuery = Type.Object(
  { type: literals(['booking', 'opportunity', 'shift'] as const), id: Uuid },
  { additionalProperties: false },
);

export const LinkedView = Type.Object({
  items: Type.Array(
    Type.Object({
      project: Type.Object({ id: Uuid, title: Type.String() }),
      commitment: Type.Object({
        id: Uuid,
        title: Type.String(),
        status: literals(codesignCommitmentStatuses),
      }),
    }),
  ),
});
