import { type Executor, executeTx } from '../../../db/tx.ts';
import { forbidden, notFound, Problem } from '../../../http/problem.ts';
import { audit } from '../../../platform/audit.ts';
import { claimPlace, isOverCapacity as overCapacity } from '../../../platform/capacity.ts';
import type { Actor } from '../../../policies/actor.ts';
import { refOf } from '../policies/opportunity.ts';
import { shiftPolicy } from '../policies/shift.ts';
import { findOpportunity } from '../repositories/opportunities.ts';
import { lockShift, shiftPlaces } from '../repositories/shifts.ts';
import { scheduleShiftReminder } from './remindShift.ts';

export interface ParticipationContext {
  networkId: string;
  actor: Actor;
  actorId: string;
  ip: string | null;
  /** when the request arrived (http/context.ts): the sign-up's place on the waitlist */
  arrivedAt?: number;
}

/** True when a PostgreSQL error is the CHECK that keeps a shift within its capacity. */
export function isOverCapacity(err: unknown): boolean {
  return overCapacity(err, shiftPlaces);
}

/**
 * Signs the actor up for a shift: a place if one is free, otherwise the end of the waitlist (or 409
 * when the shift keeps no waitlist).
 *
 * Guarantees (the platform's one mechanism for places, platform/capacity.ts): never over capacity —
 * the shift row is locked first, so sign-ups of one shift are decided one after another, and the
 * database CHECK on the counter (moved by a trigger in this transaction) refuses any place beyond
 * the capacity even if this code were wrong; one active sign-up per person and shift (unique index;
 * signing up twice answers 409, a full shift without a waitlist 409 with what it holds as fields); the
 * waitlist is in the order the requests arrived (`ctx.arrivedAt`), not the order they reached the lock.
 */
export async function signUpForShift(
  db: Executor,
  ctx: ParticipationContext,
  shiftId: string,
): Promise<{ signupId: string; status: 'signed_up' | 'waitlisted'; position: number | null }> {
  return executeTx(db, async (tx) => {
    const shift = await lockShift(tx, ctx.networkId, shiftId);
    if (!shift) throw notFound();
    const opportunity = await findOpportunity(tx, ctx.networkId, shift.opportunity_id);
    if (!opportunity) throw notFound();
    const ref = refOf(opportunity);
    if (ref.status === 'draft') throw notFound();
    if (ref.status === 'closed') throw new Problem(409, 'opportunity.not_published');
    if (!shiftPolicy.signUp(ctx.actor, ref)) throw forbidden();
    if (shift.ends_at.getTime() <= Date.now()) throw new Problem(409, 'shift.over');
    const claim = await claimPlace(tx, shiftPlaces, ctx.networkId, shift, ctx.actorId, ctx.arrivedAt);
    if (!claim.ok) {
      if (claim.reason === 'full')
        throw new Problem(409, 'shift.full', { details: { available: claim.available } });
      throw new Problem(409, 'shift.already_signed_up');
    }
    const { claimId: signupId, status, position } = claim;
    if (status === 'signed_up') await scheduleShiftReminder(tx, ctx.networkId, shift.id, shift.starts_at);
    await audit(tx, {
      networkId: ctx.networkId,
      actorId: ctx.actorId,
      action: status === 'signed_up' ? 'shift.signed_up' : 'shift.waitlisted',
      entityType: 'shift',
      entityId: shift.id,
      ip: ctx.ip,
    });
    return { signupId, status, position };
  });
}
