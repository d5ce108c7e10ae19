import type { Static } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { executeTx } from '../../../db/tx.ts';
import { clientIp, requireAccount } from '../../../http/context.ts';
import { feature, featureCollection, producesGeoJson, sendGeoJson } from '../../../http/geojson.ts';
import { forbidden, notFound, Problem } from '../../../http/problem.ts';
import { IdParams, NoContent, problems } from '../../../http/schemas.ts';
import { audit } from '../../../platform/audit.ts';
import { networkPolicy } from '../../../policies/network.ts';
import {
  deleteDistrict,
  findDistrict,
  listDistricts,
  upsertDistrict,
} from '../../../repositories/districts.ts';
import { GeoJsonError, type ParsedDistrict, parseDistricts } from './geojson.ts';
import { DistrictFeatureCollection, DistrictImport, DistrictImportResult, DistrictList } from './schema.ts';

/** A boundary file of a whole town can be large; everything else keeps the 1 MB default. */
export const importBodyLimit = 5 * 1024 * 1024;

/** Districts (places with boundaries): public to read, instance admins import them from GeoJSON. */
export async function districtRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;
  const tags = ['districts'];

  app.get(
    '/',
    {
      schema: {
        tags,
        summary: 'Every district of the network, by name',
        response: { 200: DistrictList, ...problems },
      },
    },
    async () => {
      const rows = await listDistricts(db, networkId);
      return {
        items: rows.map((d) => ({
          id: d.id,
          slug: d.slug,
          name: d.name,
          centerLat: d.center_lat,
          centerLng: d.center_lng,
          hasBoundary: d.boundary !== null,
        })),
      };
    },
  );

  app.get(
    '/geojson',
    {
      schema: {
        tags,
        summary: 'District boundaries as a GeoJSON FeatureCollection',
        produces: producesGeoJson,
        response: { 200: DistrictFeatureCollection, ...problems },
      },
    },
    async (_req, reply) => {
      const rows = await listDistricts(db, networkId);
      return sendGeoJson(
        reply,
        featureCollection(
          rows
            .filter((d) => d.boundary !== null)
            .map((d) =>
              feature(
                d.id,
                d.boundary as Static<typeof DistrictFeatureCollection>['features'][number]['geometry'],
                { id: d.id, slug: d.slug, name: d.name },
              ),
            ),
        ),
      );
    },
  );

  app.post<{ Body: Static<typeof DistrictImport> }>(
    '/import',
    {
      bodyLimit: importBodyLimit,
      schema: {
        tags,
        summary: 'Import or replace district boundaries from GeoJSON (instance admins)',
        description:
          'A FeatureCollection of Polygon or MultiPolygon features (at most 500), each with its name in the ' +
          'property nameProperty (default "name"). Districts are matched by a slug made from the name. ' +
          'If any feature is unusable, nothing is written.',
        body: DistrictImport,
        response: { 200: DistrictImportResult, ...problems },
      },
    },
    async (req) => {
      const actorId = requireAccount(req);
      if (!networkPolicy.manageDistricts(req.actor)) throw forbidden();
      let parsed: ParsedDistrict[];
      try {
        parsed = parseDistricts(req.body.geojson, req.body.nameProperty ?? 'name');
      } catch (err) {
        if (!(err instanceof GeoJsonError)) throw err;
        throw new Problem(422, 'district.invalid_geojson', {
          fields: [{ field: err.field, code: 'field.invalid' }],
        });
      }
      return executeTx(db, async (tx) => {
        const result = { created: 0, updated: 0 };
        for (const d of parsed) result[await upsertDistrict(tx, networkId, d)]++;
        await audit(tx, {
          networkId,
          actorId,
          action: 'districts.imported',
          entityType: 'district',
          details: { ...result, slugs: parsed.map((d) => d.slug) },
          ip: clientIp(req),
        });
        return result;
      });
    },
  );

  app.delete<{ Params: Static<typeof IdParams> }>(
    '/:id',
    {
      schema: {
        tags,
        summary: 'Delete a district (instance admins)',
        params: IdParams,
        response: { 204: NoContent, ...problems },
      },
    },
    async (req, reply) => {
      const actorId = requireAccount(req);
      if (!networkPolicy.manageDistricts(req.actor)) throw forbidden();
      await executeTx(db, async (tx) => {
        const district = await findDistrict(tx, networkId, req.params.id);
        if (!district || !(await deleteDistrict(tx, networkId, district.id))) throw notFound();
        await audit(tx, {
          networkId,
          actorId,
          action: 'district.deleted',
          entityType: 'district',
          entityId: district.id,
          details: { slug: district.slug, name: district.name },
          ip: clientIp(req),
        });
      });
      return reply.code(204).send();
    },
  );
}
