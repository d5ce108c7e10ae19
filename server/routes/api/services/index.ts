import type { Static } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { executeTx } from '../../../db/tx.ts';
import { clientIp, requireAccount } from '../../../http/context.ts';
import { forbidden, notFound, Problem } from '../../../http/problem.ts';
import { NoContent, problems } from '../../../http/schemas.ts';
import { audit } from '../../../platform/audit.ts';
import { organisationPolicy } from '../../../policies/organisation.ts';
import {
  countServices,
  deleteService,
  findService,
  insertService,
  listServices,
  overlappingDay,
  type ServiceFields,
  type ServiceRow,
  servicesPerOrganisation,
  updateService,
} from '../../../repositories/organisationServices.ts';
import { findOrganisation } from '../../../repositories/organisations.ts';
import { OrganisationParams, ServiceList, ServiceParams, ServiceView, ServiceWrite } from './schema.ts';

export function presentService(s: ServiceRow) {
  return {
    id: s.id,
    organisationId: s.organisation_id,
    name: s.name,
    description: s.description,
    helpKinds: s.help_kinds,
    place: s.place,
    address: s.address,
    lat: s.lat,
    lng: s.lng,
    hoursNote: s.hours_note,
    hours: s.hours,
    updatedAt: s.updated_at.toISOString(),
  };
}

/**
 * The body as the repository takes it, or a 422 naming the field: a place of its own needs an
 * address; an opening closes after it opens and does not overlap another one of the same day.
 */
export function serviceFields(body: Static<typeof ServiceWrite>): ServiceFields {
  const name = body.name.trim();
  if (name.length < 2)
    throw new Problem(422, 'validation', { fields: [{ field: '/name', code: 'field.required' }] });
  const address = body.address?.trim() || null;
  if (body.place === 'elsewhere' && !address)
    throw new Problem(422, 'validation', { fields: [{ field: '/address', code: 'field.required' }] });
  if ((body.lat === null) !== (body.lng === null))
    throw new Problem(422, 'validation', { fields: [{ field: '/lat', code: 'field.invalid' }] });
  body.hours.forEach((h, i) => {
    if (h.closes <= h.opens)
      throw new Problem(422, 'service.hours_order', {
        fields: [{ field: `/hours/${i}/closes`, code: 'service.hours_order' }],
      });
  });
  const day = overlappingDay(body.hours);
  if (day !== undefined)
    throw new Problem(422, 'service.hours_overlap', {
      fields: [{ field: '/hours', code: 'service.hours_overlap' }],
    });
  const elsewhere = body.place === 'elsewhere';
  return {
    name,
    description: body.description.trim(),
    helpKinds: body.helpKinds,
    place: body.place,
    address: elsewhere ? address : null,
    lat: elsewhere ? body.lat : null,
    lng: elsewhere ? body.lng : null,
    hoursNote: body.hoursNote.trim(),
    hours: body.hours,
  };
}

/**
 * An organisation's services: what it offers people as a standing service, with its kinds of help,
 * its place and its weekly hours. Public like the organisation; its admins (and instance admins)
 * write them. The same data leaves as Open Referral (HSDS) under /hsds (server/interop/hsds).
 */
export async function serviceRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;
  const tags = ['organisations'];

  async function organisation(idOrSlug: string) {
    const org = await findOrganisation(db, networkId, idOrSlug);
    if (!org) throw notFound();
    return org;
  }

  app.get<{ Params: Static<typeof OrganisationParams> }>(
    '/organisations/:id/services',
    {
      schema: {
        tags,
        summary: "The organisation's services with their weekly hours (everyone)",
        params: OrganisationParams,
        response: { 200: ServiceList, ...problems },
      },
    },
    async (req) => {
      const org = await organisation(req.params.id);
      const { items } = await listServices(db, networkId, {
        organisationId: org.id,
        limit: servicesPerOrganisation,
        offset: 0,
      });
      return { items: items.map(presentService) };
    },
  );

  app.post<{ Params: Static<typeof OrganisationParams>; Body: Static<typeof ServiceWrite> }>(
    '/organisations/:id/services',
    {
      schema: {
        tags,
        summary: `Add a service (the organisation's admins; at most ${servicesPerOrganisation}: 409 service.too_many)`,
        params: OrganisationParams,
        body: ServiceWrite,
        response: { 201: ServiceView, ...problems },
      },
    },
    async (req, reply) => {
      const actorId = requireAccount(req);
      const org = await organisation(req.params.id);
      if (!organisationPolicy.update(req.actor, org)) throw forbidden();
      const fields = serviceFields(req.body);
      const id = await executeTx(db, async (tx) => {
        // the organisation's row locked: two admins adding at once still stop at the limit
        if ((await countServices(tx, networkId, org.id)) >= servicesPerOrganisation)
          throw new Problem(409, 'service.too_many', { params: { max: servicesPerOrganisation } });
        const id = await insertService(tx, networkId, org.id, fields);
        await audit(tx, {
          networkId,
          actorId,
          action: 'organisation.service_created',
          entityType: 'organisation',
          entityId: org.id,
          details: { serviceId: id },
          ip: clientIp(req),
        });
        return id;
      });
      const created = await findService(db, networkId, id);
      if (!created) throw notFound();
      return reply.code(201).send(presentService(created));
    },
  );

  app.put<{ Params: Static<typeof ServiceParams>; Body: Static<typeof ServiceWrite> }>(
    '/organisations/:id/services/:serviceId',
    {
      schema: {
        tags,
        summary: 'Change a service and its hours (the organisation’s admins)',
        params: ServiceParams,
        body: ServiceWrite,
        response: { 200: ServiceView, ...problems },
      },
    },
    async (req) => {
      const actorId = requireAccount(req);
      const org = await organisation(req.params.id);
      if (!organisationPolicy.update(req.actor, org)) throw forbidden();
      const fields = serviceFields(req.body);
      await executeTx(db, async (tx) => {
        const s = await findService(tx, networkId, req.params.serviceId);
        if (!s || s.organisation_id !== org.id) throw notFound();
        await updateService(tx, networkId, s.id, fields);
        await audit(tx, {
          networkId,
          actorId,
          action: 'organisation.service_updated',
          entityType: 'organisation',
          entityId: org.id,
          details: { serviceId: s.id },
          ip: clientIp(req),
        });
      });
      const s = await findService(db, networkId, req.params.serviceId);
      if (!s) throw notFound();
      return presentService(s);
    },
  );

  app.delete<{ Params: Static<typeof ServiceParams> }>(
    '/organisations/:id/services/:serviceId',
    {
      schema: {
        tags,
        summary: 'Remove a service (the organisation’s admins)',
        params: ServiceParams,
        response: { 204: NoContent, ...problems },
      },
    },
    async (req, reply) => {
      const actorId = requireAccount(req);
      const org = await organisation(req.params.id);
      if (!organisationPolicy.update(req.actor, org)) throw forbidden();
      await executeTx(db, async (tx) => {
        const s = await findService(tx, networkId, req.params.serviceId);
        if (!s || s.organisation_id !== org.id) throw notFound();
        await deleteService(tx, networkId, s.id);
        await audit(tx, {
          networkId,
          actorId,
          action: 'organisation.service_deleted',
          entityType: 'organisation',
          entityId: org.id,
          details: { serviceId: s.id, name: s.name },
          ip: clientIp(req),
        });
      });
      return reply.code(204).send();
    },
  );
}
