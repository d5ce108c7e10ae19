import { sql } from 'kysely';
import type { Executor } from '../db/tx.ts';

/**
 * A person's notifications. `withoutCircles` leaves out those of support circles (they all link under
 * `/kreise/`), for a session in which circles stay closed (LoadedSession.assisted).
 */
export async function listNotifications(
  db: Executor,
  networkId: string,
  accountId: string,
  f: { unreadOnly: boolean; limit: number; offset: number; withoutCircles?: boolean },
) {
  const all = db
    .selectFrom('notification')
    .where('network_id', '=', networkId)
    .where('account_id', '=', accountId);
  const mine = f.withoutCircles
    ? all.where((eb) => eb.or([eb('link', 'is', null), eb('link', 'not like', '/kreise/%')]))
    : all;
  const q = f.unreadOnly ? mine.where('read_at', 'is', null) : mine;
  const [rows, total, unread] = await Promise.all([
    q
      .select(['id', 'kind', 'params', 'link', 'created_at', 'read_at'])
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    mine
      .where('read_at', 'is', null)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n, unreadCount: unread.n };
}

export async function findNotification(db: Executor, networkId: string, id: string) {
  return db
    .selectFrom('notification')
    .select(['id', 'account_id', 'read_at'])
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function markRead(db: Executor, networkId: string, accountId: string, id?: string) {
  let q = db
    .updateTable('notification')
    .set({ read_at: sql`now()` })
    .where('network_id', '=', networkId)
    .where('account_id', '=', accountId)
    .where('read_at', 'is', null);
  if (id) q = q.where('id', '=', id);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}
