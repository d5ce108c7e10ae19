import { Type } from '@fastify/type-provider-typebox';
import { placeEventStatuses, placeEventVisibilities, signupStatuses } from '../../../../../db/schema.ts';
import { PointCollection } from '../../../../../http/geojson.ts';
import { literals, Timestamp, Uuid } from '../../../../../http/schemas.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(s: T) => Type.Union([s, Type.Null()]);

/** What a host writes about an event. */
const EventFields = {
  title: Type.String({ minLength: 3, maxLength: 160 }),
  /** Markdown, rendered by the platform */
  description: Type.String({ maxLength: 20000 }),
  startsAt: Timestamp,
  endsAt: Timestamp,
  /** the place as people write it (an address, a room); empty when it is online only */
  venue: Type.String({ maxLength: 200 }),
  /** the point the place picker set (never typed by people) */
  lat: Nullable(Type.Number({ minimum: -90, maximum: 90 })),
  lng: Nullable(Type.Number({ minimum: -180, maximum: 180 })),
  districtId: Nullable(Uuid),
  /** where people join online */
  onlineUrl: Nullable(Type.String({ maxLength: 500, pattern: '^https?://\\S+$' })),
  /** the venue is reachable without steps */
  stepFree: Type.Boolean(),
  free: Type.Boolean(),
  /** what it costs when it is not free, as the host says it ("5 €, ermäßigt 2 €") */
  price: Type.String({ maxLength: 120 }),
  visibility: literals(placeEventVisibilities),
  /** people register (then the capacity, if any, counts) */
  registration: Type.Boolean(),
  /** places in all; null: no limit */
  capacity: Nullable(Type.Integer({ minimum: 1, maximum: 10000 })),
  /** when full, people may wait for a place */
  waitlistEnabled: Type.Boolean(),
};

export const EventCreate = Type.Object(
  {
    /** who invites: an organisation the person acts for, or a community they own or moderate */
    host: Type.Object(
      { type: literals(['organisation', 'community'] as const), id: Uuid },
      { additionalProperties: false },
    ),
    ...EventFields,
  },
  { additionalProperties: false },
);

export const EventChange = Type.Object(EventFields, { additionalProperties: false });

export const EventCancel = Type.Object(
  { reason: Type.String({ maxLength: 1000 }) },
  { additionalProperties: false },
);

export const Attendance = Type.Object({ came: Type.Boolean() }, { additionalProperties: false });

export const RegistrationParams = Type.Object(
  { id: Uuid, registrationId: Uuid },
  { additionalProperties: false },
);

const Host = Type.Object({
  type: literals(['organisation', 'community'] as const),
  id: Type.String(),
  name: Type.String(),
  /** a community's address part (its page) */
  slug: Nullable(Type.String()),
});

const MyRegistration = Nullable(
  Type.Object({
    id: Type.String(),
    status: literals(signupStatuses),
    /** place on the waitlist (1 = next) while waiting */
    waitlistPosition: Nullable(Type.Integer()),
  }),
);

export const EventView = Type.Object({
  id: Type.String(),
  host: Host,
  title: Type.String(),
  description: Type.String(),
  /** the description rendered and sanitised on the server */
  html: Type.String(),
  startsAt: Type.String({ format: 'date-time' }),
  endsAt: Type.String({ format: 'date-time' }),
  venue: Type.String(),
  lat: Nullable(Type.Number()),
  lng: Nullable(Type.Number()),
  district: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  /** can be joined online */
  online: Type.Boolean(),
  /**
   * the link to join online: for the host, for people with a place, and for everyone who may see an
   * event without registration (a link given to all would undo the capacity)
   */
  onlineUrl: Nullable(Type.String()),
  stepFree: Type.Boolean(),
  free: Type.Boolean(),
  price: Type.String(),
  visibility: literals(placeEventVisibilities),
  registration: Type.Boolean(),
  capacity: Nullable(Type.Integer()),
  /** places taken */
  signedUp: Type.Integer(),
  freePlaces: Nullable(Type.Integer()),
  waitlisted: Type.Integer(),
  waitlistEnabled: Type.Boolean(),
  status: literals(placeEventStatuses),
  cancelledAt: Nullable(Type.String({ format: 'date-time' })),
  cancelReason: Type.String(),
  mine: MyRegistration,
  abilities: Type.Object({
    edit: Type.Boolean(),
    cancel: Type.Boolean(),
    register: Type.Boolean(),
    manage: Type.Boolean(),
    withdraw: Type.Boolean(),
  }),
});

export const RegisterResult = Type.Object({
  registrationId: Type.String(),
  status: literals(['signed_up', 'waitlisted'] as const),
  waitlistPosition: Nullable(Type.Integer()),
});

export const WithdrawResult = Type.Object({ promoted: Type.Boolean() });

export const CancelResult = Type.Object({ told: Type.Integer() });

export const RegistrationList = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      accountId: Type.String(),
      name: Type.String(),
      status: literals(signupStatuses),
      waitlistPosition: Nullable(Type.Integer()),
      registeredAt: Type.String({ format: 'date-time' }),
      checkedInAt: Nullable(Type.String({ format: 'date-time' })),
    }),
  ),
  /** whether the host may record attendance now (from an hour before the start) */
  attendanceOpen: Type.Boolean(),
});

export const HostOptions = Type.Object({
  organisations: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
  communities: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
});

export const MyEvent = Type.Object({
  registrationId: Type.String(),
  eventId: Type.String(),
  title: Type.String(),
  startsAt: Type.String({ format: 'date-time' }),
  endsAt: Type.String({ format: 'date-time' }),
  status: literals(signupStatuses),
  waitlistPosition: Nullable(Type.Integer()),
  cancelled: Type.Boolean(),
});

export const MyEvents = Type.Object({ items: Type.Array(MyEvent) });

export const EventMapQuery = Type.Object(
  {
    districtId: Type.Optional(Uuid),
    free: Type.Optional(Type.Boolean()),
    accessible: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

/**
 * The coming events anyone may see that have a place, as GeoJSON: `id`, `title`, `host` (the
 * organisation's or community's name), `startsAt`, `endsAt`, `venue`, `district` (its name),
 * `stepFree`, `free`, `cancelled` and `url`. A members-only event is never in it; no person is named.
 */
export const EventFeatures = PointCollection(
  Type.Object({
    id: Type.String(),
    title: Type.String(),
    host: Type.String(),
    startsAt: Timestamp,
    endsAt: Timestamp,
    venue: Type.String(),
    district: Nullable(Type.String()),
    stepFree: Type.Boolean(),
    free: Type.Boolean(),
    cancelled: Type.Boolean(),
    url: Type.String(),
  }),
);
