import { type Executor, executeTx } from '../../../db/tx.ts';
import { forbidden, notFound, Problem } from '../../../http/problem.ts';
import { audit } from '../../../platform/audit.ts';
import { interactionInsert, type Party } from '../../../platform/interactions.ts';
import { notify } from '../../../platform/notifications.ts';
import { webPaths } from '../../../platform/webPaths.ts';
import { bookingPolicy } from '../policies/booking.ts';
import { type BookingRow, findBooking, setBookingStatus } from '../repositories/bookings.ts';
import type { ResourceRow } from '../repositories/resources.ts';
import { type BookingContext, conflictProblem, isBookingOverlap } from './bookResource.ts';

export type BookingAction = 'approve' | 'decline' | 'handOver' | 'return' | 'cancel';

const transitions = {
  approve: { to: 'approved', field: 'decision_note', audit: 'booking.approved' },
  decline: { to: 'declined', field: 'decision_note', audit: 'booking.declined' },
  handOver: { to: 'handed_over', field: 'handover_note', audit: 'booking.handed_over' },
  return: { to: 'returned', field: 'return_note', audit: 'booking.returned' },
  cancel: { to: 'cancelled', field: 'decision_note', audit: 'booking.cancelled' },
} as const;

/** A loan for things that leave the owner's hands, a booking for rooms, skills and services. */
function interactionKind(kind: ResourceRow['kind']): string {
  return kind === 'equipment' || kind === 'vehicle' || kind === 'giveaway' ? 'loan' : 'booking';
}

/** Records the approved booking between the borrower (or the organisation they booked for) and the owner. */
export async function recordBookingInteraction(
  tx: Executor,
  networkId: string,
  resource: Pick<ResourceRow, 'kind' | 'organisation_id' | 'person_id'>,
  booking: { id: string; requester_id: string; organisation_id: string | null; starts_at: Date },
) {
  await bookingInteraction(tx, networkId, resource, booking)?.execute();
}

/** The approved booking as an interaction, as a query (null without a counterpart), to write with others. */
export function bookingInteraction(
  db: Executor,
  networkId: string,
  resource: Pick<ResourceRow, 'kind' | 'organisation_id' | 'person_id'>,
  booking: { id: string; requester_id: string; organisation_id: string | null; starts_at: Date },
) {
  const a: Party = booking.organisation_id
    ? { type: 'organisation', id: booking.organisation_id }
    : { type: 'person', id: booking.requester_id };
  const b: Party | null = resource.organisation_id
    ? { type: 'organisation', id: resource.organisation_id }
    : resource.person_id
      ? { type: 'person', id: resource.person_id }
      : null;
  if (!b) return null;
  return interactionInsert(db, {
    networkId,
    area: 'sharing',
    kind: interactionKind(resource.kind),
    mode: 'offline',
    a,
    b,
    occurredAt: booking.starts_at,
    source: { type: 'booking', id: booking.id },
  });
}

/**
 * Moves a booking through its life: the owner side approves or declines a request, hands the thing
 * over and takes it back (with condition notes); the requester or the owner side cancels before the
 * hand-over.
 *
 * Guarantees: the booking row is locked, so two decisions on one booking never both apply; each step
 * is allowed only from its one previous status; approval is where "never a double booking" bites —
 * the exclusion constraint refuses a second overlapping approval even when approvals race, and the
 * answer is a 409 naming the slot it collides with. An approval is recorded as an interaction between
 * the parties, and the requester is told of every decision.
 */
export async function decideBooking(
  db: Executor,
  ctx: BookingContext,
  bookingId: string,
  action: BookingAction,
  note?: string,
): Promise<void> {
  const step = transitions[action];
  let slotConflict: { resource: ResourceRow; booking: BookingRow } | null = null;
  try {
    await executeTx(db, async (tx) => {
      const booking = await findBooking(tx, ctx.networkId, bookingId, true);
      if (!booking) throw notFound();
      const ref = {
        status: booking.status,
        requester_id: booking.requester_id,
        resource: {
          owner_type: booking.owner_type,
          organisation_id: booking.owner_organisation_id,
          person_id: booking.owner_person_id,
        },
      };
      if (!bookingPolicy.view(ctx.actor, ref)) throw notFound();
      if (!bookingPolicy[action](ctx.actor, ref)) {
        const anyStatus = bookingPolicy[action](ctx.actor, { ...ref, status: expectedFrom(action) });
        if (anyStatus) throw new Problem(409, 'booking.wrong_status', { params: { status: booking.status } });
        throw forbidden();
      }
      const resource = await tx
        .selectFrom('resource')
        .selectAll()
        .where('network_id', '=', ctx.networkId)
        .where('id', '=', booking.resource_id)
        .executeTakeFirstOrThrow();
      slotConflict = { resource: { ...resource, owner_name: '', distance_km: null }, booking };
      await setBookingStatus(tx, ctx.networkId, booking.id, step.to, {
        decidedBy: action === 'approve' || action === 'decline' ? ctx.actorId : undefined,
        note,
        field: step.field,
      });
      if (action === 'approve') await recordBookingInteraction(tx, ctx.networkId, resource, booking);
      if (booking.requester_id !== ctx.actorId) {
        await notify(tx, {
          networkId: ctx.networkId,
          accountId: booking.requester_id,
          kind: `booking.${step.to}`,
          params: { resource: booking.resource_title },
          link: webPaths.booking(booking.id),
        });
      }
      await audit(tx, {
        networkId: ctx.networkId,
        actorId: ctx.actorId,
        action: step.audit,
        entityType: 'booking',
        entityId: booking.id,
        details: note ? { note } : {},
        ip: ctx.ip,
      });
    });
  } catch (err) {
    const c = slotConflict as { resource: ResourceRow; booking: BookingRow } | null;
    if (isBookingOverlap(err) && c) {
      throw await conflictProblem(
        db,
        ctx,
        c.resource,
        { start: c.booking.starts_at, end: c.booking.ends_at },
        c.booking.id,
      );
    }
    throw err;
  }
}

function expectedFrom(action: BookingAction) {
  if (action === 'handOver') return 'approved' as const;
  if (action === 'return') return 'handed_over' as const;
  return 'requested' as const;
}
