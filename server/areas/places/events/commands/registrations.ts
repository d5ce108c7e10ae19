import { type Executor, executeTx } from '../../../../db/tx.ts';
import { forbidden, notFound, Problem } from '../../../../http/problem.ts';
import { audit } from '../../../../platform/audit.ts';
import {
  claimPlace,
  lockHolder,
  promotionUnseen,
  releasePlace,
  setClaimStatus,
} from '../../../../platform/capacity.ts';
import { recordInteraction } from '../../../../platform/interactions.ts';
import { eventPolicy, hosts, registrationPolicy } from '../policies/event.ts';
import { findEvent } from '../repositories/events.ts';
import {
  eventPlaces,
  findRegistration,
  forgetInteraction,
  myRegistration,
} from '../repositories/registrations.ts';
import { scheduleEventReminder } from './remindEvent.ts';
import type { EventContext } from './saveEvent.ts';
import { tellPromoted, tellPromotionVoid } from './tell.ts';

/** The host may record who came from this long before the start. */
export const attendanceOpensMinutes = 60;

/** The event locked for a registration step, if the person may see it (404 otherwise). */
async function lockedEvent(tx: Executor, ctx: EventContext, id: string) {
  const locked = await lockHolder(tx, eventPlaces, ctx.networkId, id);
  const event = locked && (await findEvent(tx, ctx.networkId, id, ctx.actorId));
  if (!locked || !event || !eventPolicy.view(ctx.actor, event)) throw notFound();
  return { locked, event };
}

/**
 * Registers the person for an event: a place if one is free (or the event has no limit), otherwise
 * the end of the waitlist — or 409 when it is full and keeps none.
 *
 * Guarantees (the platform's one mechanism for places, platform/capacity.ts, as for Mitmachen's
 * shifts): never over capacity — the event row is locked first, so registrations of one event are
 * decided one after another, and the database CHECK on the counter refuses any place beyond the
 * capacity even if this code were wrong; one active registration per person and event; the waitlist
 * in the order the requests arrived (`ctx.arrivedAt`). A members-only event does not exist for outsiders (404).
 */
export async function registerForEvent(
  db: Executor,
  ctx: EventContext,
  id: string,
): Promise<{ registrationId: string; status: 'signed_up' | 'waitlisted'; position: number | null }> {
  return executeTx(db, async (tx) => {
    const { locked, event } = await lockedEvent(tx, ctx, id);
    if (event.status === 'cancelled') throw new Problem(409, 'place_event.cancelled');
    if (!event.registration) throw new Problem(409, 'place_event.no_registration');
    if (event.ends_at.getTime() <= Date.now()) throw new Problem(409, 'place_event.over');
    if (!eventPolicy.register(ctx.actor, event)) throw forbidden();
    const claim = await claimPlace(tx, eventPlaces, ctx.networkId, locked, ctx.actorId, ctx.arrivedAt);
    if (!claim.ok) {
      if (claim.reason === 'full')
        throw new Problem(409, 'place_event.full', { details: { available: claim.available } });
      throw new Problem(409, 'place_event.already_registered');
    }
    if (claim.status === 'signed_up') await scheduleEventReminder(tx, ctx.networkId, id, event.starts_at);
    await audit(tx, {
      networkId: ctx.networkId,
      actorId: ctx.actorId,
      action: claim.status === 'signed_up' ? 'place_event.registered' : 'place_event.waitlisted',
      entityType: 'place_event',
      entityId: id,
      ip: ctx.ip,
    });
    return { registrationId: claim.claimId, status: claim.status, position: claim.position };
  });
}

/**
 * Withdraws the person's own registration. When it held a place and the event has not ended, the
 * longest-waiting person gets it, in this transaction under the event's lock (so exactly one person,
 * never a concurrent newcomer), and is told in-app and by email. A place that had just come to the
 * person from the waitlist, withdrawn before they saw the notice (their withdrawal meant for the
 * waitlist), is corrected: they are told it is gone (promotionUnseen, tellPromotionVoid).
 */
export async function withdrawFromEvent(
  db: Executor,
  ctx: EventContext,
  id: string,
): Promise<{ promoted: boolean }> {
  return executeTx(db, async (tx) => {
    const { event } = await lockedEvent(tx, ctx, id);
    // read under the event's lock: a concurrent withdrawal or promotion may have changed it
    const mine = await myRegistration(tx, ctx.networkId, id, ctx.actorId);
    if (!mine) throw notFound();
    if (!registrationPolicy.withdraw(ctx.actor, mine))
      throw new Problem(409, 'place_event.wrong_status', { params: { status: mine.status } });
    if (event.ends_at.getTime() <= Date.now()) throw new Problem(409, 'place_event.over');
    const promoted = await releasePlace(tx, eventPlaces, ctx.networkId, event, mine);
    // a place that came from the waitlist as they were leaving it, the notice unseen: say it is gone
    if (
      mine.status === 'signed_up' &&
      (await promotionUnseen(tx, eventPlaces, ctx.networkId, mine.id, 'place_event.promoted'))
    )
      await tellPromotionVoid(tx, ctx.networkId, ctx.config, event, ctx.actorId);
    for (const p of promoted) await tellPromoted(tx, ctx.networkId, ctx.config, event, p.account_id);
    if (promoted.length > 0) await scheduleEventReminder(tx, ctx.networkId, id, event.starts_at);
    await audit(tx, {
      networkId: ctx.networkId,
      actorId: ctx.actorId,
      action: 'place_event.withdrawn',
      entityType: 'place_event',
      entityId: id,
      details: { registrationId: mine.id, promoted: promoted.length },
      ip: ctx.ip,
    });
    return { promoted: promoted.length > 0 };
  });
}

/**
 * The host records whether a person with a place came (from an hour before the start on; a correction
 * later is the same step). Coming is an offline interaction in the record every area writes
 * (platform/interactions.ts: area 'places', kind 'event', the registration as its source, so it is
 * written once) between the person and the host organisation — online when the event is online
 * only. A community is not a party of the interaction record (people and organisations are), so a
 * community's event records none: a tie to its owner or to every other attendee would put people
 * into the graph who did not take part in that step; the analytics count communities through their
 * members. Marking "did not come" takes the interaction back.
 */
export async function recordAttendance(
  db: Executor,
  ctx: EventContext,
  id: string,
  registrationId: string,
  came: boolean,
): Promise<void> {
  await executeTx(db, async (tx) => {
    const { event } = await lockedEvent(tx, ctx, id);
    if (!hosts(ctx.actor, event)) throw forbidden();
    const registration = await findRegistration(tx, ctx.networkId, registrationId);
    if (!registration || registration.event_id !== id) throw notFound();
    if (!registrationPolicy.markAttendance(ctx.actor, event, registration))
      throw new Problem(409, 'place_event.attendance_wrong_status');
    if (Date.now() < event.starts_at.getTime() - attendanceOpensMinutes * 60_000)
      throw new Problem(409, 'place_event.attendance_not_yet');
    const source = { type: 'place_event_registration', id: registration.id };
    if (came) {
      await setClaimStatus(tx, eventPlaces, ctx.networkId, registration.id, 'checked_in', {
        checkedInBy: ctx.actorId,
      });
      if (event.organisation_id)
        await recordInteraction(tx, {
          networkId: ctx.networkId,
          area: 'places',
          kind: 'event',
          mode: event.venue ? 'offline' : 'online',
          a: { type: 'person', id: registration.account_id },
          b: { type: 'organisation', id: event.organisation_id },
          occurredAt: event.starts_at,
          source,
        });
    } else {
      await setClaimStatus(tx, eventPlaces, ctx.networkId, registration.id, 'no_show');
      await forgetInteraction(tx, ctx.networkId, source);
    }
    await audit(tx, {
      networkId: ctx.networkId,
      actorId: ctx.actorId,
      action: came ? 'place_event.attended' : 'place_event.no_show',
      entityType: 'place_event',
      entityId: id,
      details: { registrationId: registration.id },
      ip: ctx.ip,
    });
  });
}
