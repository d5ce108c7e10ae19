import { type ChangeEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { invalid, TextField } from '../../app/forms.tsx';
import { currentLocale } from '../../app/i18n.ts';
import { ConfirmButton } from '../../app/ui.tsx';
import { circlePath } from './lib.ts';
import type { Attachment, Update } from './types.ts';

/** The server's rules (platform/uploads.ts, circles/attachments.ts), checked here first so nobody waits for a refusal. */
export const maxAttachments = 5;
const maxBytes = 10 * 1024 * 1024;
const imageTypes = new Set(['image/jpeg', 'image/png', 'image/webp']);
const accept = 'image/jpeg,image/png,image/webp,application/pdf,.pdf';

/** A file chosen for an update that is not attached yet. */
export interface ChosenFile {
  key: string;
  file: File;
  kind: 'image' | 'pdf';
  alt: string;
  /** A local preview of an image (an object URL, revoked when the file leaves the list). */
  preview: string | null;
  /** Why the server refused it, after a try. */
  error: string | null;
}

let counter = 0;

function kindOf(file: File): 'image' | 'pdf' | null {
  if (imageTypes.has(file.type)) return 'image';
  if (file.type === 'application/pdf' || /\.pdf$/i.test(file.name)) return 'pdf';
  return null;
}

export function formatSize(bytes: number): string {
  const tag = currentLocale() === 'en' ? 'en-GB' : 'de-DE';
  if (bytes < 1024 * 1024)
    return `${new Intl.NumberFormat(tag, { maximumFractionDigits: 0 }).format(Math.max(1, bytes / 1024))} KB`;
  return `${new Intl.NumberFormat(tag, { maximumFractionDigits: 1 }).format(bytes / 1024 / 1024)} MB`;
}

/** The field name of an image's description in the form (and in its error messages). */
export const altField = (f: ChosenFile) => `alt-${f.key}`;

/** Descriptions the images still lack, as field errors; empty when every image has one. */
export function missingDescriptions(files: ChosenFile[], message: string): Record<string, string> {
  return Object.fromEntries(
    files.filter((f) => f.kind === 'image' && !f.alt.trim()).map((f) => [altField(f), message]),
  );
}

/** Uploads one chosen file to an update (the text fields first, as the server reads them). */
export async function uploadAttachment(circleId: string, updateId: string, f: ChosenFile) {
  const body = new FormData();
  if (f.kind === 'image') body.append('alt', f.alt.trim());
  body.append('file', f.file, f.file.name);
  return api<Attachment>(`${circlePath(circleId)}/updates/${encodeURIComponent(updateId)}/attachments`, {
    method: 'POST',
    body,
  });
}

/**
 * Choosing files for an update: a labelled file input (several at a time), the list of what is
 * chosen, each image with its description, and a way to take a file out again before posting.
 * Files of the wrong kind, too large or beyond the fifth are refused here with a message naming them.
 */
export function AttachmentPicker({
  files,
  onChange,
  error,
}: {
  files: ChosenFile[];
  onChange: (files: ChosenFile[]) => void;
  /** The form's last error, for the descriptions' messages. */
  error: unknown;
}) {
  const { t } = useTranslation();
  const [refused, setRefused] = useState<string[]>([]);

  // previews are revoked when their file leaves the list, and all of them when the form goes
  const previews = useRef(new Set<string>()).current;
  useEffect(() => {
    const current = new Set(files.map((f) => f.preview).filter((p): p is string => p !== null));
    for (const p of previews)
      if (!current.has(p)) {
        URL.revokeObjectURL(p);
        previews.delete(p);
      }
  }, [files, previews]);
  useEffect(
    () => () => {
      for (const p of previews) URL.revokeObjectURL(p);
    },
    [previews],
  );

  function pick(e: ChangeEvent<HTMLInputElement>) {
    const picked = [...(e.currentTarget.files ?? [])];
    e.currentTarget.value = '';
    const added: ChosenFile[] = [];
    const messages: string[] = [];
    for (const file of picked) {
      const kind = kindOf(file);
      if (!kind) messages.push(t('circles.attachments.wrongType', { name: file.name }));
      else if (file.size > maxBytes)
        messages.push(t('circles.attachments.tooLarge', { name: file.name, size: formatSize(file.size) }));
      else if (files.length + added.length >= maxAttachments)
        messages.push(t('circles.attachments.tooMany', { name: file.name, max: maxAttachments }));
      else {
        const preview = kind === 'image' ? URL.createObjectURL(file) : null;
        if (preview) previews.add(preview);
        added.push({ key: String(++counter), file, kind, alt: '', preview, error: null });
      }
    }
    setRefused(messages);
    if (added.length > 0) onChange([...files, ...added]);
  }

  const set = (key: string, change: Partial<ChosenFile>) =>
    onChange(files.map((f) => (f.key === key ? { ...f, ...change } : f)));
  const pickError = refused.length > 0 ? invalid(refused.join(' '), { files: refused.join(' ') }) : null;

  return (
    <div className="circle-attach">
      <TextField
        label={t('circles.attachments.pick')}
        hint={t('circles.attachments.pickHint', { max: maxAttachments })}
        name="files"
        type="file"
        multiple
        accept={accept}
        error={pickError}
        disabled={files.length >= maxAttachments}
        onChange={pick}
      />
      {files.length > 0 && (
        <ul className="circle-chosen" aria-label={t('circles.attachments.chosen')}>
          {files.map((f) => (
            <li key={f.key} className={f.error ? 'circle-chosen-item invalid' : 'circle-chosen-item'}>
              <div className="circle-chosen-file">
                {f.preview ? (
                  <img className="circle-chosen-preview" src={f.preview} alt="" width={64} height={64} />
                ) : (
                  <span className="circle-file-icon" aria-hidden="true">
                    PDF
                  </span>
                )}
                <span className="circle-chosen-name">
                  {f.file.name}
                  <span className="meta"> · {formatSize(f.file.size)}</span>
                </span>
                <button
                  type="button"
                  className="button secondary circle-chosen-remove"
                  aria-label={t('circles.attachments.removeChosen', { name: f.file.name })}
                  onClick={() => onChange(files.filter((x) => x.key !== f.key))}
                >
                  {t('circles.attachments.remove')}
                </button>
              </div>
              {f.error && (
                <p className="field-error">
                  <span aria-hidden="true">⚠ </span>
                  {f.error}
                </p>
              )}
              {f.kind === 'image' && (
                <TextField
                  label={t('circles.attachments.alt', { name: f.file.name })}
                  hint={t('circles.attachments.altHint')}
                  name={altField(f)}
                  required
                  maxLength={300}
                  value={f.alt}
                  error={error}
                  onChange={(e) => set(f.key, { alt: e.target.value })}
                />
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Fits an image's size into the thumbnail's 400 px box, so the page keeps its place while it loads. */
function thumbSize(a: Attachment) {
  const w = a.width ?? 400;
  const h = a.height ?? 300;
  const scale = Math.min(1, 400 / Math.max(w, h));
  return { width: Math.round(w * scale), height: Math.round(h * scale) };
}

/** What hangs on an update: images as thumbnails (each opens in full), PDFs as downloads. */
export function AttachmentList({
  update,
  live,
  onChanged,
}: {
  update: Update;
  live: boolean;
  onChanged: () => Promise<unknown>;
}) {
  const { t } = useTranslation();
  if (update.attachments.length === 0) return null;
  const images = update.attachments.filter((a) => a.kind === 'image');
  const documents = update.attachments.filter((a) => a.kind === 'pdf');
  const remove = (a: Attachment) =>
    a.abilities.delete &&
    live && (
      <ConfirmButton
        className="button secondary small-button"
        label={t('circles.attachments.delete')}
        accessibleName={t('circles.attachments.deleteNamed', { name: a.name })}
        title={t('circles.attachments.deleteTitle')}
        message={<p>{t('circles.attachments.deleteText', { name: a.name })}</p>}
        confirmLabel={t('circles.updates.deleteConfirm')}
        done={t('circles.done.attachmentDeleted', { name: a.name })}
        onConfirm={async () => {
          await api(a.url.replace(/^\/api\/v1/, ''), { method: 'DELETE' });
          await onChanged();
        }}
      />
    );
  return (
    <>
      {images.length > 0 && (
        <ul className="circle-images" aria-label={t('circles.attachments.images')}>
          {images.map((a) => (
            <li key={a.id} className="circle-image">
              <a className="circle-image-link" href={a.url} title={t('circles.attachments.openImage')}>
                <img
                  className="circle-image-thumb"
                  src={a.thumbUrl ?? a.url}
                  alt={a.alt}
                  loading="lazy"
                  {...thumbSize(a)}
                />
              </a>
              {remove(a)}
            </li>
          ))}
        </ul>
      )}
      {documents.length > 0 && (
        <ul className="circle-documents" aria-label={t('circles.attachments.documents')}>
          {documents.map((a) => (
            <li key={a.id} className="circle-document">
              <a className="circle-document-link" href={a.url} download={a.name}>
                <span className="circle-file-icon" aria-hidden="true">
                  PDF
                </span>
                <span>
                  {a.name}
                  <span className="meta">
                    {' '}
                    ({t('circles.attachments.pdfSize', { size: formatSize(a.size) })})
                  </span>
                </span>
              </a>
              {remove(a)}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
