import type { Static } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { executeTx } from '../../../../../db/tx.ts';
import { clientIp, requireAccount } from '../../../../../http/context.ts';
import { forbidden, notFound, Problem } from '../../../../../http/problem.ts';
import { IdParams, NoContent, problems } from '../../../../../http/schemas.ts';
import { audit } from '../../../../../platform/audit.ts';
import { isHidden } from '../../../../../platform/moderation.ts';
import {
  cleanText,
  maxAltLength,
  maxUploadMb,
  processImage,
  readUpload,
  registerUploads,
} from '../../../../../platform/uploads.ts';
import type { Actor } from '../../../../../policies/actor.ts';
import { mapReportPolicy } from '../../policies/report.ts';
import { deletePhoto, photoData, replacePhoto } from '../../repositories/photos.ts';
import { findReport, lockReport } from '../../repositories/reports.ts';
import { PhotoParams, PhotoQuery, PhotoView } from './schema.ts';

export const photoUrls = (reportId: string, photoId: string) => {
  const url = `/api/v1/map-reports/${reportId}/photo/${photoId}`;
  return { url, thumbUrl: `${url}?size=thumb` };
};

const uploadFields = { alt: maxAltLength };
const wrongType = () => new Problem(415, 'map_report.photo_type');
const tooLarge = () => new Problem(413, 'map_report.photo_too_large', { params: { mb: maxUploadMb } });

/**
 * A report's one photo: add or replace it (its author, while the report is new), view it, remove it.
 * A plugin of its own, so the multipart parser takes only these routes (the rest of the API takes JSON).
 */
export async function mapReportPhotoRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;
  const tags = ['map-reports'];
  await registerUploads(app, uploadFields);

  /** The report locked for a change of its photo: its author, while it is new. */
  async function photoTarget(tx: Parameters<typeof lockReport>[0], id: string, actor: Actor) {
    const r = await lockReport(tx, networkId, id);
    if (!r) throw notFound();
    if (!mapReportPolicy.isAuthor(actor, r)) throw forbidden();
    if (!mapReportPolicy.edit(actor, r)) throw new Problem(409, 'map_report.not_new');
    return r;
  }

  app.post<{ Params: { id: string } }>(
    '/:id/photo',
    {
      schema: {
        tags,
        summary: `Add or replace the photo (its author, while new; multipart/form-data: "alt" first, ≤ ${maxAltLength} characters, then "file"; JPEG, PNG or WebP, ≤ ${maxUploadMb} MB)`,
        consumes: ['multipart/form-data'],
        params: IdParams,
        response: { 201: PhotoView, 413: problems[422], 415: problems[422], ...problems },
      },
    },
    async (req, reply) => {
      const actorId = requireAccount(req);
      const existing = await findReport(db, networkId, req.params.id);
      if (!existing) throw notFound();
      if (!mapReportPolicy.isAuthor(req.actor, existing)) throw forbidden();
      if (!mapReportPolicy.edit(req.actor, existing)) throw new Problem(409, 'map_report.not_new');
      const { fields, file } = await readUpload(req, { wrongType, tooLarge }, uploadFields);
      const alt = cleanText(fields.alt ?? '', maxAltLength);
      if (!alt)
        throw new Problem(422, 'map_report.photo_alt_required', {
          fields: [{ field: '/alt', code: 'map_report.photo_alt_required' }],
        });
      if (!file) throw wrongType();
      const photo = await processImage(file.bytes, wrongType);
      const id = await executeTx(db, async (tx) => {
        await photoTarget(tx, req.params.id, req.actor);
        const photoId = await replacePhoto(tx, networkId, {
          reportId: req.params.id,
          alt,
          width: photo.width,
          height: photo.height,
          bytes: photo.bytes,
          thumb: photo.thumb,
          createdBy: actorId,
        });
        await audit(tx, {
          networkId,
          actorId,
          action: 'map_report.photo_added',
          entityType: 'map_report',
          entityId: req.params.id,
          details: { photoId },
          ip: clientIp(req),
        });
        return photoId;
      });
      return reply
        .code(201)
        .send({ id, alt, width: photo.width, height: photo.height, ...photoUrls(req.params.id, id) });
    },
  );

  app.get<{ Params: { id: string; photoId: string }; Querystring: Static<typeof PhotoQuery> }>(
    '/:id/photo/:photoId',
    {
      schema: {
        tags,
        summary: 'The photo (WebP)',
        params: PhotoParams,
        querystring: PhotoQuery,
        produces: ['image/webp'],
      },
    },
    async (req, reply) => {
      if (!req.actor.isInstanceAdmin && (await isHidden(db, networkId, 'map_report', req.params.id)))
        throw notFound();
      const row = await photoData(
        db,
        networkId,
        req.params.id,
        req.params.photoId,
        req.query.size === 'thumb',
      );
      if (!row) throw notFound();
      return reply
        .type('image/webp')
        .header('cache-control', 'public, max-age=86400, immutable')
        .header('content-disposition', 'inline')
        .send(row.data);
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/:id/photo',
    {
      schema: {
        tags,
        summary: 'Remove the photo (its author, while new)',
        params: IdParams,
        response: { 204: NoContent, ...problems },
      },
    },
    async (req, reply) => {
      const actorId = requireAccount(req);
      const removed = await executeTx(db, async (tx) => {
        await photoTarget(tx, req.params.id, req.actor);
        if (!(await deletePhoto(tx, networkId, req.params.id))) return false;
        await audit(tx, {
          networkId,
          actorId,
          action: 'map_report.photo_removed',
          entityType: 'map_report',
          entityId: req.params.id,
          ip: clientIp(req),
        });
        return true;
      });
      if (!removed) throw notFound();
      return reply.code(204).send();
    },
  );
}
