import { sql } from 'kysely';
import type { SignupStatus } from '../db/schema.ts';
import type { Executor } from '../db/tx.ts';

/**
 * Places with a capacity and a waitlist: the one mechanism every area that counts places uses
 * (Mitmachen's shifts, Räume & Brücken's events). Decision 0007 holds for all of them: the place
 * count is a counter on the *holder* row (a shift, an event), moved by the one trigger function
 * `capacity_count` with every *claim* (a sign-up, a registration) that takes or gives back a place,
 * in the claim's own transaction, and the holder's CHECK refuses the claim that would overfill it
 * (migration 20261208_1100_places_events). This file is the code side of it:
 *
 * - every claim and release of one holder first locks the holder row (`lockHolder`), so they are
 *   decided one after another and a freed place goes to exactly one person — the longest waiting;
 * - the waitlist is in arrival order (`queue_no`, an identity column) and gap-free when counted;
 * - one active claim per person and holder (a partial unique index on each claims table).
 *
 * What a place is *for* (who may sign up, what they are told, reminders' wording) stays with the
 * area; the area names its tables in a `PlaceTable` and maps the outcomes to its own messages.
 */
export interface PlaceTable {
  /** the holder: `capacity` (NULL: no limit), `signed_up`, `waitlist_enabled`, `starts_at`, `ends_at` */
  holder: 'shift' | 'place_event';
  /** its claims: `status` (signupStatuses), `queue_no`, `account_id` and the timestamps of the steps */
  claims: 'shift_signup' | 'place_event_registration';
  /** the claims' column that names the holder */
  holderColumn: 'shift_id' | 'event_id';
  /** the holder's CHECK that keeps `signed_up <= capacity` */
  constraint: string;
}

/** Claims that hold a place (counted in the holder's `signed_up` by the database's trigger). */
export const holdsPlace: readonly SignupStatus[] = ['signed_up', 'checked_in', 'no_show'];

/** True when a PostgreSQL error is the CHECK that keeps this kind of holder within its capacity. */
export function isOverCapacity(err: unknown, table: PlaceTable): boolean {
  const e = err as { code?: string; constraint?: string };
  return e?.code === '23514' && e.constraint === table.constraint;
}

export interface LockedHolder {
  id: string;
  capacity: number | null;
  signed_up: number;
  waitlist_enabled: boolean;
  starts_at: Date;
  ends_at: Date;
}

export interface Claim {
  id: string;
  account_id: string;
  status: SignupStatus;
  queue_no: number;
}

const holder = (t: PlaceTable) => sql.table(t.holder);
const claims = (t: PlaceTable) => sql.table(t.claims);
const holderRef = (t: PlaceTable) => sql.ref(t.holderColumn);

/** Locks the holder row: every claim and release of one holder takes this lock first (in the caller's transaction). */
export async function lockHolder(
  db: Executor,
  t: PlaceTable,
  networkId: string,
  id: string,
): Promise<LockedHolder | undefined> {
  const r = await sql<LockedHolder>`
    SELECT id, capacity, signed_up, waitlist_enabled, starts_at, ends_at FROM ${holder(t)}
    WHERE network_id = ${networkId} AND id = ${id} FOR UPDATE`.execute(db);
  return r.rows[0];
}

/** The person's active (not withdrawn) claim on the holder. */
export async function activeClaimOf(
  db: Executor,
  t: PlaceTable,
  networkId: string,
  holderId: string,
  accountId: string,
): Promise<Claim | undefined> {
  const r = await sql<Claim>`
    SELECT id, account_id, status, queue_no FROM ${claims(t)}
    WHERE network_id = ${networkId} AND ${holderRef(t)} = ${holderId} AND account_id = ${accountId}
      AND status <> 'withdrawn'`.execute(db);
  return r.rows[0];
}

/** A claim written as it is (the demo town's history); `claimPlace` is how people take one. */
export async function insertClaim(
  db: Executor,
  t: PlaceTable,
  networkId: string,
  holderId: string,
  accountId: string,
  status: 'signed_up' | 'waitlisted',
): Promise<{ id: string; queue_no: number }> {
  const r = await sql<{ id: string; queue_no: number }>`
    INSERT INTO ${claims(t)} (network_id, ${holderRef(t)}, account_id, status)
    VALUES (${networkId}, ${holderId}, ${accountId}, ${status})
    RETURNING id, queue_no`.execute(db);
  return r.rows[0]!;
}

/** Position (1-based) on the holder's waitlist of a waitlisted claim. */
export async function waitlistPosition(
  db: Executor,
  t: PlaceTable,
  networkId: string,
  holderId: string,
  queueNo: number,
): Promise<number> {
  const r = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM ${claims(t)}
    WHERE network_id = ${networkId} AND ${holderRef(t)} = ${holderId} AND status = 'waitlisted'
      AND queue_no <= ${queueNo}`.execute(db);
  return r.rows[0]?.n ?? 0;
}

export type ClaimResult =
  | { ok: true; claimId: string; status: 'signed_up' | 'waitlisted'; position: number | null }
  | { ok: false; reason: 'full' | 'already' };

/**
 * Takes a place for the person on a holder the caller has locked (`lockHolder`) and found open to
 * them: a free place if there is one, otherwise the end of the waitlist — or nothing, when it is full
 * and keeps no waitlist ('full') or the person already holds a claim ('already'). The database's
 * CHECK refuses a place beyond the capacity even if this code were wrong ('full' then too).
 */
export async function claimPlace(
  db: Executor,
  t: PlaceTable,
  networkId: string,
  h: LockedHolder,
  accountId: string,
): Promise<ClaimResult> {
  if (await activeClaimOf(db, t, networkId, h.id, accountId)) return { ok: false, reason: 'already' };
  const free = h.capacity === null || h.signed_up < h.capacity;
  if (!free && !h.waitlist_enabled) return { ok: false, reason: 'full' };
  const status = free ? 'signed_up' : 'waitlisted';
  let row: { id: string; queue_no: number };
  try {
    row = await insertClaim(db, t, networkId, h.id, accountId, status);
  } catch (err) {
    if (isOverCapacity(err, t)) return { ok: false, reason: 'full' };
    if ((err as { code?: string }).code === '23505') return { ok: false, reason: 'already' };
    throw err;
  }
  const position =
    status === 'waitlisted' ? await waitlistPosition(db, t, networkId, h.id, row.queue_no) : null;
  return { ok: true, claimId: row.id, status, position };
}

/** Moves a claim to `status`, with the time of the step (and who checked someone in). */
export async function setClaimStatus(
  db: Executor,
  t: PlaceTable,
  networkId: string,
  id: string,
  status: SignupStatus,
  extra: { checkedInBy?: string } = {},
): Promise<void> {
  const step =
    status === 'withdrawn'
      ? sql`, withdrawn_at = now()`
      : status === 'checked_in'
        ? sql`, checked_in_at = now(), checked_in_by = ${extra.checkedInBy ?? null}`
        : status === 'signed_up'
          ? sql`, promoted_at = now()`
          : sql``;
  await sql`UPDATE ${claims(t)} SET status = ${status}${step}
    WHERE network_id = ${networkId} AND id = ${id}`.execute(db);
}

/**
 * Gives free places of a locked holder to the waitlist, longest waiting first, for as long as there
 * are free places (one after a withdrawal; more when the capacity was raised). Returns who got one.
 */
export async function fillFromWaitlist(
  db: Executor,
  t: PlaceTable,
  networkId: string,
  holderId: string,
): Promise<{ id: string; account_id: string }[]> {
  const promoted: { id: string; account_id: string }[] = [];
  for (;;) {
    // the counter as the trigger left it, under the holder's lock
    const now = await sql<{ capacity: number | null; signed_up: number }>`
      SELECT capacity, signed_up FROM ${holder(t)} WHERE network_id = ${networkId} AND id = ${holderId}`.execute(
      db,
    );
    const h = now.rows[0];
    if (!h || (h.capacity !== null && h.signed_up >= h.capacity)) return promoted;
    const next = await sql<{ id: string; account_id: string }>`
      SELECT id, account_id FROM ${claims(t)}
      WHERE network_id = ${networkId} AND ${holderRef(t)} = ${holderId} AND status = 'waitlisted'
      ORDER BY queue_no LIMIT 1 FOR UPDATE`.execute(db);
    const first = next.rows[0];
    if (!first) return promoted;
    await setClaimStatus(db, t, networkId, first.id, 'signed_up');
    promoted.push(first);
  }
}

/**
 * Withdraws a claim on a locked holder (read again under the lock by the caller). When it held a place
 * and the holder has not ended, the waitlist moves up (`fillFromWaitlist`); returns who got a place.
 */
export async function releasePlace(
  db: Executor,
  t: PlaceTable,
  networkId: string,
  h: Pick<LockedHolder, 'id' | 'ends_at'>,
  claim: Pick<Claim, 'id' | 'status'>,
  now = Date.now(),
): Promise<{ id: string; account_id: string }[]> {
  await setClaimStatus(db, t, networkId, claim.id, 'withdrawn');
  if (!holdsPlace.includes(claim.status) || h.ends_at.getTime() <= now) return [];
  return fillFromWaitlist(db, t, networkId, h.id);
}

/**
 * The claims with a place on the holder that were not reminded yet, marked reminded in the same
 * statement: a reminder job run twice, or again after a promotion, tells only the new ones.
 */
export async function takeUnreminded(
  db: Executor,
  t: PlaceTable,
  networkId: string,
  holderId: string,
): Promise<{ id: string; account_id: string }[]> {
  const r = await sql<{ id: string; account_id: string }>`
    UPDATE ${claims(t)} SET reminded_at = now()
    WHERE network_id = ${networkId} AND ${holderRef(t)} = ${holderId} AND status = 'signed_up'
      AND reminded_at IS NULL
    RETURNING id, account_id`.execute(db);
  return r.rows;
}
