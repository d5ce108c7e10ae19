import { sql } from 'kysely';
import type { SignupStatus } from '../db/schema.ts';
import type { Executor } from '../db/tx.ts';
import type { ProblemDetails } from '../http/problem.ts';
import type { NotificationKind } from './notifications.ts';

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
 * - the waitlist is in arrival order: `queued_at`, the moment the server received the request (taken
 *   first thing, http/context.ts `stampArrival`), and `queue_no` (an identity column, numbered under the lock) only for a
 *   tie — numbered alone, a request held up on its way to the lock (a pooled connection, the session
 *   lookup) lost its place to one received after it; gap-free when counted. Who gets a free place is
 *   still decided under the lock, in the order it is granted: a place once given is not taken back;
 * - a person who withdraws a place that came to them from the waitlist before they saw the notice is
 *   told it no longer holds (`promotionUnseen`), so nobody keeps a "you have a place" uncorrected;
 * - one active claim per person and holder (a partial unique index on each claims table).
 *
 * What a place is *for* (who may sign up, what they are told, reminders' wording) stays with the
 * area; the area names its tables in a `PlaceTable` and maps the outcomes to its own messages.
 */
export interface PlaceTable {
  /** the holder: `capacity` (NULL: no limit), `signed_up`, `waitlist_enabled`, `starts_at`, `ends_at` */
  holder: 'shift' | 'place_event';
  /** its claims: `status` (signupStatuses), `queued_at`, `queue_no`, `account_id` and the timestamps of the steps */
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

/**
 * A claim written as it is (the demo town's history); `claimPlace` is how people take one. `arrivedAt`
 * (when the request arrived, http/context.ts) orders the waitlist; without it, the transaction's start.
 */
export async function insertClaim(
  db: Executor,
  t: PlaceTable,
  networkId: string,
  holderId: string,
  accountId: string,
  status: 'signed_up' | 'waitlisted',
  arrivedAt?: number,
): Promise<{ id: string; queue_no: number }> {
  const queuedAt =
    arrivedAt === undefined ? sql`now()` : sql`to_timestamp(${arrivedAt / 1000}::double precision)`;
  const r = await sql<{ id: string; queue_no: number }>`
    INSERT INTO ${claims(t)} (network_id, ${holderRef(t)}, account_id, status, queued_at)
    VALUES (${networkId}, ${holderId}, ${accountId}, ${status}, ${queuedAt})
    RETURNING id, queue_no`.execute(db);
  return r.rows[0]!;
}

/** Position (1-based) on the holder's waitlist of a waitlisted claim: those who arrived before it, and it. */
export async function waitlistPosition(
  db: Executor,
  t: PlaceTable,
  networkId: string,
  holderId: string,
  claimId: string,
): Promise<number> {
  const r = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM ${claims(t)} w, ${claims(t)} me
    WHERE me.network_id = ${networkId} AND me.id = ${claimId}
      AND w.network_id = me.network_id AND w.${holderRef(t)} = ${holderId} AND w.status = 'waitlisted'
      AND (w.queued_at, w.queue_no) <= (me.queued_at, me.queue_no)`.execute(db);
  return r.rows[0]?.n ?? 0;
}

export type ClaimResult =
  | { ok: true; claimId: string; status: 'signed_up' | 'waitlisted'; position: number | null }
  | { ok: false; reason: 'full'; available: NonNullable<ProblemDetails['available']> }
  | { ok: false; reason: 'already' };

/**
 * What a full holder still offers, for a refusal a program can act on (problem+json `available`):
 * no place, how many it has and how many are taken, whether a waitlist takes more and how long it is.
 */
export async function fullDetails(
  db: Executor,
  t: PlaceTable,
  networkId: string,
  holderId: string,
): Promise<NonNullable<ProblemDetails['available']>> {
  const r = await sql<{ capacity: number | null; signed_up: number; waitlist_enabled: boolean; n: number }>`
    SELECT h.capacity, h.signed_up, h.waitlist_enabled,
      (SELECT count(*)::int FROM ${claims(t)} c WHERE c.network_id = h.network_id
        AND c.${holderRef(t)} = h.id AND c.status = 'waitlisted') AS n
    FROM ${holder(t)} h WHERE h.network_id = ${networkId} AND h.id = ${holderId}`.execute(db);
  const h = r.rows[0];
  return {
    places: h && h.capacity !== null ? Math.max(0, h.capacity - h.signed_up) : 0,
    ...(h?.capacity != null ? { capacity: h.capacity } : {}),
    taken: h?.signed_up ?? 0,
    waitlist: h?.waitlist_enabled ?? false,
    waitlisted: h?.n ?? 0,
  };
}

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
  arrivedAt?: number,
): Promise<ClaimResult> {
  if (await activeClaimOf(db, t, networkId, h.id, accountId)) return { ok: false, reason: 'already' };
  const free = h.capacity === null || h.signed_up < h.capacity;
  const full = async (): Promise<ClaimResult> => ({
    ok: false,
    reason: 'full',
    available: await fullDetails(db, t, networkId, h.id),
  });
  if (!free && !h.waitlist_enabled) return full();
  const status = free ? 'signed_up' : 'waitlisted';
  let row: { id: string; queue_no: number };
  try {
    row = await insertClaim(db, t, networkId, h.id, accountId, status, arrivedAt);
  } catch (err) {
    // the statement failed, so the transaction is aborted: what is available cannot be read any more
    if (isOverCapacity(err, t)) return { ok: false, reason: 'full', available: { places: 0 } };
    if ((err as { code?: string }).code === '23505') return { ok: false, reason: 'already' };
    throw err;
  }
  const position = status === 'waitlisted' ? await waitlistPosition(db, t, networkId, h.id, row.id) : null;
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
      ORDER BY queued_at, queue_no LIMIT 1 FOR UPDATE`.execute(db);
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
 * Whether a claim that is being withdrawn had come to its person from the waitlist without them having
 * seen it: the promotion's notice (`kind`) is still unread. It was written in the promotion's
 * transaction, so at the very `now()` of the claim's `promoted_at`, which finds it. Then the person may
 * well have meant to leave the waitlist and sent that at the moment a place became theirs (or was taken
 * off by a coordinator then); either way the notice no longer holds. It is marked read here, and the
 * caller tells the person the place is gone (its area's correction), so nobody is left with a "you have
 * a place" that is not true. In the withdrawal's transaction, under the holder's lock.
 */
export async function promotionUnseen(
  db: Executor,
  t: PlaceTable,
  networkId: string,
  claimId: string,
  kind: NotificationKind,
): Promise<boolean> {
  const r = await sql<{ id: string }>`
    UPDATE notification n SET read_at = now()
    FROM ${claims(t)} c
    WHERE c.network_id = ${networkId} AND c.id = ${claimId} AND c.promoted_at IS NOT NULL
      AND n.network_id = c.network_id AND n.account_id = c.account_id AND n.kind = ${kind}
      AND n.created_at = c.promoted_at AND n.read_at IS NULL
    RETURNING n.id`.execute(db);
  return r.rows.length > 0;
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
