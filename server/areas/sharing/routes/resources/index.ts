import type { Static } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { type Executor, executeTx } from '../../../../db/tx.ts';
import { clientIp, requireAccount } from '../../../../http/context.ts';
import { featureCollection, pointFeature, producesGeoJson, sendGeoJson } from '../../../../http/geojson.ts';
import { paging } from '../../../../http/paging.ts';
import { forbidden, Problem } from '../../../../http/problem.ts';
import { IdParams, NoContent, Page, problems } from '../../../../http/schemas.ts';
import { audit } from '../../../../platform/audit.ts';
import { webPaths } from '../../../../platform/webPaths.ts';
import { type Actor, actsFor } from '../../../../policies/actor.ts';
import { fieldsForKind } from '../../commands/resourceKinds.ts';
import { resourceAbilities, resourcePolicy } from '../../policies/resource.ts';
import { revokeFeedTokens } from '../../repositories/bookings.ts';
import {
  clusterResources,
  insertResource,
  listResources,
  type ResourceRow,
  resourceIdsOfPerson,
  updateResource,
  utilisation,
} from '../../repositories/resources.ts';
import { indexResource } from '../../search.ts';
import { resourceAvailabilityRoutes } from './availability.ts';
import { resourceFeedRoutes } from './feed.ts';
import { loadResource } from './load.ts';
import { listPhotos, resourcePhotoRoutes } from './photos.ts';
import {
  ResourceClusterQuery,
  ResourceClusters,
  ResourceCreate,
  ResourceListQuery,
  ResourceUpdate,
  ResourceView,
  UtilisationQuery,
  UtilisationView,
} from './schema.ts';

/** Below this share of the available hours a resource counts as idle and worth offering more widely. */
export const idleThreshold = 0.1;

export function presentResource(r: ResourceRow, actor: Actor) {
  const exact = resourcePolicy.viewExactLocation(actor, r);
  return {
    id: r.id,
    kind: r.kind,
    owner: {
      type: r.owner_type,
      id: (r.organisation_id ?? r.person_id) as string,
      name: r.owner_name,
    },
    title: r.title,
    description: r.description,
    districtId: r.district_id,
    // a private person's address goes with the exact point: to the owner side only
    address: exact ? r.address : '',
    lat: exact ? r.lat : r.public_lat,
    lng: exact ? r.lng : r.public_lng,
    approximate: r.approximate,
    conditions: {
      whoMayBorrow: r.who_may_borrow,
      depositCents: r.deposit_cents,
      feeCents: r.fee_cents,
      free: r.fee_cents === 0,
      feeNote: r.fee_note,
      rules: r.rules,
    },
    accessibility: r.accessibility,
    capacity: r.capacity,
    autoApprove: r.auto_approve,
    bufferMinutes: r.buffer_minutes,
    active: r.active,
    ...(r.distance_km !== null && r.distance_km !== undefined ? { distanceKm: r.distance_km } : {}),
    abilities: resourceAbilities(actor, r),
  };
}

/** A location is a point: both coordinates or neither. */
function requireBothCoordinates(lat: number | null, lng: number | null) {
  if ((lat === null) !== (lng === null))
    throw new Problem(422, 'validation', {
      fields: [{ field: lat === null ? '/lat' : '/lng', code: 'field.required' }],
    });
}

/** "minLng,minLat,maxLng,maxLat" → a box on the globe, or 400 naming the field. */
function parseBbox(s: string | undefined) {
  if (!s) return undefined;
  const [minLng = Number.NaN, minLat = Number.NaN, maxLng = Number.NaN, maxLat = Number.NaN] = s
    .split(',')
    .map(Number);
  const ok =
    [minLng, minLat, maxLng, maxLat].every(Number.isFinite) &&
    -180 <= minLng &&
    minLng <= maxLng &&
    maxLng <= 180 &&
    -90 <= minLat &&
    minLat <= maxLat &&
    maxLat <= 90;
  if (!ok) throw new Problem(400, 'validation', { fields: [{ field: '/bbox', code: 'field.invalid' }] });
  return { minLng, minLat, maxLng, maxLat };
}

export async function resourceRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;
  const tags = ['resources'];
  await app.register(resourcePhotoRoutes);

  const load = (id: string, actor: Actor) => loadResource(db, networkId, id, actor);

  const reindex = (ex: Executor, id: string) => indexResource(ex, networkId, id);

  const listSchema = {
    tags,
    querystring: ResourceListQuery,
  };

  function filterOf(q: Static<typeof ResourceListQuery>) {
    if ((q.freeFrom === undefined) !== (q.freeTo === undefined))
      throw new Problem(400, 'validation', {
        fields: [{ field: q.freeFrom ? '/freeTo' : '/freeFrom', code: 'field.required' }],
      });
    if ((q.lat === undefined) !== (q.lng === undefined))
      throw new Problem(400, 'validation', {
        fields: [{ field: q.lat === undefined ? '/lat' : '/lng', code: 'field.required' }],
      });
    return {
      kind: q.kind,
      districtId: q.districtId,
      organisationId: q.organisationId,
      personId: q.personId,
      q: q.q,
      near:
        q.lat !== undefined && q.lng !== undefined
          ? { lat: q.lat, lng: q.lng, radiusKm: q.radiusKm ?? 5 }
          : undefined,
      bbox: parseBbox(q.bbox),
      freeFrom: q.freeFrom ? new Date(q.freeFrom) : undefined,
      freeTo: q.freeTo ? new Date(q.freeTo) : undefined,
    };
  }

  app.get<{ Querystring: Static<typeof ResourceListQuery> }>(
    '/',
    {
      schema: {
        ...listSchema,
        summary:
          'The catalogue: filter by kind, district, owner, text, distance from a point (lat, lng, radiusKm), ' +
          'map bounding box, and free in a time window (freeFrom, freeTo)',
        response: { 200: Page(ResourceView), ...problems },
      },
    },
    async (req) => {
      const page = paging(req.query);
      // the owner side also sees its withdrawn resources when it lists its own
      const q = req.query;
      const own =
        (q.personId !== undefined && q.personId === req.actor.accountId && !req.actor.blocked) ||
        (q.organisationId !== undefined && actsFor(req.actor, q.organisationId));
      const { items, total } = await listResources(db, networkId, {
        ...filterOf(q),
        includeInactive: own,
        ...page,
      });
      return { items: items.map((r) => presentResource(r, req.actor)), total, ...page };
    },
  );

  app.get<{ Querystring: Static<typeof ResourceClusterQuery> }>(
    '/clusters',
    {
      schema: {
        tags,
        querystring: ResourceClusterQuery,
        summary:
          'The map: active resources grouped on a grid of about 80 px at the zoom level, every cell the ' +
          'bounding box touches counted whole; a cell holding one resource names it. Same filters as the catalogue.',
        response: { 200: ResourceClusters, ...problems },
      },
    },
    async (req) => {
      const { zoom, ...rest } = req.query;
      const f = filterOf(rest);
      return clusterResources(db, networkId, { ...f, bbox: f.bbox! }, zoom);
    },
  );

  app.get<{ Querystring: Static<typeof ResourceListQuery> }>(
    '/geojson',
    {
      schema: {
        ...listSchema,
        summary:
          'Active resources with a location as a GeoJSON FeatureCollection (private addresses approximate). Properties: id, kind, title, owner, ownerType, approximate, whoMayBorrow, free, districtId, url (link: the same, kept for older readers)',
        produces: producesGeoJson,
      },
    },
    async (req, reply) => {
      const f = filterOf(req.query);
      const { items } = await listResources(db, networkId, { ...f, limit: 5000, offset: 0 });
      const features = items
        .filter((r) => r.public_lat !== null && r.public_lng !== null)
        .map((r) =>
          // the public point, never the exact address, whoever asks: the file is shared onwards
          pointFeature(r.id, r.public_lng as number, r.public_lat as number, {
            id: r.id,
            kind: r.kind,
            title: r.title,
            owner: r.owner_name,
            ownerType: r.owner_type,
            approximate: r.approximate,
            whoMayBorrow: r.who_may_borrow,
            free: r.fee_cents === 0,
            districtId: r.district_id,
            link: webPaths.resource(r.id),
            url: webPaths.resource(r.id),
          }),
        );
      return sendGeoJson(reply, featureCollection(features));
    },
  );

  app.get<{ Querystring: Static<typeof UtilisationQuery> }>(
    '/utilisation',
    {
      schema: {
        tags,
        summary: 'Booked vs available hours of my resources (or one organisation’s), idle ones flagged',
        querystring: UtilisationQuery,
        response: { 200: UtilisationView, ...problems },
      },
    },
    async (req) => {
      const actorId = requireAccount(req);
      const from = new Date(req.query.from);
      const to = new Date(req.query.to);
      if (to <= from) throw new Problem(422, 'booking.invalid_period');
      let filter: { organisationId?: string; resourceIds?: string[] };
      if (req.query.organisationId) {
        if (!actsFor(req.actor, req.query.organisationId) && !req.actor.isInstanceAdmin) throw forbidden();
        filter = { organisationId: req.query.organisationId };
      } else {
        filter = { resourceIds: await resourceIdsOfPerson(db, networkId, actorId) };
      }
      const rows = await utilisation(db, networkId, { ...filter, from, to });
      const items = rows.map((r) => {
        const share = r.available_hours > 0 ? Math.min(1, r.booked_hours / r.available_hours) : 0;
        return {
          resourceId: r.id,
          title: r.title,
          kind: r.kind,
          bookedHours: Math.round(r.booked_hours * 100) / 100,
          availableHours: Math.round(r.available_hours * 100) / 100,
          utilisation: Math.round(share * 1000) / 1000,
          idle: share < idleThreshold,
        };
      });
      const sum = (k: 'bookedHours' | 'availableHours') =>
        Math.round(items.reduce((s, i) => s + i[k], 0) * 100) / 100;
      return { items, bookedHours: sum('bookedHours'), availableHours: sum('availableHours') };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/:id',
    {
      schema: {
        tags,
        summary: 'One resource',
        params: IdParams,
        response: { 200: ResourceView, ...problems },
      },
    },
    async (req) => {
      const r = await load(req.params.id, req.actor);
      return { ...presentResource(r, req.actor), photos: await listPhotos(app, r.id) };
    },
  );

  app.post<{ Body: Static<typeof ResourceCreate> }>(
    '/',
    {
      schema: {
        tags,
        summary: 'Offer a resource (for an organisation one acts for, or as oneself)',
        body: ResourceCreate,
        response: { 201: ResourceView, ...problems },
      },
    },
    async (req, reply) => {
      const actorId = requireAccount(req);
      const { organisationId, ...fields } = req.body;
      const owner = organisationId
        ? { type: 'organisation' as const, id: organisationId }
        : { type: 'person' as const, id: actorId };
      if (!resourcePolicy.create(req.actor, owner)) throw forbidden();
      const checked = fieldsForKind(fields.kind, fields, false);
      requireBothCoordinates(fields.lat ?? null, fields.lng ?? null);
      const id = await executeTx(db, async (tx) => {
        const { id } = await insertResource(tx, networkId, owner, checked, actorId);
        await audit(tx, {
          networkId,
          actorId,
          action: 'resource.created',
          entityType: 'resource',
          entityId: id,
          ip: clientIp(req),
        });
        await reindex(tx, id);
        return id;
      });
      return reply.code(201).send(presentResource(await load(id, req.actor), req.actor));
    },
  );

  app.patch<{ Params: { id: string }; Body: Static<typeof ResourceUpdate> }>(
    '/:id',
    {
      schema: {
        tags,
        summary: 'Change a resource',
        params: IdParams,
        body: ResourceUpdate,
        response: { 200: ResourceView, ...problems },
      },
    },
    async (req) => {
      const actorId = requireAccount(req);
      const r = await load(req.params.id, req.actor);
      if (!resourcePolicy.update(req.actor, r)) throw forbidden();
      const kind = req.body.kind ?? r.kind;
      const change = fieldsForKind(kind, req.body, kind !== r.kind);
      requireBothCoordinates(
        req.body.lat !== undefined ? req.body.lat : r.lat,
        req.body.lng !== undefined ? req.body.lng : r.lng,
      );
      await executeTx(db, async (tx) => {
        await updateResource(tx, networkId, r, change);
        await audit(tx, {
          networkId,
          actorId,
          action: 'resource.updated',
          entityType: 'resource',
          entityId: r.id,
          details: { fields: Object.keys(req.body) },
          ip: clientIp(req),
        });
        await reindex(tx, r.id);
      });
      return presentResource(await load(r.id, req.actor), req.actor);
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/:id',
    {
      schema: {
        tags,
        summary: 'Withdraw a resource from the catalogue (its bookings stay on record)',
        params: IdParams,
        response: { 204: NoContent, ...problems },
      },
    },
    async (req, reply) => {
      const actorId = requireAccount(req);
      const r = await load(req.params.id, req.actor);
      if (!resourcePolicy.delete(req.actor, r)) throw forbidden();
      await executeTx(db, async (tx) => {
        await updateResource(tx, networkId, r, { active: false });
        await reindex(tx, r.id);
        await revokeFeedTokens(tx, networkId, { kind: 'resource', resourceId: r.id });
        await audit(tx, {
          networkId,
          actorId,
          action: 'resource.withdrawn',
          entityType: 'resource',
          entityId: r.id,
          ip: clientIp(req),
        });
      });
      return reply.code(204).send();
    },
  );

  await app.register(resourceAvailabilityRoutes);
  await app.register(resourceFeedRoutes);
}
