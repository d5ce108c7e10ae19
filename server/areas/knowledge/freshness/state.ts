import { type Static, Type } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import type { FreshnessTarget } from '../../../db/schema.ts';
import type { Executor } from '../../../db/tx.ts';
import { Timestamp, Uuid } from '../../../http/schemas.ts';

/**
 * How fresh a wiki page or a map report is — the one definition every part shows: who keeps it
 * current, when someone last said "still correct", when the next check is due, how many readers
 * said it is out of date; stale when the check is overdue or a reader's note is open. Lists and
 * pages of the wiki and the map include it (`freshness` in their views), so stale content is marked
 * wherever it is shown.
 */
export const FreshnessView = Type.Object({
  ownerId: Type.Union([Uuid, Type.Null()]),
  ownerName: Type.Union([Type.String(), Type.Null()]),
  reviewIntervalDays: Type.Integer(),
  reviewedAt: Timestamp,
  reviewDueAt: Timestamp,
  /** readers' "out of date" notes not yet dealt with */
  outdatedNotes: Type.Integer(),
  stale: Type.Boolean(),
});

export type Freshness = Static<typeof FreshnessView>;

export interface FreshnessRow {
  id: string;
  owner_id: string | null;
  review_interval_days: number;
  reviewed_at: Date;
}

const day = 86_400_000;

/** When the next "still correct?" is due. */
export const reviewDueAt = (row: Pick<FreshnessRow, 'reviewed_at' | 'review_interval_days'>) =>
  new Date(row.reviewed_at.getTime() + row.review_interval_days * day);

/**
 * The freshness of each row, by id: owner names and open notes read in one statement for all of them
 * (a statement's round trip costs the server more than its reading here; docs/PERFORMANCE.md).
 */
export async function freshnessOf(
  db: Executor,
  networkId: string,
  targetType: FreshnessTarget,
  rows: readonly FreshnessRow[],
  now = new Date(),
): Promise<Map<string, Freshness>> {
  const out = new Map<string, Freshness>();
  if (rows.length === 0) return out;
  const { rows: found } = await sql<{ id: string; owner_name: string | null; open: string }>`
    SELECT t.id, a.display_name AS owner_name,
      (SELECT count(*) FROM knowledge_outdated o
        WHERE o.network_id = ${networkId} AND o.target_type = ${targetType} AND o.target_id = t.id
          AND o.resolved_at IS NULL) AS open
    FROM unnest(${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.owner_id)}::uuid[]) AS t(id, owner_id)
    LEFT JOIN account a ON a.network_id = ${networkId} AND a.id = t.owner_id`.execute(db);
  const names = new Map(found.map((f) => [f.id, f.owner_name]));
  const open = new Map(found.map((f) => [f.id, Number(f.open)]));
  for (const r of rows) {
    const due = reviewDueAt(r);
    const outdatedNotes = open.get(r.id) ?? 0;
    out.set(r.id, {
      ownerId: r.owner_id,
      ownerName: r.owner_id ? (names.get(r.id) ?? null) : null,
      reviewIntervalDays: r.review_interval_days,
      reviewedAt: r.reviewed_at.toISOString(),
      reviewDueAt: due.toISOString(),
      outdatedNotes,
      stale: due.getTime() <= now.getTime() || outdatedNotes > 0,
    });
  }
  return out;
}
