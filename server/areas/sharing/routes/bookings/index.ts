import type { Static } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { ICalEventStatus } from 'ical-generator';
import { hashSecret, newSecret } from '../../../../auth/tokens.ts';
import { executeTx } from '../../../../db/tx.ts';
import { optionalBody } from '../../../../http/body.ts';
import { eventUid, feedToken, feedUrl, newCalendar, sendCalendar } from '../../../../http/calendar.ts';
import { clientIp, commandContext, requireAccount } from '../../../../http/context.ts';
import { paging } from '../../../../http/paging.ts';
import { notFound } from '../../../../http/problem.ts';
import { IdParams, NoContent, Page, problems } from '../../../../http/schemas.ts';
import { audit } from '../../../../platform/audit.ts';
import type { Actor } from '../../../../policies/actor.ts';
import { bookResource } from '../../commands/bookResource.ts';
import { type BookingAction, decideBooking } from '../../commands/decideBooking.ts';
import { bookingAbilities, bookingPolicy, bookingRef } from '../../policies/booking.ts';
import {
  type BookingRow,
  createFeedToken,
  findBooking,
  findFeed,
  listBookings,
  revokeFeedTokens,
} from '../../repositories/bookings.ts';
import { loadResource, loadResourceForBooking } from '../resources/load.ts';
import { FeedView } from '../resources/schema.ts';
import {
  BookingCreate,
  BookingCreated,
  BookingListQuery,
  BookingStep,
  BookingView,
  FeedParams,
} from './schema.ts';

/** A booking feed's secret URL (GET /bookings/feeds/:file below serves it). */
export function bookingFeedUrl(publicUrl: string, token: string): string {
  return feedUrl(publicUrl, '/bookings', token);
}

export function presentBooking(b: BookingRow, actor: Actor) {
  return {
    id: b.id,
    resource: { id: b.resource_id, title: b.resource_title, kind: b.resource_kind },
    requester: { id: b.requester_id, name: b.requester_name },
    organisationId: b.organisation_id,
    seriesId: b.series_id,
    start: b.starts_at.toISOString(),
    end: b.ends_at.toISOString(),
    status: b.status,
    note: b.note,
    decisionNote: b.decision_note,
    handoverNote: b.handover_note,
    returnNote: b.return_note,
    createdAt: b.created_at.toISOString(),
    abilities: bookingAbilities(actor, bookingRef(b)),
  };
}

export async function bookingRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;
  const tags = ['bookings'];

  async function load(id: string, actor: Actor) {
    const b = await findBooking(db, networkId, id);
    if (!b || !bookingPolicy.view(actor, bookingRef(b))) throw notFound();
    return b;
  }

  app.post<{ Body: Static<typeof BookingCreate> }>(
    '/',
    {
      schema: {
        tags,
        summary:
          'Request a booking, once or weekly until a date. Each occurrence is checked; the answer lists the ' +
          'created ones and the refused ones with the reason. A single booking that cannot be made is a 409/422.',
        body: BookingCreate,
        response: { 201: BookingCreated, ...problems },
      },
    },
    async (req, reply) => {
      const ctx = commandContext(req, networkId);
      const start = new Date(req.body.start);
      const end = new Date(req.body.end);
      // one slot: the resource and what the slot is checked against in one read
      const { resource, checks } = req.body.repeatWeeklyUntil
        ? { resource: await loadResource(db, networkId, req.body.resourceId, req.actor), checks: undefined }
        : await loadResourceForBooking(db, networkId, req.body.resourceId, req.actor, { start, end });
      const {
        created,
        refused,
        rows: written,
      } = await bookResource(db, ctx, resource, {
        start,
        end,
        note: req.body.note,
        organisationId: req.body.organisationId,
        repeatWeeklyUntil: req.body.repeatWeeklyUntil,
        checked: checks,
      });
      // a single booking comes back from its insert; a series' occurrences are read back
      const rows = (written ?? []).map((b) => presentBooking(b, req.actor));
      if (!written)
        for (const id of created) {
          const b = await findBooking(db, networkId, id);
          if (b) rows.push(presentBooking(b, req.actor));
        }
      return reply.code(201).send({
        created: rows,
        refused: refused.map((r) => ({ ...r, start: r.start.toISOString(), end: r.end.toISOString() })),
      });
    },
  );

  app.get<{ Querystring: Static<typeof BookingListQuery> }>(
    '/mine',
    {
      schema: {
        tags,
        summary: 'My bookings and requests',
        querystring: BookingListQuery,
        response: { 200: Page(BookingView), ...problems },
      },
    },
    async (req) => {
      const actorId = requireAccount(req);
      const page = paging(req.query);
      const { items, total } = await listBookings(db, networkId, {
        requesterId: actorId,
        status: req.query.status,
        from: req.query.from ? new Date(req.query.from) : undefined,
        to: req.query.to ? new Date(req.query.to) : undefined,
        ...page,
      });
      return { items: items.map((b) => presentBooking(b, req.actor)), total, ...page };
    },
  );

  app.get<{ Querystring: Static<typeof BookingListQuery> }>(
    '/incoming',
    {
      schema: {
        tags,
        summary: 'Bookings of the resources I look after (mine and my organisations’), e.g. status=requested',
        querystring: BookingListQuery,
        response: { 200: Page(BookingView), ...problems },
      },
    },
    async (req) => {
      const actorId = requireAccount(req);
      const page = paging(req.query);
      const organisationIds = [...req.actor.roles.entries()]
        .filter(([, role]) => role === 'admin' || role === 'staff')
        .map(([id]) => id);
      const { items, total } = await listBookings(db, networkId, {
        ownedBy: { organisationIds, personId: actorId },
        status: req.query.status,
        from: req.query.from ? new Date(req.query.from) : undefined,
        to: req.query.to ? new Date(req.query.to) : undefined,
        ...page,
      });
      return { items: items.map((b) => presentBooking(b, req.actor)), total, ...page };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/:id',
    {
      schema: { tags, summary: 'One booking', params: IdParams, response: { 200: BookingView, ...problems } },
    },
    async (req) => {
      requireAccount(req);
      return presentBooking(await load(req.params.id, req.actor), req.actor);
    },
  );

  const steps: [string, BookingAction, string][] = [
    [
      'approve',
      'approve',
      'Approve a request (owner side); 409 naming the slot if it collides with a confirmed booking',
    ],
    ['decline', 'decline', 'Decline a request (owner side)'],
    ['hand-over', 'handOver', 'Hand the resource over, with a note on its condition (owner side)'],
    ['return', 'return', 'Take the resource back, with a note on its condition (owner side)'],
    ['cancel', 'cancel', 'Cancel before the hand-over (requester or owner side)'],
  ];
  for (const [path, action, summary] of steps) {
    app.post<{ Params: { id: string }; Body: Static<typeof BookingStep> }>(
      `/:id/${path}`,
      {
        schema: {
          tags,
          summary,
          params: IdParams,
          body: BookingStep,
          response: { 200: BookingView, ...problems },
        },
        // the note is optional, and so is the whole body
        preValidation: optionalBody,
      },
      async (req) => {
        await decideBooking(db, commandContext(req, networkId), req.params.id, action, req.body?.note);
        return presentBooking(await load(req.params.id, req.actor), req.actor);
      },
    );
  }

  app.post(
    '/feed',
    {
      schema: {
        tags,
        summary: 'A new secret iCalendar URL for my bookings (the previous one stops working)',
        response: { 201: FeedView, ...problems },
      },
    },
    async (req, reply) => {
      const actorId = requireAccount(req);
      const token = newSecret();
      await executeTx(db, async (tx) => {
        await createFeedToken(tx, networkId, {
          kind: 'person',
          accountId: actorId,
          tokenHash: hashSecret(token),
          createdBy: actorId,
        });
        await audit(tx, {
          networkId,
          actorId,
          action: 'booking.feed_created',
          entityType: 'account',
          entityId: actorId,
          ip: clientIp(req),
        });
      });
      return reply.code(201).send({ url: bookingFeedUrl(app.deps.config.publicUrl, token) });
    },
  );

  app.delete(
    '/feed',
    { schema: { tags, summary: 'Revoke my calendar URL', response: { 204: NoContent, ...problems } } },
    async (req, reply) => {
      const actorId = requireAccount(req);
      await executeTx(db, async (tx) => {
        await revokeFeedTokens(tx, networkId, { kind: 'person', accountId: actorId });
        await audit(tx, {
          networkId,
          actorId,
          action: 'booking.feed_revoked',
          entityType: 'account',
          entityId: actorId,
          ip: clientIp(req),
        });
      });
      return reply.code(204).send();
    },
  );

  app.get<{ Params: Static<typeof FeedParams> }>(
    '/feeds/:file',
    {
      schema: {
        tags,
        summary: 'iCalendar feed behind a secret URL (no sign-in: calendar apps cannot sign in)',
        params: FeedParams,
        produces: ['text/calendar'],
      },
    },
    async (req, reply) => {
      const feed = await findFeed(db, networkId, hashSecret(feedToken(req.params.file)));
      if (!feed) throw notFound();
      const from = new Date(Date.now() - 90 * 24 * 60 * 60 * 1000);
      const { items: rows } = await listBookings(db, networkId, {
        ...(feed.kind === 'resource'
          ? { resourceId: feed.resource_id ?? '' }
          : { requesterId: feed.account_id ?? '' }),
        from,
        limit: 2000,
        offset: 0,
      });
      const de = req.locale === 'de';
      const cal = newCalendar(
        feed.kind === 'resource' ? (rows[0]?.resource_title ?? app.deps.network.name) : app.deps.network.name,
        'Teilen',
        req.locale,
      );
      for (const b of rows) {
        if (b.status === 'declined' || b.status === 'cancelled') continue;
        const pending = b.status === 'requested';
        cal.createEvent({
          id: eventUid(app.deps.config.publicUrl, 'booking', b.id),
          start: b.starts_at,
          end: b.ends_at,
          summary:
            feed.kind === 'resource'
              ? `${b.requester_name}${pending ? (de ? ' (angefragt)' : ' (requested)') : ''}`
              : `${b.resource_title}${pending ? (de ? ' (angefragt)' : ' (requested)') : ''}`,
          description: b.note || undefined,
          status: pending ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
          url: `${app.deps.config.publicUrl}/teilen/buchungen/${b.id}`,
        });
      }
      return sendCalendar(reply, cal);
    },
  );
}
