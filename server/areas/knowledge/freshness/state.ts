import { type Static, Type } from '@fastify/type-provider-typebox';
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

/** The freshness of each row, by id: owner names and open notes read in two statements for all of them. */
export async function freshnessOf(
  db: Executor,
  networkId: string,
  targetType: FreshnessTarget,
  rows: readonly FreshnessRow[],
  now = new Date(),
): Promise<Map<string, Freshness>> {
  const out = new Map<string, Freshness>();
  if (rows.length === 0) return out;
  const ownerIds = [...new Set(rows.flatMap((r) => (r.owner_id ? [r.owner_id] : [])))];
  const [owners, notes] = await Promise.all([
    ownerIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('account')
          .select(['id', 'display_name'])
          .where('network_id', '=', networkId)
          .where('id', 'in', ownerIds)
          .execute(),
    db
      .selectFrom('knowledge_outdated')
      .select(['target_id', (eb) => eb.fn.countAll<string>().as('n')])
      .where('network_id', '=', networkId)
      .where('target_type', '=', targetType)
      .where(
        'target_id',
        'in',
        rows.map((r) => r.id),
      )
      .where('resolved_at', 'is', null)
      .groupBy('target_id')
      .execute(),
  ]);
  const names = new Map(owners.map((o) => [o.id, o.display_name]));
  const open = new Map(notes.map((n) => [n.target_id, Number(n.n)]));
  for (const r of rows) {
    const due = reviewDueAt(r);
    const outdatedNotes = open.get(r.id) ?? 0;
    out.set(r.id, {
      ownerId: r.owner_id,
      ownerName: r.owner_id ? (names.get(r.owner_id) ?? null) : null,
      reviewIntervalDays: r.review_interval_days,
      reviewedAt: r.reviewed_at.toISOString(),
      reviewDueAt: due.toISOString(),
      outdatedNotes,
      stale: due.getTime() <= now.getTime() || outdatedNotes > 0,
    });
  }
  return out;
}
