import type { Executor } from '../../../db/tx.ts';

/**
 * A project's timeline: what happened in it, newest first on its page — a phase began, a proposal was
 * decided, a commitment made, a meeting recorded, a review written. Every part writes its events here
 * in the transaction of the change; `kind` is `<part>.<what>` (e.g. 'consensus.decided'), worded by
 * the client under `codesign.timeline.<kind>` with `params`. Votes and single answers are not events
 * (they would drown the rest); their counts are on the tools.
 */
export interface TimelineEvent {
  networkId: string;
  projectId: string;
  kind: string;
  actorId: string | null;
  subject?: { type: string; id: string };
  params?: Record<string, string | number | boolean | null>;
}

export function timelineInsert(db: Executor, e: TimelineEvent) {
  return db.insertInto('codesign_event').values({
    network_id: e.networkId,
    project_id: e.projectId,
    kind: e.kind,
    actor_id: e.actorId,
    subject_type: e.subject?.type ?? null,
    subject_id: e.subject?.id ?? null,
    params: JSON.stringify(e.params ?? {}),
  });
}

export async function addToTimeline(db: Executor, e: TimelineEvent): Promise<void> {
  await timelineInsert(db, e).execute();
}
