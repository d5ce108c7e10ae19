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

/** What a row's freshness needs beyond its own columns: its owner's name and the readers' open notes. */
export interface FreshnessColumns {
  fresh_owner_name: string | null;
  fresh_open_notes: number;
}

/**
 * The two columns of FreshnessColumns for the rows of `alias` (a table or a set with `id` and
 * `owner_id`), to select beside them: a list reads its page's freshness in its own statement, since
 * a statement's round trip costs the server and the database more than these lookups of a page's
 * rows (docs/PERFORMANCE.md, "The map view in one statement").
 */
export function freshnessColumns(networkId: string, targetType: FreshnessTarget, alias: string) {
  const [id, owner] = [sql.ref(`${alias}.id`), sql.ref(`${alias}.owner_id`)];
  return [
    sql<string | null>`(SELECT a.display_name FROM account a
      WHERE a.network_id = ${networkId} AND a.id = ${owner})`.as('fresh_owner_name'),
    sql<number>`(SELECT count(*)::int FROM knowledge_outdated o
      WHERE o.network_id = ${networkId} AND o.target_type = ${targetType} AND o.target_id = ${id}
        AND o.resolved_at IS NULL)`.as('fresh_open_notes'),
  ] as const;
}

/** A row's freshness from its columns and those of freshnessColumns. */
export function freshnessOfRow(r: FreshnessRow & FreshnessColumns, now = new Date()): Freshness {
  const due = reviewDueAt(r);
  return {
    ownerId: r.owner_id,
    ownerName: r.owner_id ? r.fresh_owner_name : null,
    reviewIntervalDays: r.review_interval_days,
    reviewedAt: r.reviewed_at.toISOString(),
    reviewDueAt: due.toISOString(),
    outdatedNotes: r.fresh_open_notes,
    stale: due.getTime() <= now.getTime() || r.fresh_open_notes > 0,
  };
}

/** The freshness of each row, by id: the columns of freshnessColumns read in one statement for all of them. */
export async function freshnessOf(
  db: Executor,
  networkId: string,
  targetType: FreshnessTarget,
  rows: readonly FreshnessRow[],
  now = new Date(),
): Promise<Map<string, Freshness>> {
  const out = new Map<string, Freshness>();
  if (rows.length === 0) return out;
  const { rows: found } = await sql<{ id: string } & FreshnessColumns>`
    SELECT t.id, ${sql.join(freshnessColumns(networkId, targetType, 't'))}
    FROM unnest(${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.owner_id)}::uuid[]) AS t(id, owner_id)`.execute(
    db,
  );
  const columns = new Map(found.map((f) => [f.id, f]));
  for (const r of rows) {
    const c = columns.get(r.id);
    out.set(
      r.id,
      freshnessOfRow(
        { ...r, fresh_owner_name: c?.fresh_owner_name ?? null, fresh_open_notes: c?.fresh_open_notes ?? 0 },
        now,
      ),
    );
  }
  return out;
}
