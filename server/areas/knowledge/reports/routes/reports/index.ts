import { type Static, Type } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { commandContext } from '../../../../../http/context.ts';
import {
  featureCollection,
  pointFeature,
  producesGeoJson,
  sendGeoJson,
} from '../../../../../http/geojson.ts';
import { paging } from '../../../../../http/paging.ts';
import { notFound, Problem } from '../../../../../http/problem.ts';
import { IdParams, NoContent, problems } from '../../../../../http/schemas.ts';
import { excerpt, renderMarkdown } from '../../../../../platform/markdown.ts';
import { isHidden } from '../../../../../platform/moderation.ts';
import { webPaths } from '../../../../../platform/webPaths.ts';
import type { Actor } from '../../../../../policies/actor.ts';
import { isSignedIn } from '../../../../../policies/actor.ts';
import { followedAmong } from '../../../digests/repositories/follows.ts';
import { freshnessOfRow } from '../../../freshness/state.ts';
import { changeStatus, publicBodiesOf } from '../../commands/changeStatus.ts';
import { changeReport, fileReport, withdrawReport } from '../../commands/saveReport.ts';
import { supportReport, withdrawSupport } from '../../commands/supportReport.ts';
import { mapReportPolicy } from '../../policies/report.ts';
import { findPhoto } from '../../repositories/photos.ts';
import {
  type Bbox,
  countCap,
  findShownReport,
  listReports,
  type ReportRow,
  reportsInView,
  reportsNear,
  statusHistory,
  supportedAmong,
  supportersOf,
} from '../../repositories/reports.ts';
import { mapReportPhotoRoutes, photoUrls } from './photos.ts';
import {
  FeatureCollection,
  GeoJsonQuery,
  ListQuery,
  NearbyItem,
  NearbyQuery,
  ReportPage,
  ReportSave,
  ReportView,
  StatusChange,
  SupportView,
} from './schema.ts';

/** How close another report must be to be offered as the same (metres). */
export const duplicateMetres = 50;
/** The most features one GeoJSON answer holds. */
export const maxFeatures = 2000;

function parseBbox(s: string | undefined): Bbox | undefined {
  if (!s) return undefined;
  const [west, south, east, north] = s.split(',').map(Number) as [number, number, number, number];
  const ok = west >= -180 && east <= 180 && south >= -90 && north <= 90 && west < east && south < north;
  if (!ok) throw new Problem(422, 'validation', { fields: [{ field: '/bbox', code: 'map_report.bbox' }] });
  return { west, south, east, north };
}

/**
 * The neighbourhood knowledge map (Bürgerwissen): reports and notes on a place — a defect, a
 * suggestion, a good place, a missing offer — with a photo, a status that the town sets with a reason,
 * "me too", and the map as GeoJSON. Everything is public but what a moderator hid.
 */
export async function mapReportRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;
  const tags = ['map-reports'];

  /**
   * List items with what the person asking needs of each: freshness and photo come with the rows
   * (the repository's shownColumns); following and "me too" are read for people signed in.
   */
  async function present(rows: ReportRow[], actor: Actor) {
    const ids = rows.map((r) => r.id);
    const signedIn = isSignedIn(actor);
    const [followed, supported] = await Promise.all([
      followedAmong(db, networkId, actor.accountId, 'map_report', ids),
      supportedAmong(db, networkId, actor.accountId, ids),
    ]);
    const now = new Date();
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      category: r.category,
      title: r.title,
      excerpt: excerpt(r.body, 200),
      lat: r.lat,
      lng: r.lng,
      address: r.address,
      district: r.district_id ? { id: r.district_id, name: r.district_name ?? '' } : null,
      status: r.status,
      supportCount: r.support_count,
      supported: supported.has(r.id),
      following: followed.has(r.id),
      author: signedIn && r.author_id ? { id: r.author_id, name: r.author_name ?? '' } : null,
      photo: r.photo ? { alt: r.photo.alt, thumbUrl: photoUrls(r.id, r.photo.id).thumbUrl } : null,
      freshness: freshnessOfRow(r, now),
      createdAt: r.created_at.toISOString(),
      updatedAt: r.updated_at.toISOString(),
    }));
  }

  /** The report as its page shows it; 404 when there is none or a moderator hid it (but for moderators). */
  async function view(id: string, actor: Actor) {
    const r = await findShownReport(db, networkId, id);
    if (!r) throw notFound();
    if (!actor.isInstanceAdmin && (await isHidden(db, networkId, 'map_report', id))) throw notFound();
    const signedIn = isSignedIn(actor);
    const [[item], photo, history, supporters, bodies] = await Promise.all([
      present([r], actor),
      findPhoto(db, networkId, id),
      statusHistory(db, networkId, id),
      signedIn ? supportersOf(db, networkId, id, 20) : Promise.resolve([]),
      signedIn ? publicBodiesOf(db, { networkId, actor }) : Promise.resolve([]),
    ]);
    return {
      ...item!,
      body: r.body,
      bodyHtml: renderMarkdown(r.body),
      photo: photo ? { ...photo, ...photoUrls(id, photo.id) } : null,
      history: history.map((h) => ({
        id: h.id,
        from: h.from_status,
        to: h.to_status,
        reason: h.reason,
        by: signedIn ? h.actor_name : null,
        organisation: h.organisation_name,
        at: h.created_at.toISOString(),
      })),
      supporters: supporters.map((s) => ({ id: s.id, name: s.name })),
      abilities: {
        edit: mapReportPolicy.edit(actor, r),
        withdraw: mapReportPolicy.withdraw(actor, r),
        support: mapReportPolicy.support(actor, r),
        changeStatus: mapReportPolicy.changeStatus(actor, bodies),
      },
    };
  }

  app.get<{ Querystring: Static<typeof ListQuery> }>(
    '/',
    {
      schema: {
        tags,
        summary: `Reports on the map, newest first: by kind, category, status, district, words or map area (bbox). The total is counted up to ${countCap} past the page's start (at least to its end); past that, total is that figure and moreThanCounted is true`,
        querystring: ListQuery,
        response: { 200: ReportPage, ...problems },
      },
    },
    async (req) => {
      const page = paging(req.query);
      const { bbox, ...filters } = req.query;
      const { items, total, moreThanCounted } = await listReports(db, networkId, {
        ...filters,
        q: filters.q?.trim() || undefined,
        bbox: parseBbox(bbox),
        ...page,
      });
      return { items: await present(items, req.actor), total, ...page, moreThanCounted };
    },
  );

  app.get<{ Querystring: Static<typeof GeoJsonQuery> }>(
    '/geojson',
    {
      schema: {
        tags,
        summary: `The reports as GeoJSON (RFC 7946), for the map and for reuse: the whole network or a map area (bbox), the most supported first, at most limit (default and most ${maxFeatures}; truncated says more matched). Properties: id, kind, category, title, status, supportCount, address, district, createdAt, updatedAt, url. No person is named.`,
        querystring: GeoJsonQuery,
        produces: producesGeoJson,
        response: { 200: FeatureCollection, ...problems },
      },
    },
    async (req, reply) => {
      const { bbox, limit, ...filters } = req.query;
      const { rows, truncated } = await reportsInView(
        db,
        networkId,
        { ...filters, q: filters.q?.trim() || undefined, bbox: parseBbox(bbox) },
        limit ?? maxFeatures,
      );
      return sendGeoJson(
        reply,
        featureCollection(
          rows.map((r) =>
            pointFeature(r.id, r.lng, r.lat, {
              id: r.id,
              kind: r.kind,
              category: r.category,
              title: r.title,
              status: r.status,
              supportCount: r.support_count,
              address: r.address,
              district: r.district_name,
              createdAt: r.created_at.toISOString(),
              updatedAt: r.updated_at.toISOString(),
              url: webPaths.mapReport(r.id),
            }),
          ),
          truncated,
        ),
      );
    },
  );

  app.get<{ Querystring: Static<typeof NearbyQuery> }>(
    '/nearby',
    {
      schema: {
        tags,
        summary: `Reports within ${duplicateMetres} m of a point (of one kind, if given), nearest first: "is it already reported?"`,
        querystring: NearbyQuery,
        response: { 200: Type.Object({ items: Type.Array(NearbyItem) }), ...problems },
      },
    },
    async (req) => {
      const rows = await reportsNear(db, networkId, { ...req.query, metres: duplicateMetres, limit: 10 });
      const items = await present(rows, req.actor);
      return { items: items.map((item, i) => ({ ...item, distance: rows[i]?.distance ?? 0 })) };
    },
  );

  app.post<{ Body: Static<typeof ReportSave> }>(
    '/',
    {
      schema: {
        tags,
        summary: 'File a report (anyone signed in); the author follows it',
        body: ReportSave,
        response: { 201: ReportView, ...problems },
      },
    },
    async (req, reply) => {
      const id = await fileReport(db, commandContext(req, networkId), {
        ...req.body,
        body: req.body.body ?? '',
        address: req.body.address ?? null,
      });
      return reply.code(201).send(await view(id, req.actor));
    },
  );

  app.get<{ Params: { id: string } }>(
    '/:id',
    {
      schema: {
        tags,
        summary: 'A report with its photo, status history, "me too" and freshness',
        params: IdParams,
        response: { 200: ReportView, ...problems },
      },
    },
    async (req) => view(req.params.id, req.actor),
  );

  app.put<{ Params: { id: string }; Body: Static<typeof ReportSave> }>(
    '/:id',
    {
      schema: {
        tags,
        summary: 'Change a report (its author, while it is new; 409 once it was taken up)',
        params: IdParams,
        body: ReportSave,
        response: { 200: ReportView, ...problems },
      },
    },
    async (req) => {
      await changeReport(db, commandContext(req, networkId), req.params.id, {
        ...req.body,
        body: req.body.body ?? '',
        address: req.body.address ?? null,
      });
      return view(req.params.id, req.actor);
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/:id',
    {
      schema: {
        tags,
        summary: 'Withdraw a report (its author, while it is new)',
        params: IdParams,
        response: { 204: NoContent, ...problems },
      },
    },
    async (req, reply) => {
      await withdrawReport(db, commandContext(req, networkId), req.params.id);
      return reply.code(204).send();
    },
  );

  app.put<{ Params: { id: string } }>(
    '/:id/support',
    {
      schema: {
        tags,
        summary:
          '"Me too" (anyone signed in but the author; again changes nothing); the supporter follows it',
        params: IdParams,
        response: { 200: SupportView, ...problems },
      },
    },
    async (req) => ({
      supportCount: await supportReport(db, commandContext(req, networkId), req.params.id),
      supported: true,
    }),
  );

  app.delete<{ Params: { id: string } }>(
    '/:id/support',
    {
      schema: {
        tags,
        summary: 'Take "me too" back',
        params: IdParams,
        response: { 200: SupportView, ...problems },
      },
    },
    async (req) => ({
      supportCount: await withdrawSupport(db, commandContext(req, networkId), req.params.id),
      supported: false,
    }),
  );

  app.post<{ Params: { id: string }; Body: Static<typeof StatusChange> }>(
    '/:id/status',
    {
      schema: {
        tags,
        summary:
          "Set a report's status with a reason (the network's coordinator, staff and admins of a public body); its followers are told",
        params: IdParams,
        body: StatusChange,
        response: { 200: ReportView, ...problems },
      },
    },
    async (req) => {
      await changeStatus(db, commandContext(req, networkId), req.params.id, req.body.status, req.body.reason);
      return view(req.params.id, req.actor);
    },
  );

  await app.register(mapReportPhotoRoutes);
}
