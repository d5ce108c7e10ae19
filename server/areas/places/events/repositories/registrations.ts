import { sql } from 'kysely';
import type { Executor } from '../../../../db/tx.ts';
import type { PlaceTable } from '../../../../platform/capacity.ts';

/**
 * An event's places through the platform's one mechanism for places (platform/capacity.ts), the same
 * Mitmachen's shifts use: the event holds them, its registrations claim them.
 */
export const eventPlaces: PlaceTable = {
  holder: 'place_event',
  claims: 'place_event_registration',
  holderColumn: 'event_id',
  constraint: 'place_event_within_capacity',
};

const columns = [
  'r.id',
  'r.event_id',
  'r.account_id',
  'r.status',
  'r.queue_no',
  'r.created_at',
  'r.checked_in_at',
] as const;

export type RegistrationRow = NonNullable<Awaited<ReturnType<typeof findRegistration>>>;

export async function findRegistration(db: Executor, networkId: string, id: string) {
  return db
    .selectFrom('place_event_registration as r')
    .select(columns)
    .where('r.network_id', '=', networkId)
    .where('r.id', '=', id)
    .executeTakeFirst();
}

/** The person's active registration for the event, with its place on the waitlist. */
export async function myRegistration(db: Executor, networkId: string, eventId: string, accountId: string) {
  return db
    .selectFrom('place_event_registration as r')
    .select([
      ...columns,
      sql<
        number | null
      >`CASE WHEN r.status = 'waitlisted' THEN (SELECT count(*)::int FROM place_event_registration w
        WHERE w.network_id = r.network_id AND w.event_id = r.event_id AND w.status = 'waitlisted'
          AND (w.queued_at, w.queue_no) <= (r.queued_at, r.queue_no)) END`.as('position'),
    ])
    .where('r.network_id', '=', networkId)
    .where('r.event_id', '=', eventId)
    .where('r.account_id', '=', accountId)
    .where('r.status', '<>', 'withdrawn')
    .executeTakeFirst();
}

/** Everyone registered (not withdrawn): those with a place first, then the waitlist in order. */
export async function registrationsOf(db: Executor, networkId: string, eventId: string) {
  return db
    .selectFrom('place_event_registration as r')
    .innerJoin('account as a', (j) =>
      j.onRef('a.network_id', '=', 'r.network_id').onRef('a.id', '=', 'r.account_id'),
    )
    .select([...columns, 'a.display_name', 'a.email', 'a.locale'])
    .where('r.network_id', '=', networkId)
    .where('r.event_id', '=', eventId)
    .where('r.status', '<>', 'withdrawn')
    .orderBy(sql`CASE WHEN r.status = 'waitlisted' THEN 1 ELSE 0 END`)
    .orderBy('r.queued_at')
    .orderBy('r.queue_no')
    .limit(10000)
    .execute();
}

/** The person's registrations (not withdrawn) for events ending after `from`, earliest first. */
export async function registrationsOfPerson(
  db: Executor,
  networkId: string,
  accountId: string,
  o: { from: Date; to?: Date; limit: number },
) {
  let q = db
    .selectFrom('place_event_registration as r')
    .innerJoin('place_event as e', (j) =>
      j.onRef('e.network_id', '=', 'r.network_id').onRef('e.id', '=', 'r.event_id'),
    )
    .select([
      ...columns,
      'e.title',
      'e.starts_at',
      'e.ends_at',
      'e.status as event_status',
      sql<
        number | null
      >`CASE WHEN r.status = 'waitlisted' THEN (SELECT count(*)::int FROM place_event_registration w
        WHERE w.network_id = r.network_id AND w.event_id = r.event_id AND w.status = 'waitlisted'
          AND (w.queued_at, w.queue_no) <= (r.queued_at, r.queue_no)) END`.as('position'),
    ])
    .where('r.network_id', '=', networkId)
    .where('r.account_id', '=', accountId)
    .where('r.status', '<>', 'withdrawn')
    .where('e.ends_at', '>', o.from);
  if (o.to) q = q.where('e.starts_at', '<', o.to);
  return q.orderBy('e.starts_at').orderBy('e.id').limit(o.limit).execute();
}

/** People to tell about a change or a cancellation: everyone with a place or on the waitlist. */
export async function activeRegistrants(db: Executor, networkId: string, eventId: string) {
  return db
    .selectFrom('place_event_registration as r')
    .innerJoin('account as a', (j) =>
      j.onRef('a.network_id', '=', 'r.network_id').onRef('a.id', '=', 'r.account_id'),
    )
    .select(['r.id', 'r.account_id', 'r.status', 'a.display_name', 'a.email', 'a.locale'])
    .where('r.network_id', '=', networkId)
    .where('r.event_id', '=', eventId)
    .where('r.status', 'in', ['signed_up', 'waitlisted'])
    .orderBy('r.queued_at')
    .orderBy('r.queue_no')
    .execute();
}

/** A moved event reminds everyone again before its new start. */
export async function forgetReminders(db: Executor, networkId: string, eventId: string) {
  await db
    .updateTable('place_event_registration')
    .set({ reminded_at: null })
    .where('network_id', '=', networkId)
    .where('event_id', '=', eventId)
    .execute();
}

/** The person's secret calendar URL: the one active one replaced by a new hash. */
export async function replaceFeed(db: Executor, networkId: string, accountId: string, tokenHash: string) {
  await revokeFeed(db, networkId, accountId);
  await db
    .insertInto('place_event_feed')
    .values({ network_id: networkId, token_hash: tokenHash, account_id: accountId })
    .execute();
}

export async function revokeFeed(db: Executor, networkId: string, accountId: string) {
  const r = await db
    .updateTable('place_event_feed')
    .set({ revoked_at: sql<Date>`now()` })
    .where('network_id', '=', networkId)
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function activeFeedOf(db: Executor, networkId: string, accountId: string) {
  return db
    .selectFrom('place_event_feed')
    .select(['created_at'])
    .where('network_id', '=', networkId)
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

/** The account a secret feed URL belongs to, while neither is revoked nor blocked. */
export async function feedOwner(db: Executor, networkId: string, tokenHash: string) {
  return db
    .selectFrom('place_event_feed as f')
    .innerJoin('account as a', (j) =>
      j.onRef('a.network_id', '=', 'f.network_id').onRef('a.id', '=', 'f.account_id'),
    )
    .select(['f.account_id', 'a.locale'])
    .where('f.network_id', '=', networkId)
    .where('f.token_hash', '=', tokenHash)
    .where('f.revoked_at', 'is', null)
    .where('a.blocked_at', 'is', null)
    .executeTakeFirst();
}

/** The interaction an attendance wrote, taken back when the host corrects it to "did not come". */
export async function forgetInteraction(
  db: Executor,
  networkId: string,
  source: { type: string; id: string },
) {
  await db
    .deleteFrom('interaction')
    .where('network_id', '=', networkId)
    .where('source_type', '=', source.type)
    .where('source_id', '=', source.id)
    .execute();
}
