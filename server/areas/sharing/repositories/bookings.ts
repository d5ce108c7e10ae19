import { type RawBuilder, sql } from 'kysely';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import type { BookingStatus } from '../../../db/schema.ts';
import { type Executor, type TogetherInsert, togetherCtes } from '../../../db/tx.ts';
import { coordinatorsQuery } from '../../../repositories/organisations.ts';
import { availabilityRulesQuery, blockedOverlapQuery, type ResourceRow, resourceQuery } from './resources.ts';

const columns = [
  'b.id',
  'b.resource_id',
  'b.requester_id',
  'b.organisation_id',
  'b.series_id',
  'b.status',
  'b.note',
  'b.decision_note',
  'b.handover_note',
  'b.return_note',
  'b.decided_at',
  'b.handed_over_at',
  'b.returned_at',
  'b.cancelled_at',
  'b.created_at',
] as const;

function base(db: Executor, networkId: string) {
  return db
    .selectFrom('booking as b')
    .innerJoin('resource as r', (j) =>
      j.onRef('r.network_id', '=', 'b.network_id').onRef('r.id', '=', 'b.resource_id'),
    )
    .innerJoin('account as a', (j) =>
      j.onRef('a.network_id', '=', 'b.network_id').onRef('a.id', '=', 'b.requester_id'),
    )
    .where('b.network_id', '=', networkId)
    .select([
      ...columns,
      sql<Date>`lower(b.period)`.as('starts_at'),
      sql<Date>`upper(b.period)`.as('ends_at'),
      'a.display_name as requester_name',
      'r.title as resource_title',
      'r.kind as resource_kind',
      'r.owner_type',
      'r.organisation_id as owner_organisation_id',
      'r.person_id as owner_person_id',
    ]);
}

export type BookingRow = NonNullable<Awaited<ReturnType<typeof findBooking>>>;

export async function findBooking(db: Executor, networkId: string, id: string, lock = false) {
  const q = base(db, networkId).where('b.id', '=', id);
  return (lock ? q.forUpdate('b') : q).executeTakeFirst();
}

export interface NewBooking {
  /** the booking's id when the caller needs it before the insert (its audit row names it) */
  id?: string;
  resourceId: string;
  requesterId: string;
  organisationId: string | null;
  seriesId: string | null;
  start: Date;
  end: Date;
  bufferMinutes: number;
  status: 'requested' | 'approved';
  note: string;
  decidedBy: string | null;
}

function bookingInsert(db: Executor, networkId: string, b: NewBooking) {
  return db.insertInto('booking').values({
    ...(b.id ? { id: b.id } : {}),
    network_id: networkId,
    resource_id: b.resourceId,
    requester_id: b.requesterId,
    organisation_id: b.organisationId,
    series_id: b.seriesId,
    period: sql<string>`tstzrange(${b.start}, ${b.end}, '[)')`,
    buffer_minutes: b.bufferMinutes,
    status: b.status,
    note: b.note,
    decided_by: b.decidedBy,
    decided_at: b.decidedBy ? sql<Date>`now()` : null,
  });
}

export async function insertBooking(db: Executor, networkId: string, b: NewBooking) {
  return bookingInsert(db, networkId, b).returning('id').executeTakeFirstOrThrow();
}

/**
 * Inserts a booking and the records that close it (see insertTogether: audit row, notifications,
 * interaction) in ONE statement, atomic by itself; none of them may depend on the booking's row.
 * Returns the booking as findBooking reads it, the resource's part taken from `resource`.
 */
export async function insertBookingTogether(
  db: Executor,
  networkId: string,
  b: NewBooking & { id: string },
  resource: { title: string; kind: BookingRow['resource_kind']; owner_type: BookingRow['owner_type'] } & {
    organisation_id: string | null;
    person_id: string | null;
  },
  closing: TogetherInsert[],
): Promise<BookingRow> {
  const ctes = togetherCtes(closing);
  const { rows } = await sql<
    Omit<
      BookingRow,
      'resource_title' | 'resource_kind' | 'owner_type' | 'owner_organisation_id' | 'owner_person_id'
    >
  >`
    WITH b AS (${bookingInsert(db, networkId, b).returningAll()})${ctes ? sql`, ${ctes}` : sql``}
    SELECT ${sql.join(columns.map((c) => sql.ref(c)))}, lower(b.period) AS starts_at, upper(b.period) AS ends_at,
      a.display_name AS requester_name
    FROM b JOIN account a ON a.network_id = b.network_id AND a.id = b.requester_id`.execute(db);
  const row = rows[0];
  if (!row) throw new Error('booking inserted but not returned');
  return {
    ...row,
    resource_title: resource.title,
    resource_kind: resource.kind,
    owner_type: resource.owner_type,
    owner_organisation_id: resource.organisation_id,
    owner_person_id: resource.person_id,
  };
}

/**
 * What a request for [start, end) must be checked against, as selections of one query: the
 * resource's weekly rules, the first blocked period and the first approved booking it overlaps, and
 * the coordinators of the organisation whose resource it is (none for a person's). The buffer and
 * the organisation are values, or references to the resource row the query reads.
 */
function checkSelections(
  db: Executor,
  networkId: string,
  resourceId: string,
  start: Date,
  end: Date,
  bufferMinutes: number | RawBuilder<number>,
  organisationId: string | RawBuilder<string | null> | null,
) {
  return [
    jsonArrayFrom(availabilityRulesQuery(db, networkId, resourceId)).as('check_rules'),
    jsonObjectFrom(blockedOverlapQuery(db, networkId, resourceId, start, end)).as('check_blocked'),
    jsonObjectFrom(conflictingBookingQuery(db, networkId, resourceId, start, end, bufferMinutes)).as(
      'check_conflict',
    ),
    (organisationId
      ? sql<string[]>`ARRAY(${coordinatorsQuery(db, networkId, organisationId)})`
      : sql<string[]>`'{}'::uuid[]`
    ).as('check_coordinators'),
  ] as const;
}

function readChecks(
  r: {
    check_rules: { id: string; weekday: number; start_time: string; end_time: string }[];
    check_blocked: { reason: string; starts_at: string; ends_at: string } | null;
    check_conflict: {
      id: string;
      status: BookingStatus;
      requester_id: string;
      starts_at: string;
      ends_at: string;
    } | null;
    check_coordinators: string[];
  },
  start: Date,
  end: Date,
) {
  // timestamps come back as JSON text
  const dated = <T extends { starts_at: string; ends_at: string }>(x: T | null) =>
    x ? { ...x, starts_at: new Date(x.starts_at), ends_at: new Date(x.ends_at) } : undefined;
  return {
    /** the slot these checks are for */
    slot: { start, end },
    rules: r.check_rules,
    blocked: dated(r.check_blocked),
    conflict: dated(r.check_conflict),
    coordinators: r.check_coordinators,
  };
}

export type BookingChecks = ReturnType<typeof readChecks>;

/** What a request for [start, end) must be checked against (checkSelections), in one round trip. */
export async function bookingChecks(
  db: Executor,
  networkId: string,
  resource: { id: string; buffer_minutes: number; organisation_id: string | null },
  start: Date,
  end: Date,
): Promise<BookingChecks> {
  const r = await db
    .selectNoFrom(
      checkSelections(
        db,
        networkId,
        resource.id,
        start,
        end,
        resource.buffer_minutes,
        resource.organisation_id,
      ),
    )
    .executeTakeFirstOrThrow();
  return readChecks(r, start, end);
}

/**
 * The resource as findResource reads it and what a request for [start, end) must be checked against
 * (bookingChecks), in one round trip; undefined when there is no such resource. Only for a valid
 * period (start before end).
 */
export async function findResourceForBooking(
  db: Executor,
  networkId: string,
  id: string,
  start: Date,
  end: Date,
): Promise<{ resource: ResourceRow; checks: BookingChecks } | undefined> {
  const row = await resourceQuery(db, networkId, id)
    .select(
      checkSelections(
        db,
        networkId,
        id,
        start,
        end,
        sql<number>`r.buffer_minutes`,
        sql<string | null>`r.organisation_id`,
      ),
    )
    .executeTakeFirst();
  if (!row) return undefined;
  // the checks' columns are named apart from the resource's own (it has `rules` of its own)
  const { check_rules, check_blocked, check_conflict, check_coordinators, ...resource } = row;
  return {
    resource,
    checks: readChecks({ check_rules, check_blocked, check_conflict, check_coordinators }, start, end),
  };
}

/**
 * The first approved or handed-over booking whose buffered period overlaps [start, end + buffer):
 * the slot a new request or an approval collides with.
 */
export async function conflictingBooking(
  db: Executor,
  networkId: string,
  resourceId: string,
  start: Date,
  end: Date,
  bufferMinutes: number,
  exceptId?: string,
) {
  return conflictingBookingQuery(
    db,
    networkId,
    resourceId,
    start,
    end,
    bufferMinutes,
    exceptId,
  ).executeTakeFirst();
}

function conflictingBookingQuery(
  db: Executor,
  networkId: string,
  resourceId: string,
  start: Date,
  end: Date,
  bufferMinutes: number | RawBuilder<number>,
  exceptId?: string,
) {
  let q = db
    .selectFrom('booking')
    .select([
      'id',
      'status',
      'requester_id',
      sql<Date>`lower(period)`.as('starts_at'),
      sql<Date>`upper(period)`.as('ends_at'),
    ])
    .where('network_id', '=', networkId)
    .where('resource_id', '=', resourceId)
    .where('status', 'in', ['approved', 'handed_over'])
    .where(
      sql<boolean>`buffered_period && tstzrange(${start}, ${end}::timestamptz + make_interval(mins => ${bufferMinutes}), '[)')`,
    );
  if (exceptId) q = q.where('id', '<>', exceptId);
  return q.orderBy(sql`lower(period)`).limit(1);
}

export async function setBookingStatus(
  db: Executor,
  networkId: string,
  id: string,
  status: BookingStatus,
  extra: { decidedBy?: string; note?: string; field?: 'decision_note' | 'handover_note' | 'return_note' },
) {
  const set: Record<string, unknown> = { status };
  if (extra.decidedBy) {
    set.decided_by = extra.decidedBy;
    set.decided_at = sql`now()`;
  }
  if (status === 'handed_over') set.handed_over_at = sql`now()`;
  if (status === 'returned') set.returned_at = sql`now()`;
  if (status === 'cancelled') set.cancelled_at = sql`now()`;
  if (extra.field && extra.note !== undefined) set[extra.field] = extra.note;
  await db.updateTable('booking').set(set).where('network_id', '=', networkId).where('id', '=', id).execute();
}

export interface BookingFilter {
  requesterId?: string;
  resourceId?: string;
  /** bookings of resources owned by these organisations or this person */
  ownedBy?: { organisationIds: string[]; personId: string };
  status?: BookingStatus;
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
}

export async function listBookings(db: Executor, networkId: string, f: BookingFilter) {
  let q = base(db, networkId);
  if (f.requesterId) q = q.where('b.requester_id', '=', f.requesterId);
  if (f.resourceId) q = q.where('b.resource_id', '=', f.resourceId);
  const owned = f.ownedBy;
  if (owned) {
    q = q.where((eb) =>
      eb.or([
        eb('r.person_id', '=', owned.personId),
        ...(owned.organisationIds.length > 0 ? [eb('r.organisation_id', 'in', owned.organisationIds)] : []),
      ]),
    );
  }
  if (f.status) q = q.where('b.status', '=', f.status);
  if (f.from) q = q.where(sql<boolean>`upper(b.period) > ${f.from}`);
  if (f.to) q = q.where(sql<boolean>`lower(b.period) < ${f.to}`);
  const [items, total] = await Promise.all([
    q.orderBy(sql`lower(b.period)`).orderBy('b.id').limit(f.limit).offset(f.offset).execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n };
}

/** Busy slots of a resource (approved or handed over), without who booked them. */
export async function busySlots(db: Executor, networkId: string, resourceId: string, from: Date, to: Date) {
  return db
    .selectFrom('booking')
    .select([sql<Date>`lower(period)`.as('starts_at'), sql<Date>`upper(period)`.as('ends_at')])
    .where('network_id', '=', networkId)
    .where('resource_id', '=', resourceId)
    .where('status', 'in', ['approved', 'handed_over'])
    .where(sql<boolean>`period && tstzrange(${from}, ${to}, '[)')`)
    .orderBy(sql`lower(period)`)
    .execute();
}

/**
 * What holds the resource's time between two instants: every booking approved, handed over or still
 * requested, with its buffer after it (the free-slot suggestion steers clear of all of them).
 */
export async function takenPeriods(
  db: Executor,
  networkId: string,
  resourceId: string,
  from: Date,
  to: Date,
) {
  return db
    .selectFrom('booking')
    .select([
      sql<Date>`lower(buffered_period)`.as('starts_at'),
      sql<Date>`upper(buffered_period)`.as('ends_at'),
    ])
    .where('network_id', '=', networkId)
    .where('resource_id', '=', resourceId)
    .where('status', 'in', ['requested', 'approved', 'handed_over'])
    .where(sql<boolean>`buffered_period && tstzrange(${from}, ${to}, '[)')`)
    .orderBy(sql`lower(buffered_period)`)
    .execute();
}

export async function createFeedToken(
  db: Executor,
  networkId: string,
  f: {
    kind: 'resource' | 'person';
    resourceId?: string;
    accountId?: string;
    tokenHash: string;
    createdBy: string;
  },
) {
  await revokeFeedTokens(db, networkId, f);
  await db
    .insertInto('calendar_feed')
    .values({
      network_id: networkId,
      token_hash: f.tokenHash,
      kind: f.kind,
      resource_id: f.resourceId ?? null,
      account_id: f.accountId ?? null,
      created_by: f.createdBy,
    })
    .execute();
}

export async function revokeFeedTokens(
  db: Executor,
  networkId: string,
  f: { kind: 'resource' | 'person'; resourceId?: string; accountId?: string },
) {
  let q = db
    .updateTable('calendar_feed')
    .set({ revoked_at: sql`now()` })
    .where('network_id', '=', networkId)
    .where('kind', '=', f.kind)
    .where('revoked_at', 'is', null);
  q =
    f.kind === 'resource'
      ? q.where('resource_id', '=', f.resourceId ?? '')
      : q.where('account_id', '=', f.accountId ?? '');
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function findFeed(db: Executor, networkId: string, tokenHash: string) {
  return db
    .selectFrom('calendar_feed')
    .select(['kind', 'resource_id', 'account_id'])
    .where('network_id', '=', networkId)
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}
