import type { Config } from '../../../config.ts';
import { type Executor, executeTx } from '../../../db/tx.ts';
import { notFound, Problem } from '../../../http/problem.ts';
import { audit } from '../../../platform/audit.ts';
import { promotionUnseen, releasePlace } from '../../../platform/capacity.ts';
import { refOf } from '../policies/opportunity.ts';
import { shiftPolicy } from '../policies/shift.ts';
import { findOpportunity } from '../repositories/opportunities.ts';
import { findSignup, lockShift, shiftPlaces } from '../repositories/shifts.ts';
import { scheduleShiftReminder } from './remindShift.ts';
import type { ParticipationContext } from './signUpForShift.ts';
import { tellPlace } from './tellPlace.ts';

/**
 * Withdraws a sign-up (the person themselves, or a coordinator removing someone). When it held a
 * place and the shift has not ended, the first person on the waitlist gets it and is told (in-app
 * and by email).
 *
 * Guarantees (the platform's one mechanism for places, platform/capacity.ts): the promotion happens
 * in the withdrawal's transaction while the shift row is locked, so a freed place goes to exactly
 * one person — the longest-waiting — and never to a concurrent newcomer; the counter and its CHECK
 * keep the shift within capacity throughout. A place that had just come to the person from the
 * waitlist, withdrawn before they saw the notice (their withdrawal sent at the same moment, meant for
 * the waitlist), is corrected: the notice is marked read and they are told, in-app and by email, that
 * they have no place (promotionUnseen) — never left with "you have a place" alone.
 */
export async function withdrawFromShift(
  db: Executor,
  ctx: ParticipationContext & { config: Pick<Config, 'smtpUrl' | 'publicUrl'> },
  signupId: string,
): Promise<{ promotedAccountId: string | null }> {
  return executeTx(db, async (tx) => {
    const first = await findSignup(tx, ctx.networkId, signupId);
    if (!first) throw notFound();
    const shift = await lockShift(tx, ctx.networkId, first.shift_id);
    if (!shift) throw notFound();
    // read again under the shift lock: a concurrent withdrawal may have changed it
    const signup = await findSignup(tx, ctx.networkId, signupId);
    const opportunity = await findOpportunity(tx, ctx.networkId, shift.opportunity_id);
    if (!signup || !opportunity) throw notFound();
    const ref = {
      account_id: signup.account_id,
      status: signup.status,
      opportunity: refOf(opportunity),
    };
    const own = signup.account_id === ctx.actorId;
    if (!shiftPolicy.withdraw(ctx.actor, ref)) {
      if (own || shiftPolicy.viewRoster(ctx.actor, ref.opportunity))
        throw new Problem(409, 'shift.wrong_status', { params: { status: signup.status } });
      throw notFound();
    }
    const promoted = await releasePlace(tx, shiftPlaces, ctx.networkId, shift, signup);
    if (
      signup.status === 'signed_up' &&
      (await promotionUnseen(tx, shiftPlaces, ctx.networkId, signup.id, 'shift.promoted'))
    ) {
      await tellPlace(tx, ctx, opportunity, shift, signup.account_id, 'shift.promotion_void');
    }
    const promotedAccountId = promoted[0]?.account_id ?? null;
    for (const next of promoted)
      await tellPlace(tx, ctx, opportunity, shift, next.account_id, 'shift.promoted');
    if (promoted.length > 0) await scheduleShiftReminder(tx, ctx.networkId, shift.id, shift.starts_at);
    await audit(tx, {
      networkId: ctx.networkId,
      actorId: ctx.actorId,
      action: own ? 'shift.withdrawn' : 'shift.removed',
      entityType: 'shift',
      entityId: shift.id,
      details: { signupId: signup.id, promoted: promotedAccountId },
      ip: ctx.ip,
    });
    return { promotedAccountId };
  });
}
