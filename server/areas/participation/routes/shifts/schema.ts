import { Type } from '@fastify/type-provider-typebox';
import { ladderLevels, signupStatuses } from '../../../../db/schema.ts';
import { literals, Uuid } from '../../../../http/schemas.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(s: T) => Type.Union([s, Type.Null()]);
const SignupStatus = literals(signupStatuses);

export const SignupParams = Type.Object({ id: Uuid, signupId: Uuid }, { additionalProperties: false });

export const SignupResult = Type.Object({
  signupId: Type.String(),
  status: Type.Union([Type.Literal('signed_up'), Type.Literal('waitlisted')]),
  /** 1-based place on the waitlist; null with a place */
  waitlistPosition: Nullable(Type.Integer()),
});

export const WithdrawResult = Type.Object({
  /** someone from the waitlist got the freed place */
  promoted: Type.Boolean(),
});

export const CheckInResult = Type.Object({
  /** the hours entry recorded from the check-in (pending a coordinator's confirmation) */
  hoursId: Nullable(Type.String()),
});

export const ShiftUpdate = Type.Partial(
  Type.Object({
    capacity: Type.Integer({ minimum: 1, maximum: 1000 }),
    waitlistEnabled: Type.Boolean(),
    note: Type.String({ maxLength: 1000 }),
  }),
  { additionalProperties: false, minProperties: 1 },
);

export const RosterView = Type.Object({
  shift: Type.Object({
    id: Type.String(),
    opportunityId: Type.String(),
    opportunityTitle: Type.String(),
    startsAt: Type.String({ format: 'date-time' }),
    endsAt: Type.String({ format: 'date-time' }),
    capacity: Type.Integer(),
    signedUp: Type.Integer(),
  }),
  items: Type.Array(
    Type.Object({
      signupId: Type.String(),
      accountId: Type.String(),
      name: Type.String(),
      email: Type.String(),
      status: SignupStatus,
      waitlistPosition: Nullable(Type.Integer()),
      signedUpAt: Type.String({ format: 'date-time' }),
      checkedInAt: Nullable(Type.String({ format: 'date-time' })),
    }),
  ),
});

export const ShiftMessage = Type.Object(
  {
    subject: Type.String({ minLength: 3, maxLength: 150 }),
    body: Type.String({ minLength: 1, maxLength: 5000 }),
    /** also write to the waitlist (default: only those with a place) */
    includeWaitlist: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const MessageResult = Type.Object({ recipients: Type.Integer() });

export const MySignupsQuery = Type.Object(
  { past: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);

export const MySignupView = Type.Object({
  signupId: Type.String(),
  shiftId: Type.String(),
  status: SignupStatus,
  startsAt: Type.String({ format: 'date-time' }),
  endsAt: Type.String({ format: 'date-time' }),
  opportunity: Type.Object({
    id: Type.String(),
    title: Type.String(),
    level: literals(ladderLevels),
  }),
});
