import type { Static } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Executor } from '../../../../db/tx.ts';
import { executeTx } from '../../../../db/tx.ts';
import { clientIp } from '../../../../http/context.ts';
import { notFound, Problem } from '../../../../http/problem.ts';
import { NoContent, problems } from '../../../../http/schemas.ts';
import { audit } from '../../../../platform/audit.ts';
import {
  cleanFileName,
  cleanText,
  contentDisposition,
  imageFormat,
  isPdf,
  maxAltLength,
  maxUploadMb,
  processImage,
  readUpload,
  registerUploads,
} from '../../../../platform/uploads.ts';
import { circlePolicy, postPartAbilities } from '../../policies/circle.ts';
import {
  type AttachmentFile,
  attachmentData,
  deleteAttachment,
  findAttachment,
  freeAttachmentPositions,
  insertAttachment,
  type listAttachments,
} from '../../repositories/circles-updates.ts';
import { loadCircle, loadForChange, refusal, tags } from './access.ts';
import { visibleUpdate } from './helpers.ts';
import { AttachmentParams, AttachmentQuery, AttachmentView, UpdateParams } from './schema.ts';

export const maxAttachments = 5;
const uploadFields = { alt: maxAltLength };

const wrongType = () => new Problem(415, 'circle.attachment_type');
const tooLarge = () => new Problem(413, 'circle.attachment_too_large', { params: { mb: maxUploadMb } });

type AttachmentRow = Awaited<ReturnType<typeof listAttachments>>[number];

export function presentAttachment(
  circleId: string,
  a: AttachmentRow,
  abilities: { delete: boolean },
): Static<typeof AttachmentView> {
  const url = `/api/v1/circles/${circleId}/updates/${a.update_id}/attachments/${a.id}`;
  return {
    id: a.id,
    kind: a.kind,
    name: a.name,
    alt: a.alt,
    size: a.size,
    width: a.width,
    height: a.height,
    url,
    thumbUrl: a.kind === 'image' ? `${url}?size=thumb` : null,
    abilities,
  };
}

/**
 * Attachments of updates: images and PDF documents under the platform's upload rules
 * (platform/uploads.ts). An attachment is seen by exactly those who see its update, and goes with it.
 */
export async function attachmentRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;
  await registerUploads(app, uploadFields);

  /** Who may add a file to this update now: its author, while they may post in a live circle. */
  const authorOf = async (req: FastifyRequest, ex: Executor, circleId: string, updateId: string) => {
    const l = await loadForChange(app, req, ex, circleId, circlePolicy.viewUpdates, circlePolicy.post);
    const u = await visibleUpdate(ex, networkId, l, circleId, updateId);
    if (u.author_id !== l.accountId) throw new Problem(403, 'circle.attachment_not_author');
    return l;
  };

  app.post<{ Params: Static<typeof UpdateParams> }>(
    '/:id/updates/:updateId/attachments',
    {
      schema: {
        tags,
        summary: `Attach a file to my update (multipart/form-data: "alt" — what an image shows, ≤ ${maxAltLength} characters — then "file"; JPEG, PNG or WebP, re-encoded without metadata, or PDF; ≤ ${maxUploadMb} MB; at most ${maxAttachments} per update)`,
        consumes: ['multipart/form-data'],
        params: UpdateParams,
        response: { 201: AttachmentView, 413: problems[422], 415: problems[422], ...problems },
      },
    },
    async (req, reply) => {
      const { id: circleId, updateId } = req.params;
      // checked before the body is read, so nobody else gets to send (or learn about) anything
      await executeTx(db, (tx) => authorOf(req, tx, circleId, updateId));
      const { fields, file } = await readUpload(req, { wrongType, tooLarge }, uploadFields);
      if (!file) throw wrongType();
      let stored: AttachmentFile;
      if (isPdf(file.bytes)) {
        stored = { kind: 'pdf', name: cleanFileName(file.filename, 'pdf', 'Dokument'), bytes: file.bytes };
      } else {
        if (!(await imageFormat(file.bytes))) throw wrongType();
        const alt = cleanText(fields.alt ?? '', maxAltLength);
        if (!alt)
          throw new Problem(422, 'circle.attachment_alt_required', {
            fields: [{ field: '/alt', code: 'circle.attachment_alt_required' }],
          });
        const image = await processImage(file.bytes, wrongType);
        stored = { kind: 'image', name: cleanFileName(file.filename, 'webp', 'Bild'), alt, ...image };
      }
      const view = await executeTx(db, async (tx) => {
        // again inside the writing transaction: the circle may have been frozen meanwhile
        const l = await authorOf(req, tx, circleId, updateId);
        const [position] = await freeAttachmentPositions(tx, networkId, circleId, updateId, maxAttachments);
        if (position === undefined)
          throw new Problem(409, 'circle.attachment_limit', { params: { max: maxAttachments } });
        const a = await insertAttachment(tx, networkId, circleId, updateId, l.accountId, position, stored);
        await audit(tx, {
          networkId,
          actorId: l.accountId,
          action: 'circle.attachment_added',
          entityType: 'circle',
          entityId: circleId,
          details: { updateId, attachmentId: a.id, kind: a.kind },
          ip: clientIp(req),
        });
        // the update's author just attached it: the policy lets them delete it again
        return presentAttachment(circleId, a, postPartAbilities(l.access, true));
      });
      return reply.code(201).send(view);
    },
  );

  app.get<{ Params: Static<typeof AttachmentParams>; Querystring: Static<typeof AttachmentQuery> }>(
    '/:id/updates/:updateId/attachments/:attachmentId',
    {
      schema: {
        tags,
        summary:
          'An attachment: an image (WebP, ?size=thumb for the small one) or a PDF as a download — for those who see its update',
        params: AttachmentParams,
        querystring: AttachmentQuery,
        produces: ['image/webp', 'application/pdf'],
      },
    },
    async (req, reply) => {
      const { id: circleId, updateId, attachmentId } = req.params;
      const file = await executeTx(db, async (tx) => {
        // a professional's download is written to the access log here, like every read of theirs
        const l = await loadCircle(app, req, tx, circleId, circlePolicy.viewUpdates);
        await visibleUpdate(tx, networkId, l, circleId, updateId);
        const row = await attachmentData(
          tx,
          networkId,
          circleId,
          updateId,
          attachmentId,
          req.query.size === 'thumb',
        );
        if (!row?.data) throw notFound();
        return row;
      });
      const image = file.kind === 'image';
      return reply
        .type(image ? 'image/webp' : file.content_type)
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', contentDisposition(image ? 'inline' : 'attachment', file.name))
        .send(file.data);
    },
  );

  app.delete<{ Params: Static<typeof AttachmentParams> }>(
    '/:id/updates/:updateId/attachments/:attachmentId',
    {
      schema: {
        tags,
        summary: 'Remove an attachment (whoever added it, or whoever may delete the update)',
        params: AttachmentParams,
        response: { 204: NoContent, ...problems },
      },
    },
    async (req, reply) => {
      const { id: circleId, updateId, attachmentId } = req.params;
      await executeTx(db, async (tx) => {
        const l = await loadCircle(app, req, tx, circleId, circlePolicy.viewUpdates);
        const u = await visibleUpdate(tx, networkId, l, circleId, updateId);
        const a = await findAttachment(tx, networkId, circleId, updateId, attachmentId);
        if (!a) throw notFound();
        const mine = u.author_id === l.accountId || a.created_by === l.accountId;
        if (!circlePolicy.deletePost(l.access, mine)) throw refusal(l.access);
        await deleteAttachment(tx, networkId, circleId, updateId, attachmentId);
        await audit(tx, {
          networkId,
          actorId: l.accountId,
          action: 'circle.attachment_removed',
          entityType: 'circle',
          entityId: circleId,
          details: { updateId, attachmentId, kind: a.kind },
          ip: clientIp(req),
        });
      });
      return reply.code(204).send();
    },
  );
}
