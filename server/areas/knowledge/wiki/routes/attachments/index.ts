import { Type } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { executeTx } from '../../../../../db/tx.ts';
import { clientIp, requireAccount } from '../../../../../http/context.ts';
import { forbidden, notFound, Problem } from '../../../../../http/problem.ts';
import { NoContent, problems, Uuid } from '../../../../../http/schemas.ts';
import { audit } from '../../../../../platform/audit.ts';
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
} from '../../../../../platform/uploads.ts';
import { wikiPagePolicy } from '../../policies/wikiPage.ts';
import {
  countAttachments,
  deleteAttachment,
  findAttachmentData,
  insertAttachment,
} from '../../repositories/attachments.ts';
import { loadPage } from '../pages/load.ts';
import { AttachmentView } from '../pages/schema.ts';
import { presentAttachment } from './present.ts';

export const maxAttachments = 30;

const wrongType = () => new Problem(415, 'wiki.attachment_type');
const tooLarge = () => new Problem(413, 'wiki.attachment_too_large', { params: { mb: maxUploadMb } });
const uploadFields = { description: maxAltLength };

const AttachmentParams = Type.Object({ id: Uuid, attachmentId: Uuid }, { additionalProperties: false });
const SizeQuery = Type.Object(
  { size: Type.Optional(Type.Union([Type.Literal('full'), Type.Literal('thumb')])) },
  { additionalProperties: false },
);

/**
 * A page's attachments under the platform's upload rules (platform/uploads.ts): images re-encoded
 * without their metadata, PDF documents only ever as a download. Each is served with its page's
 * visibility — whoever may not read the page gets a 404 for its files too.
 */
export async function wikiAttachmentRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;
  const tags = ['wiki'];
  await registerUploads(app, uploadFields);

  app.post<{ Params: { id: string } }>(
    '/pages/:id/attachments',
    {
      schema: {
        tags,
        summary: `Attach an image or a PDF (multipart/form-data: "description" first, ≤ ${maxAltLength} characters, then "file"; JPEG, PNG, WebP or PDF, ≤ ${maxUploadMb} MB)`,
        consumes: ['multipart/form-data'],
        params: Type.Object({ id: Uuid }, { additionalProperties: false }),
        response: { 201: AttachmentView, 413: problems[422], 415: problems[422], ...problems },
      },
    },
    async (req, reply) => {
      const actorId = requireAccount(req);
      const page = await loadPage(db, networkId, req.params.id, req.actor);
      if (!wikiPagePolicy.edit(req.actor, page)) throw forbidden();
      const { fields, file } = await readUpload(req, { wrongType, tooLarge }, uploadFields);
      const description = cleanText(fields.description ?? '', maxAltLength);
      if (!description)
        throw new Problem(422, 'wiki.attachment_description_required', {
          fields: [{ field: '/description', code: 'wiki.attachment_description_required' }],
        });
      if (!file || file.bytes.length === 0) throw wrongType();
      let stored: {
        kind: 'image' | 'pdf';
        bytes: Buffer;
        thumb: Buffer | null;
        width: number | null;
        height: number | null;
        ext: string;
      };
      if (isPdf(file.bytes))
        stored = { kind: 'pdf', bytes: file.bytes, thumb: null, width: null, height: null, ext: 'pdf' };
      else if (await imageFormat(file.bytes)) {
        const img = await processImage(file.bytes, wrongType);
        stored = {
          kind: 'image',
          bytes: img.bytes,
          thumb: img.thumb,
          width: img.width,
          height: img.height,
          ext: 'webp',
        };
      } else throw wrongType();
      const row = await executeTx(db, async (tx) => {
        if ((await countAttachments(tx, networkId, page.id)) >= maxAttachments)
          throw new Problem(409, 'wiki.attachment_limit', { params: { max: maxAttachments } });
        const a = await insertAttachment(tx, networkId, {
          pageId: page.id,
          kind: stored.kind,
          fileName: cleanFileName(file.filename, stored.ext, stored.kind === 'pdf' ? 'Dokument' : 'Bild'),
          description,
          width: stored.width,
          height: stored.height,
          bytes: stored.bytes,
          thumb: stored.thumb,
          createdBy: actorId,
        });
        await audit(tx, {
          networkId,
          actorId,
          action: 'wiki.attachment_added',
          entityType: 'wiki_page',
          entityId: page.id,
          details: { attachmentId: a.id, kind: a.kind },
          ip: clientIp(req),
        });
        return a;
      });
      return reply.code(201).send(presentAttachment(page.id, row));
    },
  );

  app.get<{ Params: { id: string; attachmentId: string }; Querystring: { size?: 'full' | 'thumb' } }>(
    '/pages/:id/attachments/:attachmentId',
    {
      schema: {
        tags,
        summary: 'An attachment: an image (WebP) shown inline, a PDF only as a download',
        params: AttachmentParams,
        querystring: SizeQuery,
        produces: ['image/webp', 'application/pdf'],
      },
    },
    async (req, reply) => {
      const page = await loadPage(db, networkId, req.params.id, req.actor);
      const row = await findAttachmentData(
        db,
        networkId,
        page.id,
        req.params.attachmentId,
        req.query.size === 'thumb',
      );
      if (!row?.data) throw notFound();
      // a public page's files may be cached anywhere; anything else only by the reader's browser
      const cache =
        page.visibility === 'public' && !page.archived_at ? 'public, max-age=3600' : 'private, max-age=3600';
      return reply
        .type(row.content_type)
        .header('cache-control', cache)
        .header('x-content-type-options', 'nosniff')
        .header(
          'content-disposition',
          contentDisposition(row.kind === 'pdf' ? 'attachment' : 'inline', row.file_name),
        )
        .send(row.data);
    },
  );

  app.delete<{ Params: { id: string; attachmentId: string } }>(
    '/pages/:id/attachments/:attachmentId',
    {
      schema: {
        tags,
        summary: 'Remove an attachment (editors)',
        params: AttachmentParams,
        response: { 204: NoContent, ...problems },
      },
    },
    async (req, reply) => {
      const actorId = requireAccount(req);
      const page = await loadPage(db, networkId, req.params.id, req.actor);
      if (!wikiPagePolicy.edit(req.actor, page)) throw forbidden();
      const removed = await executeTx(db, async (tx) => {
        if (!(await deleteAttachment(tx, networkId, page.id, req.params.attachmentId))) return false;
        await audit(tx, {
          networkId,
          actorId,
          action: 'wiki.attachment_removed',
          entityType: 'wiki_page',
          entityId: page.id,
          details: { attachmentId: req.params.attachmentId },
          ip: clientIp(req),
        });
        return true;
      });
      if (!removed) throw notFound();
      return reply.code(204).send();
    },
  );
}
