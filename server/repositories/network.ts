import type { NetworkSettings } from '../db/schema.ts';
import type { Executor } from '../db/tx.ts';

export async function getNetwork(db: Executor, networkId: string) {
  return db
    .selectFrom('network')
    .select(['id', 'slug', 'name', 'settings'])
    .where('id', '=', networkId)
    .executeTakeFirstOrThrow();
}

/** Locks the network row so concurrent setting changes merge instead of overwriting each other. */
export async function getNetworkForUpdate(db: Executor, networkId: string) {
  return db
    .selectFrom('network')
    .select(['id', 'slug', 'name', 'settings'])
    .where('id', '=', networkId)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

export async function updateNetwork(
  db: Executor,
  networkId: string,
  change: { name?: string; settings?: NetworkSettings },
) {
  await db
    .updateTable('network')
    .set({
      ...(change.name !== undefined ? { name: change.name } : {}),
      ...(change.settings !== undefined ? { settings: JSON.stringify(change.settings) } : {}),
    })
    .where('id', '=', networkId)
    .execute();
}
