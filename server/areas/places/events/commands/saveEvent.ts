import type { PlaceEventVisibility } from '../../../../db/schema.ts';
import { type Executor, executeTx } from '../../../../db/tx.ts';
import type { CommandContext } from '../../../../http/context.ts';
import { forbidden, notFound, Problem } from '../../../../http/problem.ts';
import type { MessageKey } from '../../../../i18n/messages.ts';
import { federateChange } from '../../../../interop/activitypub/jobs.ts';
import { audit } from '../../../../platform/audit.ts';
import { fillFromWaitlist, isOverCapacity, lockHolder } from '../../../../platform/capacity.ts';
import { notify } from '../../../../platform/notifications.ts';
import { webPaths } from '../../../../platform/webPaths.ts';
import { eventPolicy, hosts } from '../policies/event.ts';
import {
  type EventValues,
  findEvent,
  hostFacts,
  insertEvent,
  markCancelled,
  updateEvent,
} from '../repositories/events.ts';
import { activeRegistrants, eventPlaces, forgetReminders } from '../repositories/registrations.ts';
import { scheduleEventReminder } from './remindEvent.ts';
import { type MailConfig, tellCancelled, tellPromoted } from './tell.ts';

/** What a host writes about an event (the route's body, before it is checked and tidied). */
export interface EventInput {
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  venue: string;
  lat: number | null;
  lng: number | null;
  districtId: string | null;
  onlineUrl: string | null;
  stepFree: boolean;
  free: boolean;
  price: string;
  visibility: PlaceEventVisibility;
  registration: boolean;
  capacity: number | null;
  waitlistEnabled: boolean;
}

export type EventContext = CommandContext & { config: MailConfig };

const maxDays = 14;

const field = (f: string, code: MessageKey) =>
  new Problem(422, 'validation', { fields: [{ field: f, code }] });

/**
 * The input tidied (trimmed; no price when free; no capacity without registration; step-free only
 * with a venue) and checked, every rule a person can act on named at its field (422). The database's
 * CHECKs hold the same rules.
 */
function valuesOf(input: EventInput, o: { startMayBePast: boolean }): EventValues {
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  const venue = input.venue.trim();
  const onlineUrl = input.onlineUrl?.trim() || null;
  const price = input.free ? '' : input.price.trim();
  if (endsAt <= startsAt) throw field('/endsAt', 'place_event.ends_before_start');
  if (endsAt.getTime() - startsAt.getTime() > maxDays * 86_400_000)
    throw field('/endsAt', 'place_event.too_long');
  if (!o.startMayBePast && startsAt.getTime() < Date.now()) throw field('/startsAt', 'place_event.in_past');
  if (!venue && !onlineUrl) throw field('/venue', 'place_event.somewhere');
  if (!input.free && !price) throw field('/price', 'place_event.price_needed');
  if (!input.registration && input.capacity !== null)
    throw field('/capacity', 'place_event.capacity_needs_registration');
  return {
    title: input.title.trim(),
    description: input.description,
    startsAt,
    endsAt,
    venue,
    lat: venue ? input.lat : null,
    lng: venue ? input.lng : null,
    districtId: venue ? input.districtId : null,
    onlineUrl,
    stepFree: venue ? input.stepFree : false,
    free: input.free,
    price,
    visibility: input.visibility,
    registration: input.registration,
    capacity: input.registration ? input.capacity : null,
    waitlistEnabled: input.waitlistEnabled,
  };
}

/** An unknown district is the person's to correct, at its field. */
function districtProblem(err: unknown): Problem | null {
  const e = err as { code?: string; constraint?: string };
  return e?.code === '23503' && /district/.test(e.constraint ?? '')
    ? field('/districtId', 'field.invalid')
    : null;
}

/**
 * Creates an event for a host the person runs: an organisation they act for, a community they own or
 * moderate. Any other host — also one that does not exist — is a 403 with the same words.
 */
export async function createEvent(
  db: Executor,
  ctx: EventContext,
  host: { type: 'organisation' | 'community'; id: string },
  input: EventInput,
): Promise<string> {
  const values = valuesOf(input, { startMayBePast: false });
  return executeTx(db, async (tx) => {
    const facts = await hostFacts(tx, ctx.networkId, host, ctx.actorId);
    if (!facts || !eventPolicy.create(ctx.actor, facts)) throw new Problem(403, 'place_event.not_host');
    let id: string;
    try {
      id = (
        await insertEvent(
          tx,
          ctx.networkId,
          { organisationId: facts.organisation_id, communityId: facts.community_id },
          values,
          ctx.actorId,
        )
      ).id;
    } catch (err) {
      throw districtProblem(err) ?? err;
    }
    await federateChange(tx, ctx.networkId, 'event', id, facts.organisation_id ?? facts.community_id);
    await audit(tx, {
      networkId: ctx.networkId,
      actorId: ctx.actorId,
      action: 'place_event.created',
      entityType: 'place_event',
      entityId: id,
      details: { host, visibility: values.visibility, capacity: values.capacity },
      ip: ctx.ip,
    });
    return id;
  });
}

/** The event locked for a change by its host, or the answer the person gets. */
async function lockedForHost(tx: Executor, ctx: EventContext, id: string) {
  const locked = await lockHolder(tx, eventPlaces, ctx.networkId, id);
  const event = locked && (await findEvent(tx, ctx.networkId, id, ctx.actorId));
  if (!locked || !event || !eventPolicy.view(ctx.actor, event)) throw notFound();
  if (!hosts(ctx.actor, event)) throw forbidden();
  if (event.status === 'cancelled') throw new Problem(409, 'place_event.cancelled');
  return event;
}

/**
 * Changes an event (its host). Guarantees, under the event's lock (platform/capacity.ts): the places
 * never drop below those already taken (409), registration cannot be switched off once people
 * registered (409); places added go to the waitlist in order, each told; moving the event or its
 * venue tells everyone registered, and the reminder follows the new start.
 */
export async function changeEvent(
  db: Executor,
  ctx: EventContext,
  id: string,
  input: EventInput,
): Promise<void> {
  await executeTx(db, async (tx) => {
    const event = await lockedForHost(tx, ctx, id);
    const values = valuesOf(input, {
      startMayBePast: new Date(input.startsAt).getTime() === event.starts_at.getTime(),
    });
    const below = new Problem(409, 'place_event.capacity_below_registered', {
      params: { registered: event.signed_up },
    });
    if (!values.registration && (event.signed_up > 0 || event.waitlisted > 0))
      throw new Problem(409, 'place_event.registration_in_use');
    if (values.capacity !== null && values.capacity < event.signed_up) throw below;
    try {
      await updateEvent(tx, ctx.networkId, id, values);
    } catch (err) {
      if (isOverCapacity(err, eventPlaces)) throw below;
      throw districtProblem(err) ?? err;
    }
    const changed = { ...event, title: values.title, starts_at: values.startsAt, ends_at: values.endsAt };
    const promoted = event.waitlisted > 0 ? await fillFromWaitlist(tx, eventPlaces, ctx.networkId, id) : [];
    for (const p of promoted) await tellPromoted(tx, ctx.networkId, ctx.config, changed, p.account_id);
    const moved =
      values.startsAt.getTime() !== event.starts_at.getTime() ||
      values.endsAt.getTime() !== event.ends_at.getTime() ||
      values.venue !== event.venue ||
      values.onlineUrl !== event.online_url;
    if (moved) {
      const promotedIds = new Set(promoted.map((p) => p.account_id));
      for (const r of await activeRegistrants(tx, ctx.networkId, id))
        if (!promotedIds.has(r.account_id))
          await notify(tx, {
            networkId: ctx.networkId,
            accountId: r.account_id,
            kind: 'place_event.changed',
            params: { title: values.title, startsAt: values.startsAt.toISOString() },
            link: webPaths.placesEvent(id),
          });
    }
    if (values.startsAt.getTime() !== event.starts_at.getTime()) await forgetReminders(tx, ctx.networkId, id);
    if (event.signed_up > 0 || promoted.length > 0)
      await scheduleEventReminder(tx, ctx.networkId, id, values.startsAt);
    await federateChange(tx, ctx.networkId, 'event', id, event.organisation_id ?? event.community_id);
    await audit(tx, {
      networkId: ctx.networkId,
      actorId: ctx.actorId,
      action: 'place_event.changed',
      entityType: 'place_event',
      entityId: id,
      details: { moved, capacity: values.capacity, promoted: promoted.length },
      ip: ctx.ip,
    });
  });
}

/**
 * Cancels an event (its host, before it ends): it stays in the calendar marked cancelled, and
 * everyone with a place or on the waitlist is told in-app and by email, with the host's reason.
 */
export async function cancelEvent(
  db: Executor,
  ctx: EventContext,
  id: string,
  reason: string,
): Promise<number> {
  return executeTx(db, async (tx) => {
    const event = await lockedForHost(tx, ctx, id);
    if (event.ends_at.getTime() <= Date.now()) throw new Problem(409, 'place_event.over');
    await markCancelled(tx, ctx.networkId, id, reason.trim());
    const told = await activeRegistrants(tx, ctx.networkId, id);
    for (const r of told) await tellCancelled(tx, ctx.networkId, ctx.config, event, r, reason.trim());
    await federateChange(tx, ctx.networkId, 'event', id, event.organisation_id ?? event.community_id);
    await audit(tx, {
      networkId: ctx.networkId,
      actorId: ctx.actorId,
      action: 'place_event.cancelled',
      entityType: 'place_event',
      entityId: id,
      details: { told: told.length },
      ip: ctx.ip,
    });
    return told.length;
  });
}
