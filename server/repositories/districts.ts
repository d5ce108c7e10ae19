import type { Executor } from '../db/tx.ts';

export async function listDistricts(db: Executor, networkId: string) {
  return db
    .selectFrom('district')
    .select(['id', 'slug', 'name', 'center_lat', 'center_lng', 'boundary'])
    .where('network_id', '=', networkId)
    .orderBy('name')
    .execute();
}

export async function findDistrict(db: Executor, networkId: string, id: string) {
  return db
    .selectFrom('district')
    .select(['id', 'slug', 'name'])
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Which of the ids are districts of the network. */
export async function existingDistricts(db: Executor, networkId: string, ids: string[]) {
  return db
    .selectFrom('district')
    .select('id')
    .where('network_id', '=', networkId)
    .where('id', 'in', ids)
    .execute();
}

/** Inserts or replaces the district with this slug; returns whether it was new. */
export async function upsertDistrict(
  db: Executor,
  networkId: string,
  d: { slug: string; name: string; boundary: unknown; centerLat: number; centerLng: number },
): Promise<'created' | 'updated'> {
  const existing = await db
    .selectFrom('district')
    .select('id')
    .where('network_id', '=', networkId)
    .where('slug', '=', d.slug)
    .forUpdate()
    .executeTakeFirst();
  const values = {
    name: d.name,
    boundary: JSON.stringify(d.boundary),
    center_lat: d.centerLat,
    center_lng: d.centerLng,
  };
  if (existing) {
    await db
      .updateTable('district')
      .set(values)
      .where('network_id', '=', networkId)
      .where('id', '=', existing.id)
      .execute();
    return 'updated';
  }
  await db
    .insertInto('district')
    .values({ network_id: networkId, slug: d.slug, ...values })
    .execute();
  return 'created';
}

/** Deletes the district; organisations lose their district (FK) and profiles forget it. */
export async function deleteDistrict(db: Executor, networkId: string, id: string): Promise<boolean> {
  const r = await db
    .deleteFrom('district')
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (Number(r.numDeletedRows) === 0) return false;
  await db
    .updateTable('profile')
    .set((eb) => ({ district_ids: eb.fn<string[]>('array_remove', ['district_ids', eb.val(id)]) }))
    .where('network_id', '=', networkId)
    .where((eb) => eb(eb.val(id), '=', eb.fn.any('district_ids')))
    .execute();
  return true;
}
