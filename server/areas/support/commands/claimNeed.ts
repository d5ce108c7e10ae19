import { type Executor, executeTx } from '../../../db/tx.ts';
import { notFound, Problem } from '../../../http/problem.ts';
import { audit } from '../../../platform/audit.ts';
import { recordInteraction } from '../../../platform/interactions.ts';
import { notify } from '../../../platform/notifications.ts';
import type { WebPath } from '../../../platform/webPaths.ts';
import type { Actor } from '../../../policies/actor.ts';
import { ensureAccount, findTimebankAccount, timebankPolicy, transferCredits } from '../../timebank/index.ts';
import { findMember } from '../repositories/circles.ts';
import { claimNeed as claimRow, findNeed, markDone, setNeedCredit } from '../repositories/circles-needs.ts';
import { scheduleReminder } from './careCalendar.ts';

interface Ctx {
  networkId: string;
  circleId: string;
  actorId: string;
  ip: string;
}

/**
 * A helper takes on a need.
 *
 * Guarantees: two helpers never both hold a need — the claim is one conditional UPDATE (… WHERE
 * claimed_by IS NULL), so of concurrent claims exactly one succeeds and the others get 409. The
 * claimant's reminder is scheduled in the same transaction.
 */
export async function claimNeed(db: Executor, ctx: Ctx, needId: string): Promise<void> {
  await executeTx(db, async (tx) => {
    const claimed = await claimRow(tx, ctx.networkId, ctx.circleId, needId, ctx.actorId);
    if (!claimed) {
      const need = await findNeed(tx, ctx.networkId, ctx.circleId, needId);
      if (!need) throw notFound();
      throw new Problem(409, need.done_at ? 'circle.need_done' : 'circle.need_taken');
    }
    const member = await findMember(tx, ctx.networkId, ctx.circleId, ctx.actorId);
    if (claimed.starts_at.getTime() > Date.now())
      await scheduleReminder(tx, ctx.networkId, claimed, ctx.actorId, member?.reminder_hours ?? 24);
    await audit(tx, {
      networkId: ctx.networkId,
      actorId: ctx.actorId,
      action: 'circle.need_claimed',
      entityType: 'circle',
      entityId: ctx.circleId,
      details: { needId },
      ip: ctx.ip,
    });
  });
}

/** At most a day of help is credited at once (a need lasts at most a day). */
export const maxCreditMinutes = 24 * 60;

/** The idempotency key of the credit for a need: each occurrence of a weekly need is a need of its own. */
export const needCreditKey = (needId: string) => `need-${needId}`;

export interface NeedCredit {
  /** the account that pays; the actor's own when left out */
  payerAccountId?: string;
  /** default: how long the need lasts */
  minutes?: number;
}

/**
 * Marks a claimed need as done, with an optional thank-you and an optional time credit to the helper.
 *
 * Guarantees: a need is done once (a second attempt gets 409); the care task becomes one edge of the
 * community graph between the helper and the person at the centre (area 'support', source
 * 'care_need'), recorded once, so area 6 can count care without reading the circle.
 *
 * A credit is paid in the same transaction, from an account the actor may pay from (their own or an
 * organisation's they act for — the time bank's policy) to the helper's account (opened if need be),
 * with an idempotency key derived from the need and a unique key on the transfer's need source, so a
 * need is never paid twice, even when two coordinators mark it done at once. If the account cannot
 * cover it, nothing is marked done (422). The transfer's memo stays empty — statements are read
 * outside the circle (the payer's organisation, instance admins) and must not tell them what the help was.
 */
export async function completeNeed(
  db: Executor,
  ctx: Ctx & { actor: Actor; personAccountId: string | null; link: WebPath },
  needId: string,
  thanks: string,
  credit?: NeedCredit,
): Promise<void> {
  await executeTx(db, async (tx) => {
    const done = await markDone(tx, ctx.networkId, ctx.circleId, needId, ctx.actorId, thanks);
    if (!done) {
      const need = await findNeed(tx, ctx.networkId, ctx.circleId, needId);
      if (!need) throw notFound();
      throw new Problem(409, need.done_at ? 'circle.need_done' : 'circle.need_not_claimed');
    }
    const helper = done.claimed_by;
    let creditMinutes = 0;
    if (credit && helper) {
      creditMinutes = await payCredit(
        tx,
        ctx,
        { id: needId, helper, starts_at: done.starts_at, ends_at: done.ends_at },
        credit,
      );
    }
    if (helper && ctx.personAccountId) {
      await recordInteraction(tx, {
        networkId: ctx.networkId,
        area: 'support',
        kind: 'care_task',
        mode: 'offline',
        a: { type: 'person', id: helper },
        b: { type: 'person', id: ctx.personAccountId },
        source: { type: 'care_need', id: needId },
      });
    }
    if (helper && helper !== ctx.actorId && thanks) {
      await notify(tx, {
        networkId: ctx.networkId,
        accountId: helper,
        kind: 'circle.need_thanks',
        params: { title: done.title, thanks },
        link: ctx.link,
      });
    }
    await audit(tx, {
      networkId: ctx.networkId,
      actorId: ctx.actorId,
      action: 'circle.need_done',
      entityType: 'circle',
      entityId: ctx.circleId,
      details: creditMinutes > 0 ? { needId, creditMinutes } : { needId },
      ip: ctx.ip,
    });
  });
}

async function payCredit(
  tx: Executor,
  ctx: Ctx & { actor: Actor },
  need: { id: string; helper: string; starts_at: Date; ends_at: Date },
  credit: NeedCredit,
): Promise<number> {
  if (need.helper === ctx.actorId) throw new Problem(422, 'circle.credit_self');
  const payer = credit.payerAccountId
    ? await findTimebankAccount(tx, ctx.networkId, credit.payerAccountId)
    : await ensureAccount(tx, ctx.networkId, { type: 'person', id: ctx.actorId });
  // the actor's own account or an organisation's they act for; not the community pool, which is the
  // network's and has no limit
  if (!payer || payer.owner_type === 'pool' || !timebankPolicy.pay(ctx.actor, payer))
    throw new Problem(403, 'circle.credit_payer', {
      fields: [{ field: '/credit/payerAccountId', code: 'circle.credit_payer' }],
    });
  const duration = Math.round((need.ends_at.getTime() - need.starts_at.getTime()) / 60_000);
  const minutes = credit.minutes ?? Math.min(Math.max(duration, 1), maxCreditMinutes);
  const payee = await ensureAccount(tx, ctx.networkId, { type: 'person', id: need.helper });
  let transferId: string;
  try {
    const paid = await transferCredits(
      tx,
      { networkId: ctx.networkId, actor: ctx.actor, actorId: ctx.actorId, ip: ctx.ip },
      {
        payerAccountId: payer.id,
        payeeAccountId: payee.id,
        minutes,
        memo: '',
        source: { type: 'need', id: need.id },
      },
      needCreditKey(need.id),
    );
    transferId = paid.transfer.id;
  } catch (err) {
    if (err instanceof Problem && err.code === 'timebank.insufficient_credit') {
      const available = err.params.available ?? 0;
      throw new Problem(422, 'circle.credit_insufficient', {
        params: { available },
        fields: [{ field: '/credit/minutes', code: 'circle.credit_insufficient', params: { available } }],
        details: err.details,
      });
    }
    throw err;
  }
  await setNeedCredit(tx, ctx.networkId, ctx.circleId, need.id, transferId);
  return minutes;
}
