import { Type } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { executeTx } from '../../../../db/tx.ts';
import { clientIp, requireAccount } from '../../../../http/context.ts';
import { forbidden, notFound, Problem } from '../../../../http/problem.ts';
import { NoContent, problems, Uuid } from '../../../../http/schemas.ts';
import { audit } from '../../../../platform/audit.ts';
import {
  cleanText,
  maxAltLength,
  maxUploadMb,
  processImage,
  readUpload,
  registerUploads,
} from '../../../../platform/uploads.ts';
import { resourcePolicy } from '../../policies/resource.ts';
import {
  countResourcePhotos,
  deleteResourcePhoto,
  findResourcePhotoData,
  insertResourcePhoto,
  listResourcePhotos,
} from '../../repositories/resourcePhotos.ts';
import { loadResource } from './load.ts';
import { PhotoView } from './schema.ts';

export const maxPhotos = 8;

const wrongType = () => new Problem(415, 'resource.photo_type');
const tooLarge = () => new Problem(413, 'resource.photo_too_large', { params: { mb: maxUploadMb } });

const uploadFields = { alt: maxAltLength };

const PhotoParams = Type.Object({ id: Uuid, photoId: Uuid }, { additionalProperties: false });
const PhotoQuery = Type.Object(
  { size: Type.Optional(Type.Union([Type.Literal('full'), Type.Literal('thumb')])) },
  { additionalProperties: false },
);

export function photoUrls(resourceId: string, photoId: string) {
  const url = `/api/v1/resources/${resourceId}/photos/${photoId}`;
  return { url, thumbUrl: `${url}?size=thumb` };
}

export async function listPhotos(app: FastifyInstance, resourceId: string) {
  const rows = await listResourcePhotos(app.deps.db.db, app.deps.network.id, resourceId);
  return rows.map((r) => ({ ...r, ...photoUrls(resourceId, r.id) }));
}

/** Photos of a resource: upload (multipart: field "alt", then "file"), view, remove. */
export async function resourcePhotoRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;
  const tags = ['resources'];
  await registerUploads(app, uploadFields);

  app.post<{ Params: { id: string } }>(
    '/:id/photos',
    {
      schema: {
        tags,
        summary: `Add a photo (multipart/form-data: "alt" text first, ≤ ${maxAltLength} characters, then "file"; JPEG, PNG or WebP, ≤ ${maxUploadMb} MB)`,
        consumes: ['multipart/form-data'],
        params: Type.Object({ id: Uuid }, { additionalProperties: false }),
        response: { 201: PhotoView, 413: problems[422], 415: problems[422], ...problems },
      },
    },
    async (req, reply) => {
      const actorId = requireAccount(req);
      const r = await loadResource(db, networkId, req.params.id, req.actor);
      if (!resourcePolicy.update(req.actor, r)) throw forbidden();
      const { fields, file } = await readUpload(req, { wrongType, tooLarge }, uploadFields);
      const alt = cleanText(fields.alt ?? '', maxAltLength);
      if (!alt)
        throw new Problem(422, 'resource.photo_alt_required', {
          fields: [{ field: '/alt', code: 'resource.photo_alt_required' }],
        });
      if (!file) throw wrongType();
      const photo = await processImage(file.bytes, wrongType);
      const id = await executeTx(db, async (tx) => {
        const count = await countResourcePhotos(tx, networkId, r.id);
        if (count >= maxPhotos)
          throw new Problem(409, 'resource.photo_limit', { params: { max: maxPhotos } });
        const row = await insertResourcePhoto(tx, networkId, {
          resourceId: r.id,
          position: count,
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
          action: 'resource.photo_added',
          entityType: 'resource',
          entityId: r.id,
          details: { photoId: row.id },
          ip: clientIp(req),
        });
        return row.id;
      });
      return reply
        .code(201)
        .send({ id, alt, width: photo.width, height: photo.height, ...photoUrls(r.id, id) });
    },
  );

  app.get<{ Params: { id: string; photoId: string }; Querystring: { size?: 'full' | 'thumb' } }>(
    '/:id/photos/:photoId',
    {
      schema: {
        tags,
        summary: 'A photo (WebP)',
        params: PhotoParams,
        querystring: PhotoQuery,
        produces: ['image/webp'],
      },
    },
    async (req, reply) => {
      const r = await loadResource(db, networkId, req.params.id, req.actor);
      const thumb = req.query.size === 'thumb';
      const row = await findResourcePhotoData(db, networkId, r.id, req.params.photoId, thumb);
      if (!row) throw notFound();
      return reply
        .type('image/webp')
        .header('cache-control', 'public, max-age=86400, immutable')
        .header('content-disposition', 'inline')
        .send(row.data);
    },
  );

  app.delete<{ Params: { id: string; photoId: string } }>(
    '/:id/photos/:photoId',
    {
      schema: {
        tags,
        summary: 'Remove a photo',
        params: PhotoParams,
        response: { 204: NoContent, ...problems },
      },
    },
    async (req, reply) => {
      const actorId = requireAccount(req);
      const r = await loadResource(db, networkId, req.params.id, req.actor);
      if (!resourcePolicy.update(req.actor, r)) throw forbidden();
      const removed = await executeTx(db, async (tx) => {
        if (!(await deleteResourcePhoto(tx, networkId, r.id, req.params.photoId))) return false;
        await audit(tx, {
          networkId,
          actorId,
          action: 'resource.photo_removed',
          entityType: 'resource',
          entityId: r.id,
          details: { photoId: req.params.photoId },
          ip: clientIp(req),
        });
        return true;
      });
      if (!removed) throw notFound();
      return reply.code(204).send();
    },
  );
}
