import type { Config } from '../../../config.ts';
import { type Executor, executeTx } from '../../../db/tx.ts';
import { forbidden, notFound, Problem } from '../../../http/problem.ts';
import { audit } from '../../../platform/audit.ts';
import { fillFromWaitlist } from '../../../platform/capacity.ts';
import { opportunityPolicy, refOf } from '../policies/opportunity.ts';
import { findOpportunity } from '../repositories/opportunities.ts';
import { lockShift, shiftPlaces, updateShift } from '../repositories/shifts.ts';
import { scheduleShiftReminder } from './remindShift.ts';
import { isOverCapacity, type ParticipationContext } from './signUpForShift.ts';
import { tellPlace } from './tellPlace.ts';

export interface ShiftChange {
  capacity?: number;
  waitlistEnabled?: boolean;
  note?: string;
}

/**
 * A coordinator changes a shift's places, waitlist or note. Places never go below those signed up
 * (409 with how many are); places raised on a shift that has not ended go to the waitlist at once,
 * longest waiting first, each told in-app and by email — as a withdrawal's freed place does. Under
 * the shift's lock, so no sign-up slips in between the check and the change, and a newcomer never
 * overtakes the waitlist. Returns who got a place.
 */
export async function changeShift(
  db: Executor,
  ctx: ParticipationContext & { config: Pick<Config, 'smtpUrl' | 'publicUrl'> },
  shiftId: string,
  change: ShiftChange,
): Promise<{ promoted: string[] }> {
  return executeTx(db, async (tx) => {
    const shift = await lockShift(tx, ctx.networkId, shiftId);
    if (!shift) throw notFound();
    const opportunity = await findOpportunity(tx, ctx.networkId, shift.opportunity_id);
    if (!opportunity || !opportunityPolicy.view(ctx.actor, refOf(opportunity))) throw notFound();
    if (!opportunityPolicy.manageShifts(ctx.actor, refOf(opportunity))) throw forbidden();
    const below = new Problem(409, 'shift.capacity_below_signed_up', {
      params: { signedUp: shift.signed_up },
    });
    if (change.capacity !== undefined && change.capacity < shift.signed_up) throw below;
    try {
      await updateShift(tx, ctx.networkId, shift.id, change);
    } catch (err) {
      if (isOverCapacity(err)) throw below;
      throw err;
    }
    const raised =
      change.capacity !== undefined && shift.capacity !== null && change.capacity > shift.capacity;
    const promoted =
      raised && shift.ends_at.getTime() > Date.now()
        ? await fillFromWaitlist(tx, shiftPlaces, ctx.networkId, shift.id)
        : [];
    for (const p of promoted) await tellPlace(tx, ctx, opportunity, shift, p.account_id, 'shift.promoted');
    if (promoted.length > 0) await scheduleShiftReminder(tx, ctx.networkId, shift.id, shift.starts_at);
    await audit(tx, {
      networkId: ctx.networkId,
      actorId: ctx.actorId,
      action: 'shift.updated',
      entityType: 'shift',
      entityId: shift.id,
      details: { ...change, promoted: promoted.length },
      ip: ctx.ip,
    });
    return { promoted: promoted.map((p) => p.account_id) };
  });
}
