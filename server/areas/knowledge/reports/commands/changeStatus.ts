import type { MapReportStatus } from '../../../../db/schema.ts';
import { type Executor, executeTx } from '../../../../db/tx.ts';
import type { CommandContext } from '../../../../http/context.ts';
import { forbidden, notFound, Problem } from '../../../../http/problem.ts';
import { audit } from '../../../../platform/audit.ts';
import { recordInteraction } from '../../../../platform/interactions.ts';
import { isHidden } from '../../../../platform/moderation.ts';
import { notificationInsert } from '../../../../platform/notifications.ts';
import { webPaths } from '../../../../platform/webPaths.ts';
import { followersOf } from '../../digests/repositories/follows.ts';
import { mapReportPolicy, statusOrganisation } from '../policies/report.ts';
import {
  insertStatusChange,
  lockReport,
  publicBodiesAmong,
  setReportStatus,
} from '../repositories/reports.ts';

/** The public bodies among the organisations the person belongs to. */
export async function publicBodiesOf(db: Executor, ctx: Pick<CommandContext, 'networkId' | 'actor'>) {
  return publicBodiesAmong(db, ctx.networkId, [...ctx.actor.roles.keys()]);
}

const notificationKind = (to: MapReportStatus) =>
  to === 'new' ? ('map_report.reopened' as const) : (`map_report.${to}` as const);

/**
 * Sets a report's status, with the reason people read. For the network's coordinator and for staff
 * and admins of a public body (as whom the change is recorded). Guarantees, in one transaction: the
 * row is locked (two changes at once come one after the other, each from the status the other left),
 * the change is in the history with its reason, everyone following the report (its author and
 * supporters, unless they stopped) is told — not the person who changed it —, the audit row is
 * written, and a change by a public body records the interaction organisation ↔ author.
 */
export async function changeStatus(
  db: Executor,
  ctx: CommandContext,
  id: string,
  to: MapReportStatus,
  rawReason: string,
): Promise<void> {
  const bodies = await publicBodiesOf(db, ctx);
  if (!mapReportPolicy.changeStatus(ctx.actor, bodies)) throw forbidden();
  const reason = rawReason.trim();
  if ([...reason].length < 3)
    throw new Problem(422, 'validation', {
      fields: [{ field: '/reason', code: 'map_report.reason_required' }],
    });
  const organisationId = statusOrganisation(ctx.actor, bodies);
  await executeTx(db, async (tx) => {
    const r = await lockReport(tx, ctx.networkId, id);
    if (!r || ((await isHidden(tx, ctx.networkId, 'map_report', id)) && !ctx.actor.isInstanceAdmin))
      throw notFound();
    if (r.status === to)
      throw new Problem(409, 'map_report.same_status', {
        fields: [{ field: '/status', code: 'map_report.same_status' }],
      });
    await setReportStatus(tx, ctx.networkId, id, to);
    await insertStatusChange(tx, ctx.networkId, {
      reportId: id,
      from: r.status,
      to,
      reason,
      actorId: ctx.actorId,
      organisationId,
    });
    const followers = (await followersOf(tx, ctx.networkId, 'map_report', id)).filter(
      (a) => a !== ctx.actorId,
    );
    await notificationInsert(
      tx,
      followers.map((accountId) => ({
        networkId: ctx.networkId,
        accountId,
        kind: notificationKind(to),
        params: { title: r.title, reason },
        link: webPaths.mapReport(id),
      })),
    )?.execute();
    if (organisationId && r.author_id)
      await recordInteraction(tx, {
        networkId: ctx.networkId,
        area: 'knowledge',
        kind: 'map_report_status',
        mode: 'online',
        a: { type: 'organisation', id: organisationId },
        b: { type: 'person', id: r.author_id },
        source: { type: 'map_report_status', id },
      });
    await audit(tx, {
      networkId: ctx.networkId,
      actorId: ctx.actorId,
      action: 'map_report.status_changed',
      entityType: 'map_report',
      entityId: id,
      details: { from: r.status, to, reason, ...(organisationId ? { organisationId } : {}) },
      ip: ctx.ip,
    });
  });
}
