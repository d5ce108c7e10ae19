import type { Kysely } from 'kysely';
import { circleRoles, type DB } from '../../../db/schema.ts';
import { type Executor, executeTx } from '../../../db/tx.ts';
import { Problem } from '../../../http/problem.ts';
import { t } from '../../../i18n/messages.ts';
import { enqueue } from '../../../platform/jobs.ts';
import { formatSlot, localDate, weeklyOccurrences } from '../../../platform/localTime.ts';
import { sendMail } from '../../../platform/mail.ts';
import { notify } from '../../../platform/notifications.ts';
import { webPaths } from '../../../platform/webPaths.ts';
import { isLive, organiserRoles } from '../policies/circle.ts';
import { findCircleState, membersToNotify } from '../repositories/circles.ts';
import {
  findNeed,
  insertNeeds,
  insertSeries,
  lastOccurrence,
  type NeedFields,
  seriesToExtend,
  setMaterialisedUntil,
} from '../repositories/circles-needs.ts';

/** Weekly needs are written as single needs this far ahead; a daily job moves the horizon on. */
export const horizonWeeks = 8;
export const needAlertJob = 'circle.need_unclaimed';
export const needReminderJob = 'circle.need_reminder';
export const extendSeriesJob = 'circle.extend_series';

const horizon = () => new Date(Date.now() + horizonWeeks * 7 * 24 * 3600_000);

/** Schedules the alert to coordinators for when the need is still unclaimed `alertHours` before it. */
export async function scheduleUnclaimedAlert(
  db: Executor,
  networkId: string,
  need: { id: string; starts_at: Date },
  alertHours: number,
) {
  await enqueue(db, {
    networkId,
    kind: needAlertJob,
    payload: { needId: need.id, start: need.starts_at.toISOString() },
    runAt: new Date(Math.max(Date.now(), need.starts_at.getTime() - alertHours * 3600_000)),
    dedupeKey: `${need.id}:${need.starts_at.toISOString()}`,
  });
}

/** Schedules the reminder to the helper who claimed the need. */
export async function scheduleReminder(
  db: Executor,
  networkId: string,
  need: { id: string; starts_at: Date },
  accountId: string,
  reminderHours: number,
) {
  await enqueue(db, {
    networkId,
    kind: needReminderJob,
    payload: { needId: need.id, accountId, start: need.starts_at.toISOString() },
    runAt: new Date(Math.max(Date.now(), need.starts_at.getTime() - reminderHours * 3600_000)),
    dedupeKey: `${need.id}:${accountId}:${need.starts_at.toISOString()}`,
  });
}

/**
 * Adds a need, or a weekly series of them, to the care calendar.
 *
 * Guarantees: a weekly series keeps its local time across daylight-saving changes and is written as
 * single needs up to the horizon (each claimable on its own); every need written gets its
 * unclaimed-alert job in the same transaction, so no need can go unnoticed.
 */
export async function createNeeds(
  db: Executor,
  ctx: { networkId: string; circleId: string; actorId: string; alertHours: number },
  n: NeedFields,
  weekly?: { until?: string },
): Promise<string[]> {
  return executeTx(db, async (tx) => {
    if (!weekly) {
      const rows = await insertNeeds(tx, ctx.networkId, ctx.circleId, ctx.actorId, null, [n]);
      for (const r of rows) await scheduleUnclaimedAlert(tx, ctx.networkId, r, ctx.alertHours);
      return rows.map((r) => r.id);
    }
    const limit = horizon();
    if (weekly.until && weekly.until < localDate(n.start))
      throw new Problem(422, 'validation', {
        fields: [{ field: '/weekly/until', code: 'circle.until_before_start' }],
      });
    const until = weekly.until && weekly.until < localDate(limit) ? weekly.until : localDate(limit);
    const occurrences = weeklyOccurrences(n.start, n.end, until, 200);
    const series = await insertSeries(tx, ctx.networkId, {
      circleId: ctx.circleId,
      firstStart: n.start,
      durationMinutes: Math.round((n.end.getTime() - n.start.getTime()) / 60_000),
      untilDate: weekly.until ?? null,
      materialisedUntil: limit,
    });
    const rows = await insertNeeds(
      tx,
      ctx.networkId,
      ctx.circleId,
      ctx.actorId,
      series.id,
      occurrences.map((o) => ({ ...n, start: o.start, end: o.end })),
    );
    for (const r of rows) await scheduleUnclaimedAlert(tx, ctx.networkId, r, ctx.alertHours);
    await enqueue(tx, {
      networkId: ctx.networkId,
      kind: extendSeriesJob,
      runAt: new Date(Date.now() + 24 * 3600_000),
      dedupeKey: 'daily',
    });
    return rows.map((r) => r.id);
  });
}

/**
 * Moves every open-ended or still-running weekly series on to the horizon. Guarantees: running twice
 * writes nothing twice (the unique (series, start) index), and the job re-schedules itself daily while
 * any series is still running.
 */
export async function extendSeries(db: Kysely<DB>, networkId: string): Promise<number> {
  return executeTx(db, async (tx) => {
    const limit = horizon();
    const due = await seriesToExtend(tx, networkId, limit);
    let written = 0;
    for (const s of due) {
      const last = await lastOccurrence(tx, networkId, s.id);
      if (!last) continue;
      const until = s.until_date && s.until_date < localDate(limit) ? s.until_date : localDate(limit);
      const next = weeklyOccurrences(last.starts_at, last.ends_at, until, 200).slice(1);
      const circle = await tx
        .selectFrom('circle')
        .select('alert_hours')
        .where('network_id', '=', networkId)
        .where('id', '=', s.circle_id)
        .executeTakeFirstOrThrow();
      const rows = await insertNeeds(
        tx,
        networkId,
        s.circle_id,
        last.created_by,
        s.id,
        next.map((o) => ({
          kind: last.kind,
          title: last.title,
          start: o.start,
          end: o.end,
          place: last.place,
          notes: last.notes,
          visibility: last.visibility,
        })),
      );
      for (const r of rows) await scheduleUnclaimedAlert(tx, networkId, r, circle.alert_hours);
      await setMaterialisedUntil(tx, networkId, s.id, limit);
      written += rows.length;
    }
    await enqueue(tx, {
      networkId,
      kind: extendSeriesJob,
      runAt: new Date(Date.now() + 24 * 3600_000),
      dedupeKey: 'daily',
    });
    return written;
  });
}

async function liveCircle(db: Executor, networkId: string, circleId: string) {
  const c = await findCircleState(db, networkId, circleId);
  return c !== undefined && isLive(c);
}

async function needById(db: Executor, networkId: string, needId: string) {
  const row = await db
    .selectFrom('circle_need')
    .select('circle_id')
    .where('network_id', '=', networkId)
    .where('id', '=', needId)
    .executeTakeFirst();
  if (!row) return undefined;
  return findNeed(db, networkId, row.circle_id, needId);
}

interface Recipient {
  account_id: string;
  notify_email: boolean;
  email: string;
  locale: 'de' | 'en';
}

async function tell(
  db: Executor,
  networkId: string,
  smtp: boolean,
  to: Recipient,
  kind: 'circle.need_unclaimed' | 'circle.need_reminder',
  need: { circle_id: string; title: string; starts_at: Date; ends_at: Date },
) {
  const params = { title: need.title, when: formatSlot(need.starts_at, need.ends_at, to.locale) };
  await notify(db, {
    networkId,
    accountId: to.account_id,
    kind,
    params,
    link: webPaths.circle(need.circle_id),
  });
  if (to.notify_email) {
    await sendMail(
      db,
      {
        networkId,
        to: to.email,
        subject: t(to.locale, `email.${kind}.subject`, params),
        text: t(to.locale, `email.${kind}.body`, params),
        confidential: true,
      },
      smtp,
    );
  }
}

/**
 * Alerts owners and coordinators (who want to hear about needs) that a need is still unclaimed.
 * Guarantees: nothing is sent for a need that was claimed, moved, deleted or whose circle is frozen
 * in the meantime; only the members who may see the need hear of it.
 */
export async function alertUnclaimed(
  db: Kysely<DB>,
  networkId: string,
  payload: Record<string, unknown>,
  smtp: boolean,
) {
  await executeTx(db, async (tx) => {
    const need = await needById(tx, networkId, String(payload.needId));
    if (!need || need.claimed_by || need.done_at) return;
    if (need.starts_at.toISOString() !== payload.start || need.starts_at.getTime() < Date.now()) return;
    if (!(await liveCircle(tx, networkId, need.circle_id))) return;
    const roles = need.visibility === 'owner_only' ? (['owner'] as const) : organiserRoles;
    const to = await membersToNotify(tx, networkId, need.circle_id, [...roles], 'notify_needs');
    for (const m of to) await tell(tx, networkId, smtp, m, 'circle.need_unclaimed', need);
  });
}

/** Reminds the helper of a need they claimed. Nothing if they gave it back, it moved or was done. */
export async function remindClaimant(
  db: Kysely<DB>,
  networkId: string,
  payload: Record<string, unknown>,
  smtp: boolean,
) {
  await executeTx(db, async (tx) => {
    const need = await needById(tx, networkId, String(payload.needId));
    if (!need || need.done_at || need.claimed_by !== payload.accountId) return;
    if (need.starts_at.toISOString() !== payload.start || need.starts_at.getTime() < Date.now()) return;
    if (!(await liveCircle(tx, networkId, need.circle_id))) return;
    const to = await membersToNotify(tx, networkId, need.circle_id, [...circleRoles], 'notify_reminders');
    for (const m of to.filter((r) => r.account_id === need.claimed_by))
      await tell(tx, networkId, smtp, m, 'circle.need_reminder', need);
  });
}
