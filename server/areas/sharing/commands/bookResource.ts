import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { type Executor, executeTx } from '../../../db/tx.ts';
import { forbidden, Problem } from '../../../http/problem.ts';
import { type Locale, t } from '../../../i18n/messages.ts';
import { auditInsert } from '../../../platform/audit.ts';
import { formatSlot, weeklyOccurrences } from '../../../platform/localTime.ts';
import { notificationInsert } from '../../../platform/notifications.ts';
import { webPaths } from '../../../platform/webPaths.ts';
import type { Actor } from '../../../policies/actor.ts';
import { actsFor } from '../../../policies/actor.ts';
import { coordinatorsOf } from '../../../repositories/organisations.ts';
import { bookingPolicy } from '../policies/booking.ts';
import { ownsResource, resourcePolicy } from '../policies/resource.ts';
import {
  type BookingChecks,
  type BookingRow,
  bookingChecks,
  conflictingBooking,
  insertBooking,
  insertBookingTogether,
} from '../repositories/bookings.ts';
import { availabilityRules, blockedOverlap, type ResourceRow } from '../repositories/resources.ts';
import { fitsAvailability } from './availability.ts';
import { bookingInteraction, recordBookingInteraction } from './decideBooking.ts';

export const maxOccurrences = 104;

export interface BookingContext {
  networkId: string;
  actor: Actor;
  actorId: string;
  ip: string | null;
  locale: Locale;
}

export interface BookingRequest {
  start: Date;
  end: Date;
  note?: string;
  /** book for this organisation (the requester must act for it) */
  organisationId?: string;
  /** repeat weekly at the same local time up to and including this date (YYYY-MM-DD) */
  repeatWeeklyUntil?: string;
  /** what the slot was checked against, read with the resource (findResourceForBooking) */
  checked?: BookingChecks;
}

export interface Occurrence {
  start: Date;
  end: Date;
}

export interface RefusedOccurrence extends Occurrence {
  status: number;
  code: string;
  message: string;
}

export function isBookingOverlap(err: unknown): boolean {
  const e = err as { code?: string; constraint?: string };
  return e?.code === '23P01' && e.constraint === 'booking_no_overlap';
}

/** PostgreSQL chose this transaction to break a deadlock. */
const isDeadlock = (err: unknown) => (err as { code?: string })?.code === '40P01';

/**
 * Inserts one occurrence — inside a transaction under a savepoint: 'overlap' when an approved booking
 * holds the slot (the exclusion constraint), rolled back to the savepoint so the other occurrences go
 * on; on its own a single statement, which then simply wrote nothing. Two requests for the same slot
 * that both wait for a third one's approval can each find the other's row in the exclusion index and
 * deadlock; PostgreSQL breaks it by failing one, which then simply tries again and now waits its turn
 * (a few times at most: each round, one of the waiters goes through).
 */
async function insertOccurrence<T>(db: Executor, insert: () => Promise<T>): Promise<T | 'overlap'> {
  const savepoint = db.isTransaction;
  for (let attempt = 1; ; attempt++) {
    if (savepoint) await sql`SAVEPOINT occurrence`.execute(db);
    try {
      const row = await insert();
      if (savepoint) await sql`RELEASE SAVEPOINT occurrence`.execute(db);
      return row;
    } catch (err) {
      if (!isBookingOverlap(err) && !(isDeadlock(err) && attempt < 5)) throw err;
      if (savepoint) await sql`ROLLBACK TO SAVEPOINT occurrence`.execute(db);
      if (isBookingOverlap(err)) return 'overlap';
    }
  }
}

/**
 * The 409 that names the approved booking a slot collides with (the requested slot itself when the
 * other booking cannot be found any more), in words and as `conflicts` for a program; the booking's
 * id only for those who may see it (its requester and the owner side).
 */
function bookingConflict(
  ctx: { locale: Locale; actor: Actor },
  resource: Pick<ResourceRow, 'owner_type' | 'organisation_id' | 'person_id'>,
  slot: Occurrence,
  other: Awaited<ReturnType<typeof conflictingBooking>>,
): Problem {
  const shown = other ? { start: other.starts_at, end: other.ends_at } : slot;
  const visible = other && bookingPolicy.view(ctx.actor, { ...other, resource });
  return new Problem(409, 'booking.conflict', {
    params: { slot: formatSlot(shown.start, shown.end, ctx.locale) },
    details: {
      conflicts: [
        {
          start: shown.start.toISOString(),
          end: shown.end.toISOString(),
          ...(visible ? { bookingId: other.id } : {}),
        },
      ],
    },
  });
}

/** The 409 for a slot an approved booking took in the meantime: looks the booking up, then names it. */
export async function conflictProblem(
  db: Executor,
  ctx: { networkId: string; locale: Locale; actor: Actor },
  resource: Pick<ResourceRow, 'id' | 'buffer_minutes' | 'owner_type' | 'organisation_id' | 'person_id'>,
  slot: Occurrence,
  exceptId?: string,
): Promise<Problem> {
  const other = await conflictingBooking(
    db,
    ctx.networkId,
    resource.id,
    slot.start,
    slot.end,
    resource.buffer_minutes,
    exceptId,
  );
  return bookingConflict(ctx, resource, slot, other);
}

/**
 * Requests a booking of a resource, once or weekly until a date.
 *
 * Guarantees: every occurrence is checked on its own — inside the weekly availability, outside any
 * blocked period, not overlapping an approved or handed-over booking (including the buffer time) —
 * and the answer lists each created occurrence and each refused one with its reason; none is dropped
 * silently. Pending requests do not block each other; an auto-approved resource books directly, and
 * the database's exclusion constraint makes sure two overlapping bookings are never both approved,
 * even when requests race. The owner side is notified; the whole request commits or nothing does.
 */
export async function bookResource(
  db: Executor,
  ctx: BookingContext,
  resource: ResourceRow,
  req: BookingRequest,
): Promise<{ created: string[]; refused: RefusedOccurrence[]; rows?: BookingRow[] }> {
  if (!resourcePolicy.book(ctx.actor, resource)) throw forbidden();
  if (req.organisationId && !actsFor(ctx.actor, req.organisationId))
    throw new Problem(403, 'booking.not_for_organisation');
  if (req.end <= req.start) throw new Problem(422, 'booking.invalid_period');
  if (req.start.getTime() < Date.now() - 60_000) throw new Problem(422, 'booking.in_past');
  const occurrences = req.repeatWeeklyUntil
    ? weeklyOccurrences(req.start, req.end, req.repeatWeeklyUntil, maxOccurrences + 1)
    : [{ start: req.start, end: req.end }];
  if (occurrences.length > maxOccurrences)
    throw new Problem(422, 'booking.series_too_long', { params: { max: maxOccurrences } });
  const seriesId = req.repeatWeeklyUntil ? randomUUID() : null;
  const autoApprove = resource.auto_approve || ownsResource(ctx.actor, resource);
  if (!seriesId) return bookOnce(db, ctx, resource, req, autoApprove);

  return executeTx(db, async (tx) => {
    const rules = await availabilityRules(tx, ctx.networkId, resource.id);
    const created: string[] = [];
    const refused: { occurrence: Occurrence; problem: Problem }[] = [];

    for (const o of occurrences) {
      const problem = await checkOccurrence(tx, ctx, resource, rules, o);
      if (problem) {
        refused.push({ occurrence: o, problem });
        continue;
      }
      const outcome = await insertOccurrence(tx, () =>
        insertBooking(tx, ctx.networkId, {
          resourceId: resource.id,
          requesterId: ctx.actorId,
          organisationId: req.organisationId ?? null,
          seriesId,
          start: o.start,
          end: o.end,
          bufferMinutes: resource.buffer_minutes,
          status: autoApprove ? 'approved' : 'requested',
          note: req.note ?? '',
          decidedBy: autoApprove ? ctx.actorId : null,
        }),
      );
      if (outcome === 'overlap') {
        // another booking was approved in the meantime: report it, keep the other occurrences
        refused.push({ occurrence: o, problem: await conflictProblem(tx, ctx, resource, o) });
        continue;
      }
      created.push(outcome.id);
      if (autoApprove)
        await recordBookingInteraction(tx, ctx.networkId, resource, {
          id: outcome.id,
          requester_id: ctx.actorId,
          organisation_id: req.organisationId ?? null,
          starts_at: o.start,
        });
    }

    // (a single booking that cannot be made is an error, not an empty success: bookOnce throws it)
    if (created.length > 0) {
      const holders = resource.organisation_id
        ? await coordinatorsOf(tx, ctx.networkId, resource.organisation_id)
        : [];
      await ownerSideNotice(tx, ctx, resource, holders, created[0]!, created.length, autoApprove)?.execute();
    }
    await bookingAudit(tx, ctx, resource, autoApprove, {
      created,
      refused: refused.length,
      seriesId,
    }).execute();
    return {
      created,
      refused: refused.map(({ occurrence, problem }) => ({
        ...occurrence,
        status: problem.status,
        code: problem.code,
        message: t(ctx.locale, problem.code, problem.params),
      })),
    };
  });
}

async function checkOccurrence(
  tx: Transaction<DB>,
  ctx: BookingContext,
  resource: ResourceRow,
  rules: Awaited<ReturnType<typeof availabilityRules>>,
  o: Occurrence,
): Promise<Problem | null> {
  if (!fitsAvailability(o.start, o.end, rules)) return occurrenceProblem(ctx, resource, rules, o);
  const blocked = await blockedOverlap(tx, ctx.networkId, resource.id, o.start, o.end);
  if (blocked) return occurrenceProblem(ctx, resource, rules, o, blocked);
  const other = await conflictingBooking(
    tx,
    ctx.networkId,
    resource.id,
    o.start,
    o.end,
    resource.buffer_minutes,
  );
  return occurrenceProblem(ctx, resource, rules, o, blocked, other);
}

/**
 * Why an occurrence cannot be booked, from what it was checked against (null: it can): outside the
 * weekly rules, in a blocked period, or overlapping an approved booking.
 */
function occurrenceProblem(
  ctx: BookingContext,
  resource: ResourceRow,
  rules: Awaited<ReturnType<typeof availabilityRules>>,
  o: Occurrence,
  blocked?: { reason: string; starts_at: Date; ends_at: Date },
  other?: Awaited<ReturnType<typeof conflictingBooking>>,
): Problem | null {
  if (!fitsAvailability(o.start, o.end, rules))
    return new Problem(422, 'booking.outside_availability', {
      params: { slot: formatSlot(o.start, o.end, ctx.locale), resource: resource.title },
    });
  if (blocked)
    return new Problem(422, 'booking.blocked', {
      params: {
        resource: resource.title,
        blocked: formatSlot(blocked.starts_at, blocked.ends_at, ctx.locale),
        reason: blocked.reason,
      },
    });
  if (other) return bookingConflict(ctx, resource, o, other);
  return null;
}

/**
 * A single booking (no series) in two round trips and without a transaction of its own: one read
 * for everything it is checked against (bookingChecks; none when the caller read it with the
 * resource, findResourceForBooking), then ONE statement that inserts the booking
 * with its interaction, the owner side's notification and the audit row (insertBookingTogether).
 * The exclusion constraint still decides a race for the slot; the statement then wrote nothing and
 * the answer names the booking that won. Inside a caller's transaction the write runs under a
 * savepoint, as the occurrences of a series do.
 */
async function bookOnce(
  db: Executor,
  ctx: BookingContext,
  resource: ResourceRow,
  req: BookingRequest,
  autoApprove: boolean,
): Promise<{ created: string[]; refused: RefusedOccurrence[]; rows: BookingRow[] }> {
  const o: Occurrence = { start: req.start, end: req.end };
  const read = req.checked;
  const checks =
    read && read.slot.start.getTime() === o.start.getTime() && read.slot.end.getTime() === o.end.getTime()
      ? read
      : await bookingChecks(db, ctx.networkId, resource, o.start, o.end);
  const problem = occurrenceProblem(ctx, resource, checks.rules, o, checks.blocked, checks.conflict);
  if (problem) throw problem;
  const id = randomUUID();
  const organisationId = req.organisationId ?? null;
  const closing = [
    autoApprove &&
      bookingInteraction(db, ctx.networkId, resource, {
        id,
        requester_id: ctx.actorId,
        organisation_id: organisationId,
        starts_at: o.start,
      }),
    ownerSideNotice(db, ctx, resource, checks.coordinators, id, 1, autoApprove),
    bookingAudit(db, ctx, resource, autoApprove, { created: [id], refused: 0, seriesId: null }),
  ];
  const outcome = await insertOccurrence(db, () =>
    insertBookingTogether(
      db,
      ctx.networkId,
      {
        id,
        resourceId: resource.id,
        requesterId: ctx.actorId,
        organisationId,
        seriesId: null,
        start: o.start,
        end: o.end,
        bufferMinutes: resource.buffer_minutes,
        status: autoApprove ? 'approved' : 'requested',
        note: req.note ?? '',
        decidedBy: autoApprove ? ctx.actorId : null,
      },
      resource,
      closing,
    ),
  );
  // another booking was approved in the meantime
  if (outcome === 'overlap') throw await conflictProblem(db, ctx, resource, o);
  return { created: [id], refused: [], rows: [outcome] };
}

/** The audit row of a booking request, as a query to write with others (see insertTogether). */
function bookingAudit(
  db: Executor,
  ctx: BookingContext,
  resource: ResourceRow,
  approved: boolean,
  r: { created: string[]; refused: number; seriesId: string | null },
) {
  return auditInsert(db, {
    networkId: ctx.networkId,
    actorId: ctx.actorId,
    action: approved ? 'booking.created_approved' : 'booking.requested',
    entityType: 'resource',
    entityId: resource.id,
    details: { bookings: r.created, refused: r.refused, seriesId: r.seriesId },
    ip: ctx.ip,
  });
}

/**
 * The owner side is told of new bookings (the person who offers the resource, or the coordinators
 * of its organisation, as `coordinators`), except the one who booked: a query, or null for nobody.
 */
function ownerSideNotice(
  db: Executor,
  ctx: BookingContext,
  resource: ResourceRow,
  coordinators: string[],
  bookingId: string,
  count: number,
  approved: boolean,
) {
  const holders = resource.person_id ? [resource.person_id] : resource.organisation_id ? coordinators : [];
  return notificationInsert(
    db,
    holders
      .filter((accountId) => accountId !== ctx.actorId)
      .map((accountId) => ({
        networkId: ctx.networkId,
        accountId,
        kind: approved ? ('booking.booked' as const) : ('booking.requested' as const),
        params: { resource: resource.title, count },
        link: webPaths.booking(bookingId),
      })),
  );
}
