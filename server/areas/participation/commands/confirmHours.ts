import { type Executor, executeTx } from '../../../db/tx.ts';
import { notFound, Problem } from '../../../http/problem.ts';
import { audit } from '../../../platform/audit.ts';
import { recordInteraction } from '../../../platform/interactions.ts';
import { notify } from '../../../platform/notifications.ts';
import { webPaths } from '../../../platform/webPaths.ts';
import { ensureAccount, transferCredits } from '../../timebank/index.ts';
import { hoursPolicy } from '../policies/hours.ts';
import { creditRate, decideHours, findHours, lockHours, setCredit } from '../repositories/hours.ts';
import { findOpportunity } from '../repositories/opportunities.ts';
import type { ParticipationContext } from './signUpForShift.ts';

/** The idempotency key of the time-credit payment for an hours entry: one entry, one payment. */
export const creditKey = (hoursId: string) => `hours-${hoursId}`;

/**
 * A coordinator of the issuing organisation confirms or rejects a volunteer's hours.
 *
 * Guarantees: an entry is decided once (row lock, and the update only applies to a pending entry);
 * a confirmation records the volunteer ↔ organisation interaction and, when the organisation pays
 * time credits per hour, pays them from its account to the volunteer in the same transaction — with
 * an idempotency key derived from the entry and the transfer id stored on it under a unique key, so
 * a confirmation never pays twice. If the organisation's account cannot cover the credits, nothing
 * is confirmed (422) and the coordinator can lower the rate or top up the account first.
 */
export async function confirmHours(
  db: Executor,
  ctx: ParticipationContext,
  hoursId: string,
  decision: { confirm: boolean; note?: string },
): Promise<void> {
  await executeTx(db, async (tx) => {
    const locked = await lockHours(tx, ctx.networkId, hoursId);
    if (!locked) throw notFound();
    const ref = {
      account_id: locked.account_id,
      organisation_id: locked.organisation_id,
      status: locked.status,
    };
    if (!hoursPolicy.decide(ctx.actor, ref)) {
      if (hoursPolicy.view(ctx.actor, ref) && locked.status !== 'pending')
        throw new Problem(409, 'hours.already_decided', { params: { status: locked.status } });
      if (hoursPolicy.view(ctx.actor, ref)) throw new Problem(403, 'hours.not_own');
      throw notFound();
    }
    await decideHours(tx, ctx.networkId, hoursId, {
      status: decision.confirm ? 'confirmed' : 'rejected',
      decidedBy: ctx.actorId,
      note: decision.note ?? '',
    });
    const h = await findHours(tx, ctx.networkId, hoursId);
    if (!h) throw notFound();
    let credits = 0;
    if (decision.confirm) {
      const opportunity = h.opportunity_id
        ? await findOpportunity(tx, ctx.networkId, h.opportunity_id)
        : undefined;
      await recordInteraction(tx, {
        networkId: ctx.networkId,
        area: 'participation',
        kind: 'volunteering',
        mode: opportunity?.mode === 'online' ? 'online' : 'offline',
        a: { type: 'person', id: h.account_id },
        b: { type: 'organisation', id: h.organisation_id },
        occurredAt: new Date(`${h.occurred_on}T12:00:00Z`),
        source: { type: 'hours_entry', id: h.id },
      });
      const rate = await creditRate(tx, ctx.networkId, h.organisation_id);
      credits = Math.round((h.minutes * rate) / 60);
      if (credits > 0) {
        const payer = await ensureAccount(tx, ctx.networkId, { type: 'organisation', id: h.organisation_id });
        const payee = await ensureAccount(tx, ctx.networkId, { type: 'person', id: h.account_id });
        const { transfer } = await transferCredits(
          tx,
          ctx,
          {
            payerAccountId: payer.id,
            payeeAccountId: payee.id,
            minutes: credits,
            memo: `${h.activity} (${h.occurred_on})`.slice(0, 500),
            ...(h.shift_id ? { source: { type: 'shift' as const, id: h.shift_id } } : {}),
          },
          creditKey(h.id),
        );
        await setCredit(tx, ctx.networkId, h.id, credits, transfer.id);
      }
    }
    await notify(tx, {
      networkId: ctx.networkId,
      accountId: h.account_id,
      kind: decision.confirm ? 'hours.confirmed' : 'hours.rejected',
      params: { activity: h.activity, minutes: h.minutes, organisation: h.organisation_name, credits },
      link: webPaths.myHours(),
    });
    await audit(tx, {
      networkId: ctx.networkId,
      actorId: ctx.actorId,
      action: decision.confirm ? 'hours.confirmed' : 'hours.rejected',
      entityType: 'hours_entry',
      entityId: h.id,
      details: { minutes: h.minutes, credits },
      ip: ctx.ip,
    });
  });
}
