import type { WikiAttachmentKind } from '../../../../db/schema.ts';
import type { Executor } from '../../../../db/tx.ts';

/** A page's attachments (images as WebP, PDF documents), kept in the database. */

export async function listAttachments(db: Executor, networkId: string, pageId: string) {
  return db
    .selectFrom('wiki_attachment')
    .select(['id', 'kind', 'file_name', 'description', 'width', 'height', 'size_bytes', 'created_at'])
    .where('network_id', '=', networkId)
    .where('page_id', '=', pageId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export type AttachmentRow = Awaited<ReturnType<typeof listAttachments>>[number];

export async function countAttachments(db: Executor, networkId: string, pageId: string) {
  const r = await db
    .selectFrom('wiki_attachment')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('network_id', '=', networkId)
    .where('page_id', '=', pageId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function insertAttachment(
  db: Executor,
  networkId: string,
  a: {
    pageId: string;
    kind: WikiAttachmentKind;
    fileName: string;
    description: string;
    width: number | null;
    height: number | null;
    bytes: Buffer;
    thumb: Buffer | null;
    createdBy: string;
  },
) {
  return db
    .insertInto('wiki_attachment')
    .values({
      network_id: networkId,
      page_id: a.pageId,
      kind: a.kind,
      file_name: a.fileName,
      description: a.description,
      content_type: a.kind === 'image' ? 'image/webp' : 'application/pdf',
      width: a.width,
      height: a.height,
      size_bytes: a.bytes.length,
      bytes: a.bytes,
      thumb: a.thumb,
      created_by: a.createdBy,
    })
    .returning(['id', 'kind', 'file_name', 'description', 'width', 'height', 'size_bytes', 'created_at'])
    .executeTakeFirstOrThrow();
}

export async function findAttachmentData(
  db: Executor,
  networkId: string,
  pageId: string,
  id: string,
  thumb: boolean,
) {
  return db
    .selectFrom('wiki_attachment')
    .select(['kind', 'file_name', 'content_type', thumb ? 'thumb as data' : 'bytes as data'])
    .where('network_id', '=', networkId)
    .where('page_id', '=', pageId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function deleteAttachment(db: Executor, networkId: string, pageId: string, id: string) {
  const r = await db
    .deleteFrom('wiki_attachment')
    .where('network_id', '=', networkId)
    .where('page_id', '=', pageId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
