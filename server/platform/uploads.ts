import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import sharp, { type Metadata } from 'sharp';
import { Problem } from '../http/problem.ts';

/**
 * The platform's upload rules, one place for every feature that takes files (resource photos,
 * attachments of circle updates):
 *
 * - one file per request (multipart/form-data: the text fields, then "file"), at most 10 MB; only
 *   the text fields a route names, each within its length; a broken body is a 400, not a 500;
 * - the kind is read from the bytes, never from the declared type or the file name;
 * - images (JPEG, PNG, WebP) are turned upright, resized and re-encoded as WebP, so the uploaded
 *   file's metadata (EXIF: camera, GPS position of someone's home) never reaches the database;
 *   one of more than 40 megapixels is refused before it is decoded (a 10 MB PNG of one colour can
 *   claim 16384 × 16384 pixels, about 1 GB in memory once decoded);
 * - PDF documents are kept as they are (they must start with "%PDF-") and are only ever served as a
 *   download (`content-disposition: attachment`, `nosniff`), never shown inline by the browser;
 * - names people see are cleaned: no path, no control or bidirectional-override characters.
 */

export const maxUploadBytes = 10 * 1024 * 1024;
export const maxUploadMb = maxUploadBytes / 1024 / 1024;
/** The most characters of an image's description (its alt text); the web forms hold the same. */
export const maxAltLength = 300;
const imageFormats = new Set(['jpeg', 'png', 'webp']);
/**
 * The most pixels an uploaded image may have. Phones save 12 MP by default and cameras 24–36 MP, all
 * well inside; a 40 MP image takes about 160 MB while it is decoded, which two uploads at once on a
 * small server can afford. (A phone's 48 MP mode is refused with a message to send a smaller copy;
 * such JPEGs are mostly over the 10 MB limit anyway.)
 */
export const maxImagePixels = 40_000_000;
const maxImageMegapixels = maxImagePixels / 1_000_000;
/** Every decode is bounded by the same limit, whatever the header said. */
const decodeOptions = { limitInputPixels: maxImagePixels };
/** Reading the header decodes no pixels, so it takes any size: an image too large is told as such, not as a wrong kind. */
const headerOptions = { limitInputPixels: false } as const;

/**
 * The text fields an upload takes, by name, with the most characters each may have (like a schema's
 * maxLength). Any other field is refused, as an unknown property of a JSON body is.
 */
export type UploadFields = Record<string, number>;

/** Registers the multipart parser in the calling plugin only (the rest of the API takes JSON). */
export async function registerUploads(app: FastifyInstance, fields: UploadFields) {
  const longest = Math.max(0, ...Object.values(fields));
  await app.register(multipart, {
    limits: {
      fileSize: maxUploadBytes,
      files: 1,
      // one more than taken, so that an extra field is named as unknown rather than cut off
      fields: Object.keys(fields).length + 1,
      // a character is at most 4 bytes in UTF-8: a value cut off here is too long in any case
      fieldSize: 4 * longest + 4,
    },
  });
}

export interface Upload {
  fields: Record<string, string>;
  file: { bytes: Buffer; filename: string } | null;
}

const invalidField = (field: string, code: 'field.unknown' | 'field.too_long', limit = 0) =>
  new Problem(400, 'validation', {
    fields: [{ field: `/${field}`, code, params: code === 'field.unknown' ? { name: field } : { limit } }],
  });

/** What the multipart parser threw, as the client's mistake it is: the stream is all theirs. */
function uploadProblem(err: unknown, tooLarge: () => Problem): Problem {
  if (err instanceof Problem) return err;
  switch ((err as { code?: string }).code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return tooLarge();
    case 'FST_FILES_LIMIT':
    case 'FST_FIELDS_LIMIT':
    case 'FST_PARTS_LIMIT':
      return new Problem(400, 'upload.unexpected_parts');
    default:
      // busboy's "Unexpected end of form", "Malformed part header", a missing boundary …
      return new Problem(400, 'upload.malformed');
  }
}

/**
 * Reads a multipart request: its text fields (only those of `allowed`, each within its length) and
 * its one file named "file". Anything that is not multipart is `wrongType`; a file over the limit is
 * `tooLarge` (the caller's own 413); a broken body is a 400 that says so.
 */
export async function readUpload(
  req: FastifyRequest,
  problems: { wrongType: () => Problem; tooLarge: () => Problem },
  allowed: UploadFields,
): Promise<Upload> {
  if (!req.isMultipart()) throw problems.wrongType();
  const fields: Record<string, string> = {};
  let file: Upload['file'] = null;
  try {
    for await (const part of req.parts()) {
      if (part.type === 'field') {
        const limit = Object.hasOwn(allowed, part.fieldname) ? allowed[part.fieldname] : undefined;
        if (limit === undefined) throw invalidField(part.fieldname, 'field.unknown');
        const value = String(part.value);
        if (part.valueTruncated || [...value].length > limit)
          throw invalidField(part.fieldname, 'field.too_long', limit);
        fields[part.fieldname] = value;
      } else if (part.fieldname !== 'file') throw invalidField(part.fieldname, 'field.unknown');
      else file = { bytes: await part.toBuffer(), filename: part.filename ?? '' };
    }
  } catch (err) {
    const problem = uploadProblem(err, problems.tooLarge);
    if (!(err instanceof Problem)) req.log.info({ err }, 'upload refused');
    throw problem;
  }
  return { fields, file };
}

/** The image format read from the bytes, when it is one we accept (jpeg, png, webp). */
export async function imageFormat(input: Buffer): Promise<string | null> {
  try {
    const format = (await sharp(input, headerOptions).metadata()).format;
    return format && imageFormats.has(format) ? format : null;
  } catch {
    return null;
  }
}

export interface ProcessedImage {
  bytes: Buffer;
  width: number;
  height: number;
  thumb: Buffer;
}

/** An image with more pixels than `maxImagePixels`: the platform's own 422, the same for every upload. */
export const tooManyPixels = (): Problem =>
  new Problem(422, 'upload.image_too_many_pixels', { params: { megapixels: maxImageMegapixels } });

/**
 * Re-encodes an accepted image: upright, fit into 1600 px (thumbnail 400 px), WebP. sharp writes no
 * metadata unless asked, so none of the upload's survives. An image that is not JPEG, PNG or WebP,
 * or whose header looks right but cannot be decoded (a truncated or forged file), is `wrongType`;
 * one of more than `maxImagePixels` is `tooManyPixels`, told by its header before any decoding, and
 * every decode is bounded by the same limit besides.
 */
export async function processImage(input: Buffer, wrongType: () => Problem): Promise<ProcessedImage> {
  let meta: Metadata;
  try {
    meta = await sharp(input, headerOptions).metadata();
  } catch {
    throw wrongType();
  }
  if (!meta.format || !imageFormats.has(meta.format)) throw wrongType();
  if ((meta.width ?? 0) * (meta.height ?? 0) > maxImagePixels) throw tooManyPixels();
  try {
    const full = await sharp(input, decodeOptions)
      .rotate()
      .resize({ width: 1600, height: 1600, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer({ resolveWithObject: true });
    const thumb = await sharp(input, decodeOptions)
      .rotate()
      .resize({ width: 400, height: 400, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 75 })
      .toBuffer();
    return { bytes: full.data, width: full.info.width, height: full.info.height, thumb };
  } catch (err) {
    if (err instanceof Error && /pixel limit/i.test(err.message)) throw tooManyPixels();
    throw wrongType();
  }
}

const pdfMagic = Buffer.from('%PDF-', 'latin1');
/** A PDF document by its first bytes (the declared type and the name do not count). */
export const isPdf = (input: Buffer) => input.subarray(0, pdfMagic.length).equals(pdfMagic);

/** Free text people typed (a description): one line, no control or invisible formatting characters. */
export function cleanText(raw: string, max: number): string {
  const text = raw
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return [...text].slice(0, max).join('');
}

/**
 * A file name as people will see and save it: the last path segment only, without control,
 * bidirectional-override and other invisible characters or characters file systems refuse, at
 * most 100 characters before the extension, and always with the extension of what is stored
 * (a photo uploaded as "Rezept.jpg" is kept as WebP, so it becomes "Rezept.webp").
 */
export function cleanFileName(raw: string, extension: string, fallback: string): string {
  const last = raw.split(/[/\\]/).pop() ?? '';
  let stem = cleanText(last, 200).replace(/["*:<>?|]/g, '');
  const dot = stem.lastIndexOf('.');
  if (dot > 0) stem = stem.slice(0, dot);
  stem = [...stem.replace(/^[.\s]+/, '').trim()].slice(0, 100).join('').trim();
  return `${stem || fallback}.${extension}`;
}

/**
 * A Content-Disposition header with the name in both forms: a plain ASCII fallback and the exact
 * UTF-8 name (RFC 6266 / RFC 8187), so "Überweisung März.pdf" is saved under its own name.
 */
export function contentDisposition(type: 'inline' | 'attachment', filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
