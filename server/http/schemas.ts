import { type TLiteral, type TUnion, Type } from '@fastify/type-provider-typebox';

/** Schemas shared by many routes. Resource schemas live beside their routes. */

export const Uuid = Type.String({ format: 'uuid' });
export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });

export const Email = Type.String({ format: 'email', maxLength: 254 });
export const Timestamp = Type.String({ format: 'date-time' });

/** The page a list answers when the query names none (see paging in http/paging.ts). */
export const pageDefaults = { limit: 20, offset: 0 } as const;

export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: pageDefaults.limit })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, default: pageDefaults.offset })),
};

export const Page = <T extends ReturnType<typeof Type.Object>>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    total: Type.Integer(),
    limit: Type.Integer(),
    offset: Type.Integer(),
  });

/**
 * A page of a list whose count stops early (as search's does): `total` is exact up to a cap; past
 * it `total` is the cap and `moreThanCounted` is true — the client says "more than {total}".
 */
export const CappedPage = <T extends ReturnType<typeof Type.Object>>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    total: Type.Integer(),
    limit: Type.Integer(),
    offset: Type.Integer(),
    /** total is a lower bound: more match than were counted */
    moreThanCounted: Type.Boolean(),
  });

export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String(),
    detail: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
    // what stands in the way (http/problem.ts ProblemDetails)
    conflicts: Type.Optional(
      Type.Array(
        Type.Object({
          start: Type.String({ format: 'date-time' }),
          end: Type.String({ format: 'date-time' }),
          bookingId: Type.Optional(Type.String({ format: 'uuid' })),
        }),
        { description: 'The slots a booking collides with; the booking only where the caller may see it' },
      ),
    ),
    available: Type.Optional(
      Type.Object(
        {
          minutes: Type.Optional(Type.Integer({ description: 'What the payer may still pay' })),
          places: Type.Optional(Type.Integer({ description: 'Places left' })),
          capacity: Type.Optional(Type.Integer({ description: 'Places in all' })),
          taken: Type.Optional(Type.Integer({ description: 'Places taken' })),
          waitlist: Type.Optional(Type.Boolean({ description: 'Whether one can still join the waitlist' })),
          waitlisted: Type.Optional(Type.Integer({ description: 'People on the waitlist' })),
          lowestLimit: Type.Optional(
            Type.Integer({ description: 'The lowest credit limit the account can take now (its debt)' }),
          ),
        },
        { description: 'What is still available' },
      ),
    ),
  },
  { $id: 'Problem' },
);

export const NoContent = Type.Null();

/** The error answers every route may give; routes add them to their response schema. */
export const problems = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
  422: ProblemSchema,
  429: ProblemSchema,
};

/**
 * A union of string literals from a list of values, with the union of the values as its static type
 * (Type.Union over a mapped array alone types as never, so the web client's derived types and the
 * server's own would check nothing).
 */
export const literals = <const T extends string>(values: readonly T[]) =>
  Type.Union(values.map((v) => Type.Literal(v))) as unknown as TUnion<[TLiteral<T>]>;

/**
 * Where a thing that arrived by ActivityPub is from (platform/calendar.ts `RemoteOrigin`): the group
 * that published it, its handle (@group@instance; may be empty) and instance, and the original's address.
 */
export const RemoteOrigin = Type.Object({
  originName: Type.String(),
  originHandle: Type.String(),
  domain: Type.String(),
  url: Type.String(),
});
