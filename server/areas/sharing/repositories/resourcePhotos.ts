import type { Executor } from '../../../db/tx.ts';

/** A resource's photos in their order (without the image data). */
export async function listResourcePhotos(db: Executor, networkId: string, resourceId: string) {
  return db
    .selectFrom('resource_photo')
    .select(['id', 'alt', 'width', 'height'])
    .where('network_id', '=', networkId)
    .where('resource_id', '=', resourceId)
    .orderBy('position')
    .orderBy('created_at')
    .execute();
}

export async function countResourcePhotos(db: Executor, networkId: string, resourceId: string) {
  const count = await db
    .selectFrom('resource_photo')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('network_id', '=', networkId)
    .where('resource_id', '=', resourceId)
    .executeTakeFirstOrThrow();
  return count.n;
}

export async function insertResourcePhoto(
  db: Executor,
  networkId: string,
  p: {
    resourceId: string;
    position: number;
    alt: string;
    width: number;
    height: number;
    bytes: Buffer;
    thumb: Buffer;
    createdBy: string;
  },
) {
  return db
    .insertInto('resource_photo')
    .values({
      network_id: networkId,
      resource_id: p.resourceId,
      position: p.position,
      alt: p.alt,
      content_type: 'image/webp',
      width: p.width,
      height: p.height,
      bytes: p.bytes,
      thumb: p.thumb,
      created_by: p.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** The image data of one photo of the resource: the full picture or its thumbnail. */
export async function findResourcePhotoData(
  db: Executor,
  networkId: string,
  resourceId: string,
  photoId: string,
  thumb: boolean,
) {
  return db
    .selectFrom('resource_photo')
    .select(thumb ? 'thumb as data' : 'bytes as data')
    .where('network_id', '=', networkId)
    .where('resource_id', '=', resourceId)
    .where('id', '=', photoId)
    .executeTakeFirst();
}

/** Deletes one photo of the resource; whether there was one. */
export async function deleteResourcePhoto(
  db: Executor,
  networkId: string,
  resourceId: string,
  photoId: string,
) {
  const res = await db
    .deleteFrom('resource_photo')
    .where('network_id', '=', networkId)
    .where('resource_id', '=', resourceId)
    .where('id', '=', photoId)
    .executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}
