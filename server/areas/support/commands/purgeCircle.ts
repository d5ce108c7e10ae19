import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { type Executor, executeTx } from '../../../db/tx.ts';
import { enqueue } from '../../../platform/jobs.ts';
import { webPaths } from '../../../platform/webPaths.ts';

export const purgeJob = 'circle.purge';
export const graceDays = 30;

/** Schedules the purge for the end of the grace period (in the caller's transaction). */
export async function schedulePurge(db: Executor, networkId: string, circleId: string, at: Date) {
  await enqueue(db, {
    networkId,
    kind: purgeJob,
    payload: { circleId },
    runAt: at,
    dedupeKey: `${circleId}:${at.toISOString()}`,
  });
}

/**
 * Erases a circle whose deletion was requested and whose grace period is over.
 *
 * Guarantees: nothing identifying remains — the circle and everything in it (the files attached to
 * updates, and consent records and map snapshots, whose append-only guard yields only to the circle's
 * own deletion), the members' notifications that point into it, pending jobs about it, the care-task edges it added to the
 * community graph, and the audit log's rows about it (who created it, who was invited, which
 * professionals read it). A circle whose deletion was cancelled, or whose grace period is not over, is left
 * alone, so running the job early or twice is harmless. The audit trail keeps only that an (unnamed)
 * circle id was purged.
 */
export async function purgeCircle(db: Kysely<DB>, networkId: string, circleId: string): Promise<boolean> {
  return executeTx(db, async (tx) => {
    const c = await tx
      .selectFrom('circle')
      .select(['id'])
      .where('network_id', '=', networkId)
      .where('id', '=', circleId)
      .where('status', '=', 'deletion_requested')
      .where('purge_after', '<=', sql<Date>`now()`)
      .forUpdate()
      .executeTakeFirst();
    if (!c) return false;
    const needIds = (
      await tx
        .selectFrom('circle_need')
        .select('id')
        .where('network_id', '=', networkId)
        .where('circle_id', '=', circleId)
        .execute()
    ).map((n) => n.id);
    if (needIds.length > 0) {
      await tx
        .deleteFrom('interaction')
        .where('network_id', '=', networkId)
        .where('source_type', '=', 'care_need')
        .where('source_id', 'in', needIds)
        .execute();
    }
    await tx
      .deleteFrom('notification')
      .where('network_id', '=', networkId)
      .where((eb) =>
        eb.or([
          eb('link', '=', webPaths.circle(circleId)),
          eb('link', 'like', `${webPaths.circle(circleId)}/%`),
        ]),
      )
      .execute();
    await tx
      .deleteFrom('job')
      .where('network_id', '=', networkId)
      .where('status', '=', 'pending')
      .where((eb) =>
        eb.or([
          sql<boolean>`payload->>'circleId' = ${circleId}`,
          ...(needIds.length > 0 ? [sql<boolean>`payload->>'needId' IN (${sql.join(needIds)})`] : []),
        ]),
      )
      .execute();
    await tx.deleteFrom('circle').where('network_id', '=', networkId).where('id', '=', circleId).execute();
    // who created it, was invited, read it: the audit log's guard lets these go once the circle is gone
    await tx
      .deleteFrom('audit_log')
      .where('network_id', '=', networkId)
      .where('entity_type', '=', 'circle')
      .where('entity_id', '=', circleId)
      .execute();
    await tx
      .insertInto('audit_log')
      .values({
        network_id: networkId,
        actor_id: null,
        action: 'circle.purged',
        entity_type: 'circle',
        entity_id: circleId,
        details: '{}',
        ip: null,
      })
      .execute();
    return true;
  });
}
