import type { Message } from '@fedify/fedify';
import type { Config } from '../../config.ts';
import type { Executor } from '../../db/tx.ts';
import { enqueue, type JobHandler } from '../../platform/jobs.ts';
import { federationFor, isObjectKind, type ObjectKind, publishObject } from './federation.ts';
import { fedifyTaskJob } from './queue.ts';

/** The job that sends one local object's current state to its actor's followers. */
export const publishJob = 'activitypub.publish';

/**
 * Called by the areas in the same transaction as a change to something that may federate (an event
 * saved or cancelled, a news post published, changed, unpublished or removed, an opportunity
 * published, changed or closed, or its shifts changed): queues the job that
 * sends it, when its host has followers elsewhere (none: nothing to send; none while federation is
 * off, since nobody can follow then) or it was sent before (a withdrawal must reach them). The job
 * reads the thing again when it runs, so what is sent is always its state then, and only if public.
 */
export async function federateChange(
  db: Executor,
  networkId: string,
  kind: ObjectKind,
  id: string,
  hostId: string | null,
): Promise<void> {
  const wanted = await db
    .selectFrom('ap_follower')
    .select('actor_id')
    .where('network_id', '=', networkId)
    .where('actor_id', '=', hostId ?? '00000000-0000-0000-0000-000000000000')
    .union(
      db
        .selectFrom('ap_published')
        .select('actor_id')
        .where('network_id', '=', networkId)
        .where('object_kind', '=', kind)
        .where('object_id', '=', id),
    )
    .limit(1)
    .executeTakeFirst();
  if (!wanted) return;
  await enqueue(db, { networkId, kind: publishJob, payload: { kind, id }, dedupeKey: `${kind}:${id}` });
}

/** The federation's jobs, when it is on: Fedify's tasks (fan-out, delivery) and our publishing. */
export function federationJobs(config: Config): Record<string, JobHandler> {
  if (!config.federation.enabled) return {};
  return {
    [fedifyTaskJob]: async (db, { networkId, payload }) => {
      const fed = federationFor(db, networkId, config);
      await fed.processQueuedTask({ db, networkId, config }, payload.message as Message);
    },
    [publishJob]: async (db, { networkId, payload }) => {
      const kind = payload.kind;
      if (!isObjectKind(kind) || typeof payload.id !== 'string') return;
      const fed = federationFor(db, networkId, config);
      await publishObject(fed, { db, networkId, config }, kind, payload.id);
    },
  };
}
