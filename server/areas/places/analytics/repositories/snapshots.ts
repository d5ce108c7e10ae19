import { sql } from 'kysely';
import type { Executor } from '../../../../db/tx.ts';
import { snapshotNowJob } from '../commands/snapshot.ts';
import type { MonthFigures, NodeView, Period, TieView, ViewArea, ViewFigures } from '../snapshot.ts';

/**
 * What the network page checks on every request before it answers from what it keeps, in one round
 * trip: the newest snapshot's id (undefined before the first one), whether a "compute now" is
 * waiting or running, and the districts the page lists.
 */
export async function pageFacts(db: Executor, networkId: string) {
  const r = await sql<{ latest: string | null; pending: boolean; districts: { id: string; name: string }[] }>`
    SELECT
      (SELECT id FROM places_analytics_snapshot WHERE network_id = ${networkId}
        ORDER BY computed_at DESC, id DESC LIMIT 1) AS latest,
      EXISTS (SELECT 1 FROM job WHERE network_id = ${networkId} AND kind = ${snapshotNowJob}
        AND status IN ('pending', 'running')) AS pending,
      (SELECT coalesce(json_agg(json_build_object('id', d.id, 'name', d.name) ORDER BY d.name), '[]')
        FROM district d WHERE d.network_id = ${networkId}) AS districts`.execute(db);
  const row = r.rows[0]!;
  return { latestId: row.latest ?? undefined, pending: row.pending, districts: row.districts };
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
