import type { Executor } from '../db/tx.ts';

/** In-app notifications. `kind` names a message in the web client's catalogue; `params` fill it. */
export async function notify(
  db: Executor,
  n: {
    networkId: string;
    accountId: string;
    kind: string;
    params?: Record<string, string | number>;
    link?: string;
  },
): Promise<void> {
  await db
    .insertInto('notification')
    .values({
      network_id: n.networkId,
      account_id: n.accountId,
      kind: n.kind,
      params: JSON.stringify(n.params ?? {}),
      link: n.link ?? null,
    })
    .execute();
}
