import { sql } from 'kysely';
import type { SignupStatus } from '../../../db/schema.ts';
import type { Executor } from '../../../db/tx.ts';
import { insertClaim, type PlaceTable, setClaimStatus } from '../../../platform/capacity.ts';

/**
 * A shift's places through the platform's one mechanism for places (platform/capacity.ts): the shift
 * holds them, its sign-ups claim them.
 */
export const shiftPlaces: PlaceTable = {
  holder: 'shift',
  claims: 'shift_signup',
  holderColumn: 'shift_id',
  constraint: 'shift_within_capacity',
};

const shiftColumns = [
  's.id',
  's.opportunity_id',
  's.starts_at',
  's.ends_at',
  's.capacity',
  's.signed_up',
  's.waitlist_enabled',
  's.note',
] as const;

const waitlisted = sql<number>`(SELECT count(*)::int FROM shift_signup w
  WHERE w.network_id = s.network_id AND w.shift_id = s.id AND w.status = 'waitlisted')`;

export type ShiftRow = NonNullable<Awaited<ReturnType<typeof findShift>>>;

export async function findShift(db: Executor, networkId: string, id: string) {
  return db
    .selectFrom('shift as s')
    .select([...shiftColumns, waitlisted.as('waitlisted')])
    .where('s.network_id', '=', networkId)
    .where('s.id', '=', id)
    .executeTakeFirst();
}

/** Locks the shift row: every sign-up and withdrawal of one shift takes this lock first, so they run one after another. */
export async function lockShift(db: Executor, networkId: string, id: string) {
  return db
    .selectFrom('shift')
    .select(['id', 'capacity', 'signed_up', 'waitlist_enabled', 'starts_at', 'ends_at', 'opportunity_id'])
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function listShifts(
  db: Executor,
  networkId: string,
  opportunityId: string,
  upcomingOnly: boolean,
) {
  let q = db
    .selectFrom('shift as s')
    .select([...shiftColumns, waitlisted.as('waitlisted')])
    .where('s.network_id', '=', networkId)
    .where('s.opportunity_id', '=', opportunityId);
  if (upcomingOnly) q = q.where('s.ends_at', '>', sql<Date>`now()`);
  return q.orderBy('s.starts_at').orderBy('s.id').limit(500).execute();
}

export async function insertShift(
  db: Executor,
  networkId: string,
  f: {
    opportunityId: string;
    startsAt: string;
    endsAt: string;
    capacity: number;
    waitlistEnabled?: boolean;
    note?: string;
  },
) {
  return db
    .insertInto('shift')
    .values({
      network_id: networkId,
      opportunity_id: f.opportunityId,
      starts_at: f.startsAt,
      ends_at: f.endsAt,
      capacity: f.capacity,
      waitlist_enabled: f.waitlistEnabled ?? true,
      note: f.note ?? '',
    })
    .returning(['id', 'starts_at'])
    .executeTakeFirstOrThrow();
}

export async function updateShift(
  db: Executor,
  networkId: string,
  id: string,
  f: { capacity?: number; waitlistEnabled?: boolean; note?: string },
) {
  const set: Record<string, unknown> = {};
  if (f.capacity !== undefined) set.capacity = f.capacity;
  if (f.waitlistEnabled !== undefined) set.waitlist_enabled = f.waitlistEnabled;
  if (f.note !== undefined) set.note = f.note;
  if (Object.keys(set).length === 0) return;
  await db.updateTable('shift').set(set).where('network_id', '=', networkId).where('id', '=', id).execute();
}

const signupColumns = [
  'su.id',
  'su.shift_id',
  'su.account_id',
  'su.status',
  'su.queue_no',
  'su.created_at',
  'su.promoted_at',
  'su.checked_in_at',
] as const;

export type SignupRow = NonNullable<Awaited<ReturnType<typeof findSignup>>>;

export async function findSignup(db: Executor, networkId: string, id: string) {
  return db
    .selectFrom('shift_signup as su')
    .select(signupColumns)
    .where('su.network_id', '=', networkId)
    .where('su.id', '=', id)
    .executeTakeFirst();
}

/** The person's active (not withdrawn) sign-up for the shift. */
export async function activeSignupOf(db: Executor, networkId: string, shiftId: string, accountId: string) {
  return db
    .selectFrom('shift_signup as su')
    .select(signupColumns)
    .where('su.network_id', '=', networkId)
    .where('su.shift_id', '=', shiftId)
    .where('su.account_id', '=', accountId)
    .where('su.status', '<>', 'withdrawn')
    .executeTakeFirst();
}

/** A sign-up written as it is (the demo town's history); signUpForShift is how people sign up. */
export async function insertSignup(
  db: Executor,
  networkId: string,
  shiftId: string,
  accountId: string,
  status: 'signed_up' | 'waitlisted',
) {
  return insertClaim(db, shiftPlaces, networkId, shiftId, accountId, status);
}

export async function setSignupStatus(
  db: Executor,
  networkId: string,
  id: string,
  status: SignupStatus,
  extra: { checkedInBy?: string } = {},
) {
  await setClaimStatus(db, shiftPlaces, networkId, id, status, extra);
}

/** Everyone on the shift (not withdrawn), those with a place first, then the waitlist in order. */
export async function roster(db: Executor, networkId: string, shiftId: string) {
  return db
    .selectFrom('shift_signup as su')
    .innerJoin('account as a', (j) =>
      j.onRef('a.network_id', '=', 'su.network_id').onRef('a.id', '=', 'su.account_id'),
    )
    .select([...signupColumns, 'a.display_name', 'a.email', 'a.locale'])
    .where('su.network_id', '=', networkId)
    .where('su.shift_id', '=', shiftId)
    .where('su.status', '<>', 'withdrawn')
    .orderBy(sql`CASE WHEN su.status = 'waitlisted' THEN 1 ELSE 0 END`)
    .orderBy('su.queued_at')
    .orderBy('su.queue_no')
    .execute();
}

/** A person's sign-ups with their shifts and opportunities, upcoming first. */
export async function signupsOf(db: Executor, networkId: string, accountId: string, upcomingOnly: boolean) {
  let q = db
    .selectFrom('shift_signup as su')
    .innerJoin('shift as s', (j) =>
      j.onRef('s.network_id', '=', 'su.network_id').onRef('s.id', '=', 'su.shift_id'),
    )
    .innerJoin('opportunity as op', (j) =>
      j.onRef('op.network_id', '=', 's.network_id').onRef('op.id', '=', 's.opportunity_id'),
    )
    .select([
      ...signupColumns,
      's.starts_at',
      's.ends_at',
      'op.id as opportunity_id',
      'op.title as opportunity_title',
      'op.level',
    ])
    .where('su.network_id', '=', networkId)
    .where('su.account_id', '=', accountId)
    .where('su.status', '<>', 'withdrawn');
  if (upcomingOnly) q = q.where('s.ends_at', '>', sql<Date>`now()`);
  return q.orderBy('s.starts_at').limit(200).execute();
}

/** The person's active sign-ups on these shifts, with their waitlist position where waitlisted. */
export async function mySignupsOn(db: Executor, networkId: string, accountId: string, shiftIds: string[]) {
  if (shiftIds.length === 0) return [];
  return db
    .selectFrom('shift_signup as su')
    .select([
      'su.id',
      'su.shift_id',
      'su.status',
      sql<number | null>`CASE WHEN su.status = 'waitlisted' THEN (SELECT count(*)::int FROM shift_signup w
        WHERE w.network_id = su.network_id AND w.shift_id = su.shift_id AND w.status = 'waitlisted'
          AND (w.queued_at, w.queue_no) <= (su.queued_at, su.queue_no)) END`.as('position'),
    ])
    .where('su.network_id', '=', networkId)
    .where('su.account_id', '=', accountId)
    .where('su.shift_id', 'in', shiftIds)
    .where('su.status', '<>', 'withdrawn')
    .execute();
}
