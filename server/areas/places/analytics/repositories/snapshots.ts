import { sql } from 'kysely';
import type { Executor } from '../../../../db/tx.ts';
import type { MonthFigures, NodeView, Period, TieView, ViewArea, ViewFigures } from '../snapshot.ts';

/** The newest snapshot's facts, or undefined before the first one. */
export async function latestSnapshot(db: Executor, networkId: string) {
  const row = await db
    .selectFrom('places_analytics_snapshot')
    .select(['id', 'computed_at', 'until_month', 'months', 'duration_ms'])
    .where('network_id', '=', networkId)
    .orderBy('computed_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row;
}

export interface StoredView {
  snapshot: { id: string; computedAt: Date; untilMonth: string; months: number };
  figures: ViewFigures;
  nodes: NodeView[];
  ties: TieView[];
  trend: MonthFigures[];
}

/** One view (period × area) of the newest snapshot with its trend: one indexed read. */
export async function readLatestView(
  db: Executor,
  networkId: string,
  period: Period,
  area: ViewArea,
): Promise<StoredView | undefined> {
  const row = await sql<{
    id: string;
    computed_at: Date;
    until_month: string;
    months: number;
    trend: unknown;
    figures: unknown;
    nodes: unknown;
    ties: unknown;
  }>`
    SELECT s.id, s.computed_at, s.until_month, s.months, s.trend, v.figures, v.nodes, v.ties
    FROM (SELECT * FROM places_analytics_snapshot WHERE network_id = ${networkId}
          ORDER BY computed_at DESC, id DESC LIMIT 1) s
    JOIN places_analytics_view v ON v.network_id = s.network_id AND v.snapshot_id = s.id
    WHERE v.period = ${period} AND v.area = ${area}
  `.execute(db);
  const r = row.rows[0];
  if (!r) return undefined;
  return {
    snapshot: {
      id: r.id,
      computedAt: new Date(r.computed_at),
      untilMonth: String(r.until_month),
      months: r.months,
    },
    figures: r.figures as ViewFigures,
    nodes: r.nodes as NodeView[],
    ties: r.ties as TieView[],
    trend: r.trend as MonthFigures[],
  };
}
