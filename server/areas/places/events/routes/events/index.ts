import type { Static } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { commandContext, requireAccount } from '../../../../../http/context.ts';
import {
  featureCollection,
  pointFeature,
  producesGeoJson,
  sendGeoJson,
} from '../../../../../http/geojson.ts';
import { forbidden, notFound } from '../../../../../http/problem.ts';
import { IdParams, NoContent, problems } from '../../../../../http/schemas.ts';
import { renderMarkdown } from '../../../../../platform/markdown.ts';
import { webPaths } from '../../../../../platform/webPaths.ts';
import { type Actor, anonymous } from '../../../../../policies/actor.ts';
import {
  attendanceOpensMinutes,
  recordAttendance,
  registerForEvent,
  withdrawFromEvent,
} from '../../commands/registrations.ts';
import { cancelEvent, changeEvent, createEvent } from '../../commands/saveEvent.ts';
import { eventAbilities, eventPolicy, registrationPolicy } from '../../policies/event.ts';
import { type EventRow, findEvent, hostOptions, listEvents } from '../../repositories/events.ts';
import { myRegistration, registrationsOf, registrationsOfPerson } from '../../repositories/registrations.ts';
import {
  Attendance,
  CancelResult,
  EventCancel,
  EventChange,
  EventCreate,
  EventFeatures,
  EventMapQuery,
  EventView,
  HostOptions,
  MyEvents,
  RegisterResult,
  RegistrationList,
  RegistrationParams,
  WithdrawResult,
} from './schema.ts';

type Mine = Awaited<ReturnType<typeof myRegistration>>;

/** The map layer of events: the coming days it covers and the most features it holds. */
const mapDays = 92;
const mapLimit = 2000;

/** Whether the reader gets the link to join online: it stands for a place when places count. */
function seesOnlineUrl(actor: Actor, e: EventRow, mine: Mine): boolean {
  if (eventPolicy.manage(actor, e)) return true;
  if (!e.registration) return true;
  return mine?.status === 'signed_up' || mine?.status === 'checked_in';
}

export function presentEvent(e: EventRow, actor: Actor, mine: Mine) {
  return {
    id: e.id,
    host: e.organisation_id
      ? { type: 'organisation' as const, id: e.organisation_id, name: e.organisation_name ?? '', slug: null }
      : {
          type: 'community' as const,
          id: e.community_id ?? '',
          name: e.community_name ?? '',
          slug: e.community_slug,
        },
    title: e.title,
    description: e.description,
    html: renderMarkdown(e.description),
    startsAt: e.starts_at.toISOString(),
    endsAt: e.ends_at.toISOString(),
    venue: e.venue,
    lat: e.lat,
    lng: e.lng,
    district: e.district_id ? { id: e.district_id, name: e.district_name ?? '' } : null,
    online: e.online_url !== null,
    onlineUrl: seesOnlineUrl(actor, e, mine) ? e.online_url : null,
    stepFree: e.step_free,
    free: e.free,
    price: e.price,
    visibility: e.visibility,
    registration: e.registration,
    capacity: e.capacity,
    signedUp: e.signed_up,
    freePlaces: e.capacity === null ? null : Math.max(0, e.capacity - e.signed_up),
    waitlisted: e.waitlisted,
    waitlistEnabled: e.waitlist_enabled,
    status: e.status,
    cancelledAt: e.cancelled_at?.toISOString() ?? null,
    cancelReason: e.cancel_reason,
    mine: mine ? { id: mine.id, status: mine.status, waitlistPosition: mine.position } : null,
    abilities: {
      ...eventAbilities(actor, e),
      // a registered person withdraws instead of registering again
      register: eventAbilities(actor, e).register && !mine && e.ends_at.getTime() > Date.now(),
      withdraw: !!mine && registrationPolicy.withdraw(actor, mine) && e.ends_at.getTime() > Date.now(),
    },
  };
}

/**
 * Events of organisations and communities: create (the host), read (by its visibility: a members-only
 * event answers 404 to everyone but the host's members), change and cancel (the host), register and
 * withdraw (people who may see it), the list of registrations and who came (the host), one's own
 * registrations. The calendar across all areas and its feeds are in ../calendar.
 */
export async function eventRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;
  const { config } = app.deps;
  const tags = ['events'];
  const ctxOf = (req: Parameters<typeof commandContext>[0]) => ({
    ...commandContext(req, networkId),
    config,
  });

  /** The event as the reader may see it, or 404. */
  async function visible(id: string, actor: Actor) {
    const e = await findEvent(db, networkId, id, actor.accountId);
    if (!e || !eventPolicy.view(actor, e)) throw notFound();
    return e;
  }

  async function view(id: string, actor: Actor) {
    const e = await visible(id, actor);
    const mine = actor.accountId ? await myRegistration(db, networkId, id, actor.accountId) : undefined;
    return presentEvent(e, actor, mine);
  }

  app.get<{ Querystring: Static<typeof EventMapQuery> }>(
    '/geojson',
    {
      schema: {
        tags,
        summary: `The events of the coming ${mapDays} days that anyone may see and that have a place, as a GeoJSON FeatureCollection (at most ${mapLimit}, earliest first; truncated says more matched). Properties: id, title, host, startsAt, endsAt, venue, district, stepFree, free, cancelled, url`,
        querystring: EventMapQuery,
        produces: producesGeoJson,
        response: { 200: EventFeatures, ...problems },
      },
    },
    async (req, reply) => {
      const now = Date.now();
      // what anyone may see, whoever asks: the file is shared onwards
      const rows = (
        await listEvents(db, networkId, anonymous, {
          from: new Date(now),
          to: new Date(now + mapDays * 86_400_000),
          ...req.query,
          limit: 5000,
        })
      ).filter((e) => e.lat !== null && e.lng !== null && eventPolicy.view(anonymous, e));
      return sendGeoJson(
        reply,
        featureCollection(
          rows.slice(0, mapLimit).map((e) =>
            pointFeature(e.id, e.lng as number, e.lat as number, {
              id: e.id,
              title: e.title,
              host: e.organisation_name ?? e.community_name ?? '',
              startsAt: e.starts_at.toISOString(),
              endsAt: e.ends_at.toISOString(),
              venue: e.venue,
              district: e.district_name,
              stepFree: e.step_free,
              free: e.free,
              cancelled: e.status === 'cancelled',
              url: webPaths.placesEvent(e.id),
            }),
          ),
          rows.length > mapLimit,
        ),
      );
    },
  );

  app.get(
    '/hosts',
    {
      schema: {
        tags,
        summary: 'Whom I may invite for: the organisations I act for, the communities I own or moderate',
        response: { 200: HostOptions, ...problems },
      },
    },
    async (req) => {
      requireAccount(req);
      return hostOptions(db, networkId, req.actor);
    },
  );

  app.get(
    '/mine',
    {
      schema: {
        tags,
        summary: 'My registrations for events that have not ended, earliest first',
        response: { 200: MyEvents, ...problems },
      },
    },
    async (req) => {
      const accountId = requireAccount(req);
      const rows = await registrationsOfPerson(db, networkId, accountId, { from: new Date(), limit: 100 });
      return {
        items: rows.map((r) => ({
          registrationId: r.id,
          eventId: r.event_id,
          title: r.title,
          startsAt: r.starts_at.toISOString(),
          endsAt: r.ends_at.toISOString(),
          status: r.status,
          waitlistPosition: r.position,
          cancelled: r.event_status === 'cancelled',
        })),
      };
    },
  );

  app.post<{ Body: Static<typeof EventCreate> }>(
    '/',
    {
      schema: {
        tags,
        summary: 'Invite to an event, for an organisation I act for or a community I own or moderate',
        body: EventCreate,
        response: { 201: EventView, ...problems },
      },
    },
    async (req, reply) => {
      const { host, ...input } = req.body;
      const id = await createEvent(db, ctxOf(req), host, input);
      return reply.code(201).send(await view(id, req.actor));
    },
  );

  app.get<{ Params: { id: string } }>(
    '/:id',
    {
      schema: {
        tags,
        summary: 'An event (404 for a members-only event to anyone but the host’s members)',
        params: IdParams,
        response: { 200: EventView, ...problems },
      },
    },
    async (req) => view(req.params.id, req.actor),
  );

  app.put<{ Params: { id: string }; Body: Static<typeof EventChange> }>(
    '/:id',
    {
      schema: {
        tags,
        summary:
          'Change an event (its host); places never below those taken, added places go to the waitlist',
        params: IdParams,
        body: EventChange,
        response: { 200: EventView, ...problems },
      },
    },
    async (req) => {
      await changeEvent(db, ctxOf(req), req.params.id, req.body);
      return view(req.params.id, req.actor);
    },
  );

  app.post<{ Params: { id: string }; Body: Static<typeof EventCancel> }>(
    '/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Cancel an event (its host); everyone registered is told, in-app and by email',
        params: IdParams,
        body: EventCancel,
        response: { 200: CancelResult, ...problems },
      },
    },
    async (req) => ({ told: await cancelEvent(db, ctxOf(req), req.params.id, req.body.reason) }),
  );

  app.post<{ Params: { id: string } }>(
    '/:id/register',
    {
      schema: {
        tags,
        summary: 'Register: a place if one is free, else the waitlist (409 when full and without one)',
        params: IdParams,
        response: { 201: RegisterResult, ...problems },
      },
    },
    async (req, reply) => {
      const r = await registerForEvent(db, ctxOf(req), req.params.id);
      return reply
        .code(201)
        .send({ registrationId: r.registrationId, status: r.status, waitlistPosition: r.position });
    },
  );

  app.post<{ Params: { id: string } }>(
    '/:id/withdraw',
    {
      schema: {
        tags,
        summary: 'Withdraw my registration; the first person waiting gets the place',
        params: IdParams,
        response: { 200: WithdrawResult, ...problems },
      },
    },
    async (req) => withdrawFromEvent(db, ctxOf(req), req.params.id),
  );

  app.get<{ Params: { id: string } }>(
    '/:id/registrations',
    {
      schema: {
        tags,
        summary: 'Who registered, those with a place first, then the waitlist (the host)',
        params: IdParams,
        response: { 200: RegistrationList, ...problems },
      },
    },
    async (req) => {
      requireAccount(req);
      const e = await visible(req.params.id, req.actor);
      if (!eventPolicy.manage(req.actor, e)) throw forbidden();
      const rows = await registrationsOf(db, networkId, e.id);
      let position = 0;
      return {
        items: rows.map((r) => ({
          id: r.id,
          accountId: r.account_id,
          name: r.display_name,
          status: r.status,
          waitlistPosition: r.status === 'waitlisted' ? ++position : null,
          registeredAt: r.created_at.toISOString(),
          checkedInAt: r.checked_in_at?.toISOString() ?? null,
        })),
        attendanceOpen: Date.now() >= e.starts_at.getTime() - attendanceOpensMinutes * 60_000,
      };
    },
  );

  app.put<{ Params: Static<typeof RegistrationParams>; Body: Static<typeof Attendance> }>(
    '/:id/registrations/:registrationId/attendance',
    {
      schema: {
        tags,
        summary: 'Record whether a person with a place came (the host, from an hour before the start)',
        params: RegistrationParams,
        body: Attendance,
        response: { 204: NoContent, ...problems },
      },
    },
    async (req, reply) => {
      await recordAttendance(db, ctxOf(req), req.params.id, req.params.registrationId, req.body.came);
      return reply.code(204).send();
    },
  );
}
