import { Type } from '@fastify/type-provider-typebox';
import { areas } from '../../../../../db/schema.ts';
import { literals, RemoteOrigin, Uuid } from '../../../../../http/schemas.ts';
import { calendarHostTypes, calendarKinds } from '../../../../../platform/calendar.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(s: T) => Type.Union([s, Type.Null()]);

/** The calendar's filters (every one optional), as the list, the month view and a feed take them. */
const filters = {
  /** an area's gatherings only */
  area: Type.Optional(literals(areas)),
  district: Type.Optional(Uuid),
  /** a community's events only */
  community: Type.Optional(Uuid),
  /** a step-free venue */
  accessible: Type.Optional(Type.Boolean()),
  /** free of charge */
  free: Type.Optional(Type.Boolean()),
  /** can be joined online */
  online: Type.Optional(Type.Boolean()),
};

export const CalendarQuery = Type.Object(
  {
    /** the first local day (default: today) */
    from: Type.Optional(Type.String({ format: 'date' })),
    /** the last local day, included (default: 30 days after `from`; at most 92 days in all) */
    to: Type.Optional(Type.String({ format: 'date' })),
    ...filters,
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 2000, default: 0 })),
  },
  { additionalProperties: false },
);

export const FeedQuery = Type.Object(filters, { additionalProperties: false });

export const CalendarEntryView = Type.Object({
  /** unique across areas */
  key: Type.String(),
  area: literals(areas),
  kind: literals(calendarKinds),
  id: Type.String(),
  title: Type.String(),
  startsAt: Type.String({ format: 'date-time' }),
  endsAt: Type.String({ format: 'date-time' }),
  /** only the day is known */
  allDay: Type.Boolean(),
  host: Nullable(Type.Object({ type: literals(calendarHostTypes), id: Type.String(), name: Type.String() })),
  district: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  place: Type.String(),
  online: Type.Boolean(),
  /** step-free: null when nobody said */
  accessible: Nullable(Type.Boolean()),
  free: Nullable(Type.Boolean()),
  price: Type.String(),
  cancelled: Type.Boolean(),
  capacity: Nullable(Type.Integer()),
  freePlaces: Nullable(Type.Integer()),
  registration: Type.Boolean(),
  /** the page where it is seen and taken part in: a path of the web client, or a remote entry's original (absolute) */
  link: Type.String(),
  /** it arrived from elsewhere by ActivityPub: where from (null: one of the town's own) */
  remote: Nullable(RemoteOrigin),
});

export const CalendarPage = Type.Object({
  items: Type.Array(CalendarEntryView),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
  /** the range answered, as local days */
  from: Type.String({ format: 'date' }),
  to: Type.String({ format: 'date' }),
  /** an area had more in the range than one answer holds: the total is a lower bound */
  capped: Type.Boolean(),
});

export const CommunityOptions = Type.Object({
  items: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), slug: Type.String() })),
});

export const FeedView = Type.Object({ url: Type.String() });

export const FeedState = Type.Object({
  /** a secret URL exists (its secret is shown only once, when it is made) */
  active: Type.Boolean(),
  createdAt: Nullable(Type.String({ format: 'date-time' })),
});

export const FeedParams = Type.Object(
  { file: Type.String({ pattern: '^[A-Za-z0-9_-]{43}\\.ics$' }) },
  { additionalProperties: false },
);
