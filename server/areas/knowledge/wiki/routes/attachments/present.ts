import type { AttachmentRow } from '../../repositories/attachments.ts';

export function attachmentUrl(pageId: string, id: string) {
  return `/api/v1/wiki/pages/${pageId}/attachments/${id}`;
}

/** Markdown can carry no brackets or line breaks inside a link's text. */
const inLink = (s: string) => s.replace(/[[\]\\\n]/g, ' ').trim();

export function presentAttachment(pageId: string, a: AttachmentRow) {
  const url = attachmentUrl(pageId, a.id);
  return {
    id: a.id,
    kind: a.kind,
    fileName: a.file_name,
    description: a.description,
    width: a.width,
    height: a.height,
    sizeBytes: a.size_bytes,
    url,
    thumbUrl: a.kind === 'image' ? `${url}?size=thumb` : null,
    markdown:
      a.kind === 'image' ? `![${inLink(a.description)}](${url})` : `[${inLink(a.description)} (PDF)](${url})`,
    createdAt: a.created_at.toISOString(),
  };
}
