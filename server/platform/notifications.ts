import type { Executor } from '../db/tx.ts';

/** In-app notifications. `kind` names a message in the web client's catalogue; `params` fill it. */
export interface NewNotification {
  networkId: string;
  accountId: string;
  kind: string;
  params?: Record<string, string | number>;
  link?: string;
}

export async function notify(db: Executor, n: NewNotification): Promise<void> {
  await notificationInsert(db, [n])?.execute();
}

/** Notifications as one query (null for none), to write with others in one statement (see insertTogether). */
export function notificationInsert(db: Executor, ns: NewNotification[]) {
  if (ns.length === 0) return null;
  return db.insertInto('notification').values(
    ns.map((n) => ({
      network_id: n.networkId,
      account_id: n.accountId,
      kind: n.kind,
      params: JSON.stringify(n.params ?? {}),
      link: n.link ?? null,
    })),
  );
}
