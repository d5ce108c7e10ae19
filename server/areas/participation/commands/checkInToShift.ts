import { type Executor, executeTx } from '../../../db/tx.ts';
import { forbidden, notFound, Problem } from '../../../http/problem.ts';
import { audit } from '../../../platform/audit.ts';
import { localDate } from '../../../platform/localTime.ts';
import { refOf } from '../policies/opportunity.ts';
import { shiftPolicy } from '../policies/shift.ts';
import { insertHours } from '../repositories/hours.ts';
import { findOpportunity } from '../repositories/opportunities.ts';
import { findSignup, lockShift, setSignupStatus } from '../repositories/shifts.ts';
import type { ParticipationContext } from './signUpForShift.ts';

/** A volunteer may check in from this long before the shift starts until it ends. */
export const checkInOpensMinutes = 60;

/**
 * Checks a person in to their shift — the volunteer themselves during the shift, or a coordinator at
 * any time from an hour before it (also to correct a no-show) — and records the shift's length as
 * hours for the lead organisation to confirm.
 *
 * Guarantees: at most one hours entry per sign-up (unique key), so checking in twice or correcting
 * a no-show never counts the shift twice; the status change and the hours commit together.
 */
export async function checkInToShift(
  db: Executor,
  ctx: ParticipationContext,
  signupId: string,
  as: 'self' | 'coordinator',
): Promise<{ hoursId: string | null }> {
  return executeTx(db, async (tx) => {
    const first = await findSignup(tx, ctx.networkId, signupId);
    if (!first) throw notFound();
    const shift = await lockShift(tx, ctx.networkId, first.shift_id);
    const signup = await findSignup(tx, ctx.networkId, signupId);
    if (!shift || !signup) throw notFound();
    const opportunity = await findOpportunity(tx, ctx.networkId, shift.opportunity_id);
    if (!opportunity) throw notFound();
    const ref = {
      account_id: signup.account_id,
      status: signup.status,
      opportunity: refOf(opportunity),
    };
    const allowed =
      as === 'self' ? shiftPolicy.checkInSelf(ctx.actor, ref) : shiftPolicy.checkIn(ctx.actor, ref);
    if (!allowed) {
      if (signup.account_id === ctx.actorId || shiftPolicy.viewRoster(ctx.actor, ref.opportunity))
        throw new Problem(409, 'shift.wrong_status', { params: { status: signup.status } });
      throw notFound();
    }
    const now = Date.now();
    if (now < shift.starts_at.getTime() - checkInOpensMinutes * 60_000)
      throw new Problem(409, 'shift.check_in_not_yet');
    if (as === 'self' && now > shift.ends_at.getTime()) throw new Problem(409, 'shift.over');
    await setSignupStatus(tx, ctx.networkId, signup.id, 'checked_in', { checkedInBy: ctx.actorId });
    const lead = opportunity.organisations.find((o) => o.isLead) ?? opportunity.organisations[0];
    if (!lead) throw notFound();
    const hours = await insertHours(tx, ctx.networkId, {
      accountId: signup.account_id,
      organisationId: lead.id,
      opportunityId: opportunity.id,
      shiftId: shift.id,
      signupId: signup.id,
      activity: opportunity.title.slice(0, 200),
      occurredOn: localDate(shift.starts_at),
      minutes: Math.round((shift.ends_at.getTime() - shift.starts_at.getTime()) / 60_000),
      source: 'check_in',
    });
    await audit(tx, {
      networkId: ctx.networkId,
      actorId: ctx.actorId,
      action: 'shift.checked_in',
      entityType: 'shift',
      entityId: shift.id,
      details: { signupId: signup.id, by: as },
      ip: ctx.ip,
    });
    return { hoursId: hours?.id ?? null };
  });
}

/** Marks someone who did not come (coordinators, once the shift has started). */
export async function markNoShow(db: Executor, ctx: ParticipationContext, signupId: string): Promise<void> {
  await executeTx(db, async (tx) => {
    const first = await findSignup(tx, ctx.networkId, signupId);
    if (!first) throw notFound();
    const shift = await lockShift(tx, ctx.networkId, first.shift_id);
    const signup = await findSignup(tx, ctx.networkId, signupId);
    if (!shift || !signup) throw notFound();
    const opportunity = await findOpportunity(tx, ctx.networkId, shift.opportunity_id);
    if (!opportunity) throw notFound();
    const ref = {
      account_id: signup.account_id,
      status: signup.status,
      opportunity: refOf(opportunity),
    };
    if (!shiftPolicy.viewRoster(ctx.actor, ref.opportunity)) throw forbidden();
    if (!shiftPolicy.markNoShow(ctx.actor, ref))
      throw new Problem(409, 'shift.wrong_status', { params: { status: signup.status } });
    if (Date.now() < shift.starts_at.getTime()) throw new Problem(409, 'shift.not_started');
    await setSignupStatus(tx, ctx.networkId, signup.id, 'no_show');
    await audit(tx, {
      networkId: ctx.networkId,
      actorId: ctx.actorId,
      action: 'shift.no_show',
      entityType: 'shift',
      entityId: shift.id,
      details: { signupId: signup.id },
      ip: ctx.ip,
    });
  });
}
