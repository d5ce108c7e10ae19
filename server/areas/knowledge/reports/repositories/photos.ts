import type { Executor } from '../../../../db/tx.ts';

/** A report's one photo (re-encoded WebP and its thumbnail, with its description). */

export async function findPhoto(db: Executor, networkId: string, reportId: string) {
  return db
    .selectFrom('map_report_photo')
    .select(['id', 'alt', 'width', 'height'])
    .where('network_id', '=', networkId)
    .where('report_id', '=', reportId)
    .executeTakeFirst();
}

export async function photoData(
  db: Executor,
  networkId: string,
  reportId: string,
  photoId: string,
  thumb: boolean,
) {
  return db
    .selectFrom('map_report_photo')
    .select(thumb ? 'thumb as data' : 'bytes as data')
    .where('network_id', '=', networkId)
    .where('report_id', '=', reportId)
    .where('id', '=', photoId)
    .executeTakeFirst();
}

/** Puts the photo in (replacing the one there was); its new id. */
export async function replacePhoto(
  db: Executor,
  networkId: string,
  p: {
    reportId: string;
    alt: string;
    width: number;
    height: number;
    bytes: Buffer;
    thumb: Buffer;
    createdBy: string;
  },
) {
  await deletePhoto(db, networkId, p.reportId);
  const row = await db
    .insertInto('map_report_photo')
    .values({
      network_id: networkId,
      report_id: p.reportId,
      alt: p.alt,
      width: p.width,
      height: p.height,
      bytes: p.bytes,
      thumb: p.thumb,
      created_by: p.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Whether there was a photo to remove. */
export async function deletePhoto(db: Executor, networkId: string, reportId: string) {
  const res = await db
    .deleteFrom('map_report_photo')
    .where('network_id', '=', networkId)
    .where('report_id', '=', reportId)
    .executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}
