import type { Static } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { executeTx } from '../../../../db/tx.ts';
import { clientIp, requireAccount } from '../../../../http/context.ts';
import { forbidden, notFound, Problem } from '../../../../http/problem.ts';
import { IdParams, NoContent, problems } from '../../../../http/schemas.ts';
import { audit } from '../../../../platform/audit.ts';
import { networkTimeZone } from '../../../../platform/localTime.ts';
import type { Actor } from '../../../../policies/actor.ts';
import { firstFreeSlot } from '../../commands/freeSlot.ts';
import { resourcePolicy } from '../../policies/resource.ts';
import { busySlots, takenPeriods } from '../../repositories/bookings.ts';
import {
  addBlockedPeriod,
  availabilityRules,
  blockedPeriods,
  removeBlockedPeriod,
  replaceAvailability,
} from '../../repositories/resources.ts';
import { loadResource } from './load.ts';
import {
  AvailabilityUpdate,
  AvailabilityView,
  BlockedParams,
  BlockedPeriodCreate,
  BusyQuery,
  BusyView,
  FreeSlotQuery,
  FreeSlotView,
} from './schema.ts';

/** How far ahead the booking form's suggestion looks for a free time. */
export const freeSlotWeeks = 4;

/** When a resource can be booked: weekly rules, blocked periods, and the times already taken. */
export async function resourceAvailabilityRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;
  const tags = ['resources'];
  const load = (id: string, actor: Actor) => loadResource(db, networkId, id, actor);

  async function availabilityOf(id: string) {
    const [rules, blocked] = await Promise.all([
      availabilityRules(db, networkId, id),
      blockedPeriods(db, networkId, id),
    ]);
    return {
      timeZone: networkTimeZone,
      rules: rules.map((r) => ({ id: r.id, weekday: r.weekday, start: r.start_time, end: r.end_time })),
      blocked: blocked.map((b) => ({
        id: b.id,
        start: b.starts_at.toISOString(),
        end: b.ends_at.toISOString(),
        reason: b.reason,
      })),
    };
  }

  app.get<{ Params: { id: string } }>(
    '/:id/availability',
    {
      schema: {
        tags,
        summary: 'Weekly availability (local times; none = always) and blocked periods',
        params: IdParams,
        response: { 200: AvailabilityView, ...problems },
      },
    },
    async (req) => availabilityOf((await load(req.params.id, req.actor)).id),
  );

  app.put<{ Params: { id: string }; Body: Static<typeof AvailabilityUpdate> }>(
    '/:id/availability',
    {
      schema: {
        tags,
        summary: 'Replace the weekly availability rules',
        params: IdParams,
        body: AvailabilityUpdate,
        response: { 200: AvailabilityView, ...problems },
      },
    },
    async (req) => {
      const actorId = requireAccount(req);
      const r = await load(req.params.id, req.actor);
      if (!resourcePolicy.manageAvailability(req.actor, r)) throw forbidden();
      req.body.rules.forEach((rule, i) => {
        if (rule.start >= rule.end)
          throw new Problem(400, 'validation', {
            fields: [{ field: `/rules/${i}/end`, code: 'booking.invalid_period' }],
          });
      });
      await executeTx(db, async (tx) => {
        await replaceAvailability(
          tx,
          networkId,
          r.id,
          req.body.rules.map((x) => ({ ...x, end: x.end === '24:00' ? '23:59:59.999999' : x.end })),
        );
        await audit(tx, {
          networkId,
          actorId,
          action: 'resource.availability_changed',
          entityType: 'resource',
          entityId: r.id,
          details: { rules: req.body.rules.length },
          ip: clientIp(req),
        });
      });
      return availabilityOf(r.id);
    },
  );

  app.post<{ Params: { id: string }; Body: Static<typeof BlockedPeriodCreate> }>(
    '/:id/blocked-periods',
    {
      schema: {
        tags,
        summary: 'Block a period (holidays, repairs)',
        params: IdParams,
        body: BlockedPeriodCreate,
        response: { 201: AvailabilityView, ...problems },
      },
    },
    async (req, reply) => {
      const actorId = requireAccount(req);
      const r = await load(req.params.id, req.actor);
      if (!resourcePolicy.manageAvailability(req.actor, r)) throw forbidden();
      const start = new Date(req.body.start);
      const end = new Date(req.body.end);
      if (end <= start) throw new Problem(422, 'booking.invalid_period');
      await executeTx(db, async (tx) => {
        const { id } = await addBlockedPeriod(tx, networkId, r.id, {
          start,
          end,
          reason: req.body.reason ?? '',
        });
        await audit(tx, {
          networkId,
          actorId,
          action: 'resource.period_blocked',
          entityType: 'resource',
          entityId: r.id,
          details: { blockId: id },
          ip: clientIp(req),
        });
      });
      return reply.code(201).send(await availabilityOf(r.id));
    },
  );

  app.delete<{ Params: Static<typeof BlockedParams> }>(
    '/:id/blocked-periods/:blockId',
    {
      schema: {
        tags,
        summary: 'Lift a blocked period',
        params: BlockedParams,
        response: { 204: NoContent, ...problems },
      },
    },
    async (req, reply) => {
      const actorId = requireAccount(req);
      const r = await load(req.params.id, req.actor);
      if (!resourcePolicy.manageAvailability(req.actor, r)) throw forbidden();
      const removed = await executeTx(db, async (tx) => {
        const ok = await removeBlockedPeriod(tx, networkId, r.id, req.params.blockId);
        if (ok)
          await audit(tx, {
            networkId,
            actorId,
            action: 'resource.period_unblocked',
            entityType: 'resource',
            entityId: r.id,
            details: { blockId: req.params.blockId },
            ip: clientIp(req),
          });
        return ok;
      });
      if (!removed) throw notFound();
      return reply.code(204).send();
    },
  );

  app.get<{ Params: { id: string }; Querystring: Static<typeof BusyQuery> }>(
    '/:id/busy',
    {
      schema: {
        tags,
        summary: 'When the resource is taken (confirmed bookings, without who booked them)',
        params: IdParams,
        querystring: BusyQuery,
        response: { 200: BusyView, ...problems },
      },
    },
    async (req) => {
      const r = await load(req.params.id, req.actor);
      const rows = await busySlots(db, networkId, r.id, new Date(req.query.from), new Date(req.query.to));
      return { items: rows.map((s) => ({ start: s.starts_at.toISOString(), end: s.ends_at.toISOString() })) };
    },
  );

  app.get<{ Params: { id: string }; Querystring: Static<typeof FreeSlotQuery> }>(
    '/:id/free-slot',
    {
      schema: {
        tags,
        summary:
          'The first free time of a length (default 2 h) in the next weeks: inside the weekly rules, outside ' +
          'blocked periods and clear of bookings (requested ones too) and their buffers — what the booking form offers',
        params: IdParams,
        querystring: FreeSlotQuery,
        response: { 200: FreeSlotView, ...problems },
      },
    },
    async (req) => {
      const r = await load(req.params.id, req.actor);
      const now = new Date();
      const from = req.query.from ? new Date(req.query.from) : now;
      const start = from > now ? from : now;
      const until = new Date(start.getTime() + freeSlotWeeks * 7 * 24 * 3600 * 1000);
      const [rules, blocked, taken] = await Promise.all([
        availabilityRules(db, networkId, r.id),
        blockedPeriods(db, networkId, r.id),
        takenPeriods(db, networkId, r.id, start, new Date(until.getTime() + 24 * 3600 * 1000)),
      ]);
      const slot = firstFreeSlot({
        from: start,
        now,
        minutes: req.query.minutes ?? 120,
        days: freeSlotWeeks * 7,
        rules,
        blocked: blocked.map((b) => ({ start: b.starts_at, end: b.ends_at })),
        taken: taken.map((b) => ({ start: b.starts_at, end: b.ends_at })),
        bufferMinutes: r.buffer_minutes,
      });
      return {
        slot: slot && { start: slot.start.toISOString(), end: slot.end.toISOString() },
        searchedUntil: until.toISOString(),
        weeks: freeSlotWeeks,
      };
    },
  );
}
