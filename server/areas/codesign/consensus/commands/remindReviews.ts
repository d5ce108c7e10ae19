import type { Executor } from '../../../../db/tx.ts';
import { executeTx } from '../../../../db/tx.ts';
import { notificationInsert } from '../../../../platform/notifications.ts';
import { webPaths } from '../../../../platform/webPaths.ts';

/** The job kind of the sweep (recurring, see ../index.ts). */
export const remindReviewsJob = 'codesign.consensus_remind_reviews';

/**
 * "Hat es funktioniert?": on a decision's review date its project's facilitators and participants
 * are reminded once. Guarantees: the proposal is claimed (review_reminded_at set) and the
 * notifications written in one transaction, only for the rows this run claimed — two sweeps at once,
 * or a sweep after a crash, never remind twice; a new review date is reminded anew. Those reminded:
 * the project's active participants with an account, and the staff and admins of the organisations
 * running it. Returns how many proposals were due.
 */
export async function remindReviews(db: Executor, networkId: string, now = new Date()): Promise<number> {
  const today = now.toISOString().slice(0, 10);
  return executeTx(db, async (tx) => {
    const due = await tx
      .updateTable('codesign_proposal as p')
      .from('codesign_project as pr')
      .set({ review_reminded_at: now })
      .whereRef('pr.network_id', '=', 'p.network_id')
      .whereRef('pr.id', '=', 'p.project_id')
      .where('p.network_id', '=', networkId)
      .where('p.review_on', '<=', today)
      .where('p.review_reminded_at', 'is', null)
      .where('p.reviewed_at', 'is', null)
      .returning(['p.id', 'p.title', 'p.project_id', 'p.tool_id', 'pr.title as project_title'])
      .execute();
    if (due.length === 0) return 0;
    const projectIds = [...new Set(due.map((d) => d.project_id))];
    const [members, staff] = await Promise.all([
      tx
        .selectFrom('codesign_participant')
        .select(['project_id', 'account_id'])
        .where('network_id', '=', networkId)
        .where('project_id', 'in', projectIds)
        .where('status', '=', 'active')
        .execute(),
      tx
        .selectFrom('codesign_project_organisation as o')
        .innerJoin('membership as m', (j) =>
          j.onRef('m.network_id', '=', 'o.network_id').onRef('m.organisation_id', '=', 'o.organisation_id'),
        )
        .select(['o.project_id', 'm.account_id'])
        .where('o.network_id', '=', networkId)
        .where('o.project_id', 'in', projectIds)
        .where('o.status', '=', 'accepted')
        .where('m.role', 'in', ['admin', 'staff'])
        .execute(),
    ]);
    const byProject = new Map<string, Set<string>>();
    for (const p of [...members, ...staff]) {
      if (!p.account_id) continue;
      const set = byProject.get(p.project_id) ?? new Set<string>();
      set.add(p.account_id);
      byProject.set(p.project_id, set);
    }
    await notificationInsert(
      tx,
      due.flatMap((d) =>
        [...(byProject.get(d.project_id) ?? [])].map((accountId) => ({
          networkId,
          accountId,
          kind: 'consensus.review_due' as const,
          params: { title: d.title, project: d.project_title },
          link: webPaths.consensusTool(d.project_id, d.tool_id),
        })),
      ),
    )?.execute();
    return due.length;
  });
}
