import { type Kysely, sql } from 'kysely';
import type { DB } from '../../../../db/schema.ts';
import { type Executor, executeTx } from '../../../../db/tx.ts';
import { enqueue } from '../../../../platform/jobs.ts';
import { computeSnapshot, renderSnapshot } from '../compute.ts';
import { computeInWorker } from '../inWorker.ts';
import { readGraphData, snapshotWindow } from '../repositories/graphData.ts';

/**
 * Takes a snapshot of the network analytics: the database aggregates the interactions (one
 * repeatable-read transaction, so every figure of a snapshot describes the same moment), a worker
 * thread computes the measures, and one transaction writes the snapshot with all its views — a page
 * sees the previous snapshot or the whole new one, never half of it.
 *
 * Retention: a snapshot is kept whole for 7 days; after that its nodes and ties go and its figures
 * and trend stay; after 35 days only the newest snapshot of each calendar month stays; after 24
 * months it goes. Pages read only the newest snapshot; the older ones are the history of the
 * figures.
 */

export const snapshotJob = 'places.analytics.snapshot';
/** "Compute now", queued by a coordinator: a kind of its own, so it does not replace the nightly run. */
export const snapshotNowJob = 'places.analytics.snapshot_now';

export async function takeSnapshot(
  db: Executor,
  networkId: string,
  opts: { now?: Date; inThread?: boolean } = {},
): Promise<string> {
  const started = Date.now();
  const now = opts.now ?? new Date();
  // inside a caller's transaction (the demo seed) it reads there; otherwise in one of its own
  const input = db.isTransaction
    ? await readGraphData(db, networkId, now)
    : await (db as Kysely<DB>)
        .transaction()
        .setIsolationLevel('repeatable read')
        .execute((tx) => readGraphData(tx, networkId, now));
  const computed =
    opts.inThread === false ? renderSnapshot(computeSnapshot(input)) : await computeInWorker(input);
  const w = snapshotWindow(now);
  return executeTx(db, async (tx) => {
    const { id } = await tx
      .insertInto('places_analytics_snapshot')
      .values({
        network_id: networkId,
        computed_at: now,
        until_month: w.until,
        months: w.months.length,
        duration_ms: Date.now() - started,
        trend: computed.trend,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const v of computed.views)
      await tx
        .insertInto('places_analytics_view')
        .values({
          network_id: networkId,
          snapshot_id: id,
          period: v.period,
          area: v.area,
          figures: v.figures,
          nodes: v.nodes,
          ties: v.ties,
        })
        .execute();
    await pruneSnapshots(tx, networkId, now);
    return id;
  });
}

/** The retention rule above, as of `now`. */
export async function pruneSnapshots(db: Executor, networkId: string, now: Date) {
  await sql`
    UPDATE places_analytics_view v SET nodes = '[]'::jsonb, ties = '[]'::jsonb
    FROM places_analytics_snapshot s
    WHERE s.network_id = ${networkId} AND v.network_id = s.network_id AND v.snapshot_id = s.id
      AND s.computed_at < ${now}::timestamptz - interval '7 days' AND v.nodes <> '[]'::jsonb
  `.execute(db);
  await sql`
    DELETE FROM places_analytics_snapshot s
    WHERE s.network_id = ${networkId}
      AND (s.computed_at < ${now}::timestamptz - interval '24 months'
           OR (s.computed_at < ${now}::timestamptz - interval '35 days'
               AND EXISTS (SELECT 1 FROM places_analytics_snapshot t
                           WHERE t.network_id = s.network_id
                             AND date_trunc('month', t.computed_at) = date_trunc('month', s.computed_at)
                             AND (t.computed_at, t.id) > (s.computed_at, s.id))))
  `.execute(db);
}

/** A coordinator's "compute now": at most one waiting at a time. */
export async function requestSnapshot(db: Executor, networkId: string) {
  await enqueue(db, { networkId, kind: snapshotNowJob, dedupeKey: 'now' });
}
