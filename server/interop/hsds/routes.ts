import type { Static } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { containsPattern } from '../../db/like.ts';
import type { HelpKind } from '../../db/schema.ts';
import { notFound } from '../../http/problem.ts';
import { IdParams, problems } from '../../http/schemas.ts';
import { findService, listServices, type ServiceFilter } from '../../repositories/organisationServices.ts';
import {
  type ExportContext,
  exportDirectory,
  hsdsVersion,
  type OrgRow,
  organisationRows,
  organizationBasic,
  organizationFull,
  serviceAtLocation,
  serviceAtLocationId,
  serviceBasic,
  serviceFull,
  servicesByOrganisation,
} from './export.ts';
import {
  ExportBundle,
  Meta,
  OrganizationByIdQuery,
  OrganizationPage,
  OrganizationQuery,
  Organization as OrganizationSchema,
  ServiceAtLocation as SalSchema,
  ServiceAtLocationPage,
  ServiceAtLocationQuery,
  ServicePage,
  ServiceQuery,
  Service as ServiceSchema,
} from './schema.ts';
import { helpKindTerms, taxonomyId, termId } from './terms.ts';

const perPageDefault = 20;

/** The paging fields of the HSDS API profile for one page of a list. */
function page<T>(contents: T[], total: number, pageNumber: number, perPage: number) {
  const totalPages = Math.max(1, Math.ceil(total / perPage));
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: pageNumber,
    size: contents.length,
    first_page: pageNumber === 1,
    last_page: pageNumber >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

/** The kinds-of-help filter of a taxonomy query, or 'none' when it names a term that is not ours. */
function taxonomyFilter(q: {
  taxonomy_term_id?: string;
  taxonomy_id?: string;
}): Partial<ServiceFilter> | 'none' {
  const f: Partial<ServiceFilter> = {};
  if (q.taxonomy_id) {
    if (q.taxonomy_id !== taxonomyId(helpKindTerms)) return 'none';
    f.anyHelpKind = true;
  }
  if (q.taxonomy_term_id) {
    const kind = helpKindTerms.codes.find((c) => termId(helpKindTerms, c) === q.taxonomy_term_id);
    if (!kind) return 'none';
    f.helpKind = kind as HelpKind;
  }
  return f;
}

/**
 * The read endpoints of the Open Referral HSDS 3 API profile over the network's public directory
 * (organisations and their services), for anyone, and the whole directory as one JSON download.
 * See export.ts for what is sent and how our model maps onto HSDS.
 */
export async function hsdsRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;
  const ctx: ExportContext = { publicUrl: app.deps.config.publicUrl };
  const tags = ['open data (HSDS)'];

  async function orgsById(ids: string[]) {
    const rows = await organisationRows(db, networkId, [...new Set(ids)]);
    return new Map<string, OrgRow>(rows.map((o) => [o.id, o]));
  }

  app.get(
    '/',
    {
      schema: {
        tags,
        summary: 'About this HSDS API: version, profile, OpenAPI document',
        response: { 200: Meta, ...problems },
      },
    },
    async () => ({
      version: hsdsVersion,
      profile: 'https://docs.openreferral.org/en/latest/hsds/api_reference.html',
      openapi_url: `${ctx.publicUrl}/api/openapi.json`,
    }),
  );

  app.get<{ Querystring: Static<typeof OrganizationQuery> }>(
    '/organizations',
    {
      schema: {
        tags,
        summary: 'The organisations, a page at a time (HSDS organization_list; full: nested)',
        querystring: OrganizationQuery,
        response: { 200: OrganizationPage, ...problems },
      },
    },
    async (req) => {
      const q = req.query;
      const perPage = q.per_page ?? perPageDefault;
      const pageNumber = q.page ?? 1;
      let base = db.selectFrom('organisation').where('network_id', '=', networkId);
      if (q.search) {
        const like = containsPattern(q.search);
        base = base.where((eb) => eb.or([eb('name', 'ilike', like), eb('description', 'ilike', like)]));
      }
      const [ids, total] = await Promise.all([
        base
          .select('id')
          .orderBy('name')
          .orderBy('id')
          .limit(perPage)
          .offset((pageNumber - 1) * perPage)
          .execute(),
        base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      const orgs = await orgsById(ids.map((r) => r.id));
      const nested = q.full || q.full_service;
      const services = nested ? await servicesByOrganisation(db, networkId) : undefined;
      const contents = ids.map(({ id }) => {
        const o = orgs.get(id)!;
        return services
          ? organizationFull(o, services.get(o.id) ?? [], ctx, Boolean(q.full_service))
          : organizationBasic(o, ctx);
      });
      return page(contents, Number(total.n), pageNumber, perPage);
    },
  );

  app.get<{ Params: Static<typeof IdParams>; Querystring: Static<typeof OrganizationByIdQuery> }>(
    '/organizations/:id',
    {
      schema: {
        tags,
        summary: 'One organisation, fully nested (HSDS organization); full_service: its services in full',
        params: IdParams,
        querystring: OrganizationByIdQuery,
        response: { 200: OrganizationSchema, ...problems },
      },
    },
    async (req) => {
      const o = (await orgsById([req.params.id])).get(req.params.id);
      if (!o) throw notFound();
      const { items } = await listServices(db, networkId, {
        organisationId: o.id,
        limit: 100_000,
        offset: 0,
      });
      return organizationFull(o, items, ctx, Boolean(req.query.full_service));
    },
  );

  app.get<{ Querystring: Static<typeof ServiceQuery> }>(
    '/services',
    {
      schema: {
        tags,
        summary:
          'The services, a page at a time (HSDS service_list; full: nested; minimal: id, name, status, date)',
        querystring: ServiceQuery,
        response: { 200: ServicePage, ...problems },
      },
    },
    async (req) => {
      const q = req.query;
      const perPage = q.per_page ?? perPageDefault;
      const pageNumber = q.page ?? 1;
      const tax = taxonomyFilter(q);
      if (tax === 'none') return page([], 0, pageNumber, perPage);
      const { items, total } = await listServices(db, networkId, {
        ...tax,
        organisationId: q.organization_id,
        q: q.search,
        modifiedAfter: q.modified_after ? new Date(q.modified_after) : undefined,
        limit: perPage,
        offset: (pageNumber - 1) * perPage,
      });
      const orgs = await orgsById(items.map((s) => s.organisation_id));
      const contents = items.map((s) => {
        const o = orgs.get(s.organisation_id)!;
        if (q.minimal)
          return {
            id: s.id,
            name: s.name,
            status: 'active' as const,
            last_modified: s.updated_at.toISOString(),
          };
        return q.full
          ? serviceFull(o, s, ctx, true)
          : { ...serviceBasic(o, s), organization: organizationBasic(o, ctx) };
      });
      return page(contents, total, pageNumber, perPage);
    },
  );

  app.get<{ Params: Static<typeof IdParams> }>(
    '/services/:id',
    {
      schema: {
        tags,
        summary: 'One service, fully nested (HSDS service)',
        params: IdParams,
        response: { 200: ServiceSchema, ...problems },
      },
    },
    async (req) => {
      const s = await findService(db, networkId, req.params.id);
      if (!s) throw notFound();
      const o = (await orgsById([s.organisation_id])).get(s.organisation_id)!;
      return serviceFull(o, s, ctx, true);
    },
  );

  /** Every service at a place, filtered; a town's directory is small enough to build in full. */
  async function servicesAtLocations(filter: Partial<ServiceFilter>, full: boolean, postcode?: string) {
    const { items } = await listServices(db, networkId, { ...filter, limit: 100_000, offset: 0 });
    const orgs = await orgsById(items.map((s) => s.organisation_id));
    return items.flatMap((s) => {
      const sal = serviceAtLocation(orgs.get(s.organisation_id)!, s, ctx, full);
      if (!sal) return [];
      if (postcode && !sal.location.addresses.some((a) => a.postal_code === postcode.trim())) return [];
      return [sal];
    });
  }

  app.get<{ Querystring: Static<typeof ServiceAtLocationQuery> }>(
    '/service_at_locations',
    {
      schema: {
        tags,
        summary: 'Where services take place, a page at a time (HSDS service_at_location_list)',
        querystring: ServiceAtLocationQuery,
        response: { 200: ServiceAtLocationPage, ...problems },
      },
    },
    async (req) => {
      const q = req.query;
      const perPage = q.per_page ?? perPageDefault;
      const pageNumber = q.page ?? 1;
      const tax = taxonomyFilter(q);
      if (tax === 'none') return page([], 0, pageNumber, perPage);
      const all = await servicesAtLocations(
        {
          ...tax,
          organisationId: q.organization_id,
          q: q.search,
          modifiedAfter: q.modified_after ? new Date(q.modified_after) : undefined,
        },
        Boolean(q.full),
        q.postcode,
      );
      const start = (pageNumber - 1) * perPage;
      return page(all.slice(start, start + perPage), all.length, pageNumber, perPage);
    },
  );

  app.get<{ Params: Static<typeof IdParams> }>(
    '/service_at_locations/:id',
    {
      schema: {
        tags,
        summary: 'One service at its place, fully nested (HSDS service_at_location)',
        params: IdParams,
        response: { 200: SalSchema, ...problems },
      },
    },
    async (req) => {
      // its id is derived from the service's (ids.ts): the one whose derived id it is
      const all = await servicesAtLocations({}, true);
      const sal = all.find(
        (s) => s.id === req.params.id || serviceAtLocationId(s.service_id) === req.params.id,
      );
      if (!sal) throw notFound();
      return sal;
    },
  );

  app.get(
    '/export',
    {
      schema: {
        tags,
        summary:
          'The whole directory as one HSDS JSON document: every organisation with its services, locations and schedules',
        response: { 200: ExportBundle, ...problems },
      },
    },
    async (_req, reply) => {
      const bundle = await exportDirectory(db, networkId, { ...ctx, network: app.deps.network.name });
      void reply.header('content-disposition', `attachment; filename="${app.deps.network.slug}-hsds.json"`);
      return bundle;
    },
  );
}
