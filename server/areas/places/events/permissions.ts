import { eventBody, makeCommunity, startedAgo } from '../../../../test/helpers/events.ts';
import {
  type Case,
  coordinatorsOfA,
  everyone,
  membersOfA,
  nobodyElse,
  signedIn,
  type Town,
} from '../../../../test/integration/access/cases.ts';

/**
 * Events and the one calendar: its part of Räume & Brücken's section of the access table (joined in
 * ../permissions.ts). Organisation A's staff and admins host A's events; a community Nils owns hosts
 * his. A public event is everyone's to see and every signed-in person's to register for; a
 * members-only event of A does not exist for anyone outside A (404). Only the one registered withdraws;
 * only the host sees who registered and records who came. The calendar and its filter feeds are
 * public; a person's own feed is behind a secret URL only they can make.
 */

/** A fresh event of A (public unless said otherwise), three days ahead. */
const eventOfA = async (town: Town, over: Record<string, unknown> = {}) =>
  (
    await town.post(
      'coordinatorA',
      '/places/events',
      eventBody({ type: 'organisation', id: town.orgA.id }, over),
    )
  ).id as string;

/** A fresh event of A with Olga registered: the event and her registration. */
const withOlga = async (town: Town) => {
  const id = await eventOfA(town);
  const r = await town.post('owner', `/places/events/${id}/register`, {});
  return { id, registration: r.registrationId as string };
};

const { host: _host, ...changed } = eventBody(
  { type: 'organisation', id: '' },
  { title: 'Sommerfest im Hof' },
);

export const eventsPermissions: Record<string, Case | Case[]> = {
  // ---- The one calendar and its feeds: public; a person's own feed behind a secret URL -------------
  'GET /places/events/calendar': { allowed: everyone, request: () => ({ url: '/places/events/calendar' }) },
  'GET /places/events/calendar.ics': {
    allowed: everyone,
    request: () => ({ url: '/places/events/calendar.ics?area=places' }),
  },
  'GET /places/events/communities': {
    allowed: everyone,
    request: () => ({ url: '/places/events/communities' }),
  },
  'GET /places/events/feed': { allowed: signedIn, request: () => ({ url: '/places/events/feed' }) },
  'POST /places/events/feed': { allowed: signedIn, request: () => ({ url: '/places/events/feed' }) },
  'DELETE /places/events/feed': { allowed: signedIn, request: () => ({ url: '/places/events/feed' }) },
  // whoever holds Olga's secret URL reads her calendar (calendar apps cannot sign in)
  'GET /places/events/feeds/{file}': {
    allowed: everyone,
    request: async (town) => {
      const { url } = await town.post('owner', '/places/events/feed', {});
      return { url: new URL(url).pathname.replace(/^\/api\/v1/, '') };
    },
  },
  // ---- Events -------------------------------------------------------------------------------------
  'GET /places/events/geojson': { allowed: everyone, request: () => ({ url: '/places/events/geojson' }) },
  'GET /places/events/hosts': { allowed: signedIn, request: () => ({ url: '/places/events/hosts' }) },
  'GET /places/events/mine': { allowed: signedIn, request: () => ({ url: '/places/events/mine' }) },
  'POST /places/events': [
    {
      when: 'for organisation A',
      allowed: coordinatorsOfA,
      request: (town) => ({
        url: '/places/events',
        payload: eventBody({ type: 'organisation', id: town.orgA.id }),
      }),
    },
    {
      when: 'for a community Nils owns',
      allowed: ['neighbour'],
      request: async (town) => {
        const c = await makeCommunity(town.t, { members: [[town.users.neighbour.id, 'owner']] });
        return { url: '/places/events', payload: eventBody({ type: 'community', id: c.id }) };
      },
    },
  ],
  'GET /places/events/{id}': [
    {
      when: 'a public event of A',
      allowed: everyone,
      request: async (town) => ({ url: `/places/events/${await eventOfA(town)}` }),
    },
    {
      when: 'a members-only event of A: nobody outside A learns it exists',
      allowed: membersOfA,
      seenBy: nobodyElse,
      request: async (town) => ({ url: `/places/events/${await eventOfA(town, { visibility: 'members' })}` }),
    },
  ],
  'PUT /places/events/{id}': {
    allowed: coordinatorsOfA,
    request: async (town) => ({ url: `/places/events/${await eventOfA(town)}`, payload: changed }),
  },
  'POST /places/events/{id}/cancel': {
    allowed: coordinatorsOfA,
    request: async (town) => ({
      url: `/places/events/${await eventOfA(town)}/cancel`,
      payload: { reason: 'Krankheit' },
    }),
  },
  'POST /places/events/{id}/register': [
    {
      when: 'a public event of A',
      allowed: signedIn,
      request: async (town) => ({ url: `/places/events/${await eventOfA(town)}/register` }),
    },
    {
      when: 'a members-only event of A',
      allowed: membersOfA,
      seenBy: nobodyElse,
      request: async (town) => ({
        url: `/places/events/${await eventOfA(town, { visibility: 'members' })}/register`,
      }),
    },
  ],
  'POST /places/events/{id}/withdraw': {
    when: 'Olga registered',
    allowed: ['owner'],
    request: async (town) => ({ url: `/places/events/${(await withOlga(town)).id}/withdraw` }),
  },
  'GET /places/events/{id}/registrations': {
    allowed: coordinatorsOfA,
    request: async (town) => ({ url: `/places/events/${(await withOlga(town)).id}/registrations` }),
  },
  'PUT /places/events/{id}/registrations/{registrationId}/attendance': {
    when: 'Olga registered for an event of A that began an hour ago',
    allowed: coordinatorsOfA,
    request: async (town) => {
      const { id, registration } = await withOlga(town);
      await startedAgo(town.t, id, 1);
      return {
        url: `/places/events/${id}/registrations/${registration}/attendance`,
        payload: { came: true },
      };
    },
  },
};
