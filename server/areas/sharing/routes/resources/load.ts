import type { Executor } from '../../../../db/tx.ts';
import { notFound } from '../../../../http/problem.ts';
import type { Actor } from '../../../../policies/actor.ts';
import { resourcePolicy } from '../../policies/resource.ts';
import { type BookingChecks, findResourceForBooking } from '../../repositories/bookings.ts';
import { findResource, type ResourceRow } from '../../repositories/resources.ts';

/** The resource if the actor may see it; otherwise "not found", whether it exists or not. */
export async function loadResource(db: Executor, networkId: string, id: string, actor: Actor) {
  const r = await findResource(db, networkId, id);
  if (!r || !resourcePolicy.view(actor, r)) throw notFound();
  return r;
}

/**
 * loadResource for a booking of one slot [start, end): the resource and what the slot is checked
 * against in one round trip (findResourceForBooking), to hand to bookResource as `checked`.
 */
export async function loadResourceForBooking(
  db: Executor,
  networkId: string,
  id: string,
  actor: Actor,
  slot: { start: Date; end: Date },
): Promise<{ resource: ResourceRow; checks?: BookingChecks }> {
  if (!(slot.start < slot.end)) return { resource: await loadResource(db, networkId, id, actor) };
  const found = await findResourceForBooking(db, networkId, id, slot.start, slot.end);
  if (!found || !resourcePolicy.view(actor, found.resource)) throw notFound();
  return found;
}
