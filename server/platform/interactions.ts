import type { Area, PartyType } from '../db/schema.ts';
import type { Executor } from '../db/tx.ts';

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

/**
 * Writes one edge of the community graph. Every area calls this for each meaningful interaction;
 * the network analytics of area 6 read it. An interaction of a party with itself is not recorded.
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
    })
    .onConflict((oc) => oc.doNothing());
}
