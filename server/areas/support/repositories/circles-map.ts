import { sql } from 'kysely';
import type { MapSector, SupportKind, TieQuality } from '../../../db/schema.ts';
import type { Executor } from '../../../db/tx.ts';

/** An entry as stored, and as copied into a snapshot. */
export interface MapEntry {
  id: string;
  sector: MapSector;
  ring: number;
  label: string;
  show_label: boolean;
  account_id: string | null;
  quality: TieQuality;
  support: SupportKind[];
  note: string;
}
export interface MapTie {
  id: string;
  a_entry_id: string;
  b_entry_id: string;
  quality: TieQuality;
  support: SupportKind[];
}
export interface MapData {
  entries: MapEntry[];
  ties: MapTie[];
}

const entryColumns = [
  'id',
  'sector',
  'ring',
  'label',
  'show_label',
  'account_id',
  'quality',
  'support',
  'note',
] as const;

export async function currentMap(db: Executor, networkId: string, circleId: string): Promise<MapData> {
  const entries = await db
    .selectFrom('circle_map_entry')
    .select([...entryColumns])
    .where('network_id', '=', networkId)
    .where('circle_id', '=', circleId)
    .orderBy('sector')
    .orderBy('ring')
    .orderBy('created_at')
    .execute();
  const ties = await db
    .selectFrom('circle_map_tie')
    .select(['id', 'a_entry_id', 'b_entry_id', 'quality', 'support'])
    .where('network_id', '=', networkId)
    .where('circle_id', '=', circleId)
    .orderBy('created_at')
    .execute();
  return { entries, ties };
}

export async function findEntry(db: Executor, networkId: string, circleId: string, entryId: string) {
  return db
    .selectFrom('circle_map_entry')
    .select([...entryColumns])
    .where('network_id', '=', networkId)
    .where('circle_id', '=', circleId)
    .where('id', '=', entryId)
    .executeTakeFirst();
}

export interface EntryFields {
  sector?: MapSector;
  ring?: number;
  label?: string;
  showLabel?: boolean;
  accountId?: string | null;
  quality?: TieQuality;
  support?: SupportKind[];
  note?: string;
}

const entrySet = (f: EntryFields) => ({
  ...(f.sector !== undefined ? { sector: f.sector } : {}),
  ...(f.ring !== undefined ? { ring: f.ring } : {}),
  ...(f.label !== undefined ? { label: f.label } : {}),
  ...(f.showLabel !== undefined ? { show_label: f.showLabel } : {}),
  ...(f.accountId !== undefined ? { account_id: f.accountId } : {}),
  ...(f.quality !== undefined ? { quality: f.quality } : {}),
  ...(f.support !== undefined ? { support: f.support } : {}),
  ...(f.note !== undefined ? { note: f.note } : {}),
});

export async function insertEntry(
  db: Executor,
  networkId: string,
  circleId: string,
  f: EntryFields & { sector: MapSector; ring: number; label: string },
) {
  return db
    .insertInto('circle_map_entry')
    .values({
      network_id: networkId,
      circle_id: circleId,
      account_id: null,
      ...entrySet(f),
      sector: f.sector,
      ring: f.ring,
      label: f.label,
    })
    .returning([...entryColumns])
    .executeTakeFirstOrThrow();
}

export async function updateEntry(
  db: Executor,
  networkId: string,
  circleId: string,
  entryId: string,
  f: EntryFields,
) {
  return db
    .updateTable('circle_map_entry')
    .set({ ...entrySet(f), updated_at: sql`now()` })
    .where('network_id', '=', networkId)
    .where('circle_id', '=', circleId)
    .where('id', '=', entryId)
    .returning([...entryColumns])
    .executeTakeFirst();
}

export async function deleteEntry(db: Executor, networkId: string, circleId: string, entryId: string) {
  const r = await db
    .deleteFrom('circle_map_entry')
    .where('network_id', '=', networkId)
    .where('circle_id', '=', circleId)
    .where('id', '=', entryId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function insertTie(
  db: Executor,
  networkId: string,
  circleId: string,
  t: { a: string; b: string; quality?: TieQuality; support?: SupportKind[] },
) {
  const [a, b] = t.a < t.b ? [t.a, t.b] : [t.b, t.a];
  return db
    .insertInto('circle_map_tie')
    .values({
      network_id: networkId,
      circle_id: circleId,
      a_entry_id: a,
      b_entry_id: b,
      ...(t.quality ? { quality: t.quality } : {}),
      ...(t.support ? { support: t.support } : {}),
    })
    .returning(['id', 'a_entry_id', 'b_entry_id', 'quality', 'support'])
    .executeTakeFirstOrThrow();
}

export async function updateTie(
  db: Executor,
  networkId: string,
  circleId: string,
  tieId: string,
  f: { quality?: TieQuality; support?: SupportKind[] },
) {
  return db
    .updateTable('circle_map_tie')
    .set({
      ...(f.quality !== undefined ? { quality: f.quality } : {}),
      ...(f.support !== undefined ? { support: f.support } : {}),
    })
    .where('network_id', '=', networkId)
    .where('circle_id', '=', circleId)
    .where('id', '=', tieId)
    .returning(['id', 'a_entry_id', 'b_entry_id', 'quality', 'support'])
    .executeTakeFirst();
}

export async function deleteTie(db: Executor, networkId: string, circleId: string, tieId: string) {
  const r = await db
    .deleteFrom('circle_map_tie')
    .where('network_id', '=', networkId)
    .where('circle_id', '=', circleId)
    .where('id', '=', tieId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function insertSnapshot(
  db: Executor,
  networkId: string,
  circleId: string,
  s: { title: string; data: MapData; createdBy: string; takenAt?: Date },
) {
  return db
    .insertInto('circle_map_snapshot')
    .values({
      network_id: networkId,
      circle_id: circleId,
      title: s.title,
      data: JSON.stringify(s.data),
      created_by: s.createdBy,
      ...(s.takenAt ? { taken_at: s.takenAt } : {}),
    })
    .returning(['id', 'title', 'taken_at', 'data'])
    .executeTakeFirstOrThrow();
}

export async function listSnapshots(db: Executor, networkId: string, circleId: string) {
  return db
    .selectFrom('circle_map_snapshot')
    .select(['id', 'title', 'taken_at', 'data'])
    .where('network_id', '=', networkId)
    .where('circle_id', '=', circleId)
    .orderBy('taken_at')
    .execute();
}

export async function findSnapshot(db: Executor, networkId: string, circleId: string, snapshotId: string) {
  return db
    .selectFrom('circle_map_snapshot')
    .select(['id', 'title', 'taken_at', 'data'])
    .where('network_id', '=', networkId)
    .where('circle_id', '=', circleId)
    .where('id', '=', snapshotId)
    .executeTakeFirst();
}
