import { type Kysely, sql } from 'kysely';
import type { Area, DB, PartyType } from '../db/schema.ts';
import type { Executor } from '../db/tx.ts';
import { enqueue } from './jobs.ts';

export interface Party {
  type: PartyType;
  id: string;
}

export interface InteractionInput {
  networkId: string;
  area: Area;
  /** what happened, e.g. 'loan', 'booking', 'shift', 'transfer', 'meeting' */
  kind: string;
  mode: 'online' | 'offline';
  a: Party;
  b: Party;
  occurredAt?: Date;
  /** the record that caused it; with it, recording the same interaction twice is a no-op */
  source?: { type: string; id: string };
}

/** The source type of an interaction a person logged by hand (a meeting, a phone call). */
export const loggedByHand = 'manual';
/** How long a person has to confirm an interaction logged with them before it goes. */
export const confirmationDays = 30;
export const expireInteractionJob = 'interaction.expire';
/**
 * How long someone cannot log a new interaction with a person after that person removed one they had
 * logged with them (declined it, or took back a confirmation): otherwise a "no" would only bring the
 * next request, and the next notification.
 */
export const cooldownDays = 30;

/**
 * Logged by hand with a person: it waits for that person's confirmation. Everything else is recorded
 * by the activity both sides took part in (a loan, a shift, a transfer) and counts at once.
 */
const needsConfirmation = (i: InteractionInput) => i.source?.type === loggedByHand && i.b.type === 'person';

/**
 * Writes one edge of the community graph. Every area calls this for each meaningful interaction;
 * the network analytics of area 6 read it (confirmed edges only). An interaction of a party with
 * itself is not recorded. One logged by hand with a person is pending until they confirm it; the
 * caller schedules its expiry (`scheduleExpiry`).
 */
export async function recordInteraction(db: Executor, i: InteractionInput): Promise<boolean> {
  const q = interactionInsert(db, i);
  if (!q) return false;
  const r = await q.executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/** The interaction as a query (null for a party with itself), to write with others in one statement. */
export function interactionInsert(db: Executor, i: InteractionInput) {
  if (i.a.type === i.b.type && i.a.id === i.b.id) return null;
  return db
    .insertInto('interaction')
    .values({
      network_id: i.networkId,
      area: i.area,
      kind: i.kind,
      mode: i.mode,
      a_type: i.a.type,
      a_id: i.a.id,
      b_type: i.b.type,
      b_id: i.b.id,
      occurred_at: i.occurredAt ?? new Date(),
      source_type: i.source?.type ?? null,
      source_id: i.source?.id ?? null,
      status: needsConfirmation(i) ? 'pending' : 'confirmed',
    })
    .onConflict((oc) => oc.doNothing());
}

/** A pending interaction goes when nobody confirmed it in time (in the caller's transaction). */
export async function scheduleExpiry(db: Executor, networkId: string, interactionId: string) {
  await enqueue(db, {
    networkId,
    kind: expireInteractionJob,
    payload: { interactionId },
    runAt: new Date(Date.now() + confirmationDays * 86_400_000),
  });
}

/** The job: deletes the interaction if it is still waiting for confirmation (a confirmed one stays). */
export async function expireInteraction(db: Kysely<DB>, networkId: string, interactionId: string) {
  await db
    .deleteFrom('interaction')
    .where('network_id', '=', networkId)
    .where('id', '=', interactionId)
    .where('status', '=', 'pending')
    .execute();
}

/**
 * The person removed an interaction `requesterId` logged by hand with them: for `cooldownDays` that
 * requester cannot log another with them (a second "no" starts the period again). In the caller's
 * transaction, so the cool-down begins exactly when the interaction goes.
 */
export async function startCooldown(db: Executor, networkId: string, requesterId: string, personId: string) {
  const until = sql<Date>`now() + make_interval(days => ${cooldownDays})`;
  await db
    .insertInto('interaction_cooldown')
    .values({ network_id: networkId, requester_id: requesterId, person_id: personId, until })
    .onConflict((oc) => oc.columns(['network_id', 'requester_id', 'person_id']).doUpdateSet({ until }))
    .execute();
}

/** Whether the requester is still in a cool-down with this person. */
export async function inCooldown(db: Executor, networkId: string, requesterId: string, personId: string) {
  const row = await db
    .selectFrom('interaction_cooldown')
    .select('until')
    .where('network_id', '=', networkId)
    .where('requester_id', '=', requesterId)
    .where('person_id', '=', personId)
    .where('until', '>', sql<Date>`now()`)
    .executeTakeFirst();
  return row !== undefined;
}

/** Part of the daily clean-up: a cool-down that is over is forgotten. */
export async function pruneCooldowns(db: Executor, networkId: string) {
  await db
    .deleteFrom('interaction_cooldown')
    .where('network_id', '=', networkId)
    .where('until', '<=', sql<Date>`now()`)
    .execute();
}
