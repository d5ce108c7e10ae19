import type { Executor } from '../db/tx.ts';

/**
 * One local network per instance. The first start creates it; every later start finds it.
 * Tables still carry network_id so a provider can host many networks in one database.
 */
export async function ensureNetwork(db: Executor, defaults: { slug: string; name: string }) {
  const existing = await db
    .selectFrom('network')
    .select(['id', 'slug', 'name'])
    .orderBy('created_at')
    .executeTakeFirst();
  if (existing) return { network: existing, created: false };
  const network = await db
    .insertInto('network')
    .values({ slug: defaults.slug, name: defaults.name, settings: '{}' })
    .returning(['id', 'slug', 'name'])
    .executeTakeFirstOrThrow();
  return { network, created: true };
}
