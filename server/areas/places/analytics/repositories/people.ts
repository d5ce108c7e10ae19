import type { Executor } from '../../../../db/tx.ts';
import type { Actor } from '../../../../policies/actor.ts';

/** The public bodies among the organisations the person is a member of (for analyticsPolicy.seeNetwork). */
export async function publicBodiesOf(db: Executor, networkId: string, actor: Actor): Promise<string[]> {
  const ids = [...actor.roles.keys()];
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('organisation')
    .select('id')
    .where('network_id', '=', networkId)
    .where('kind', '=', 'public_body')
    .where('id', 'in', ids)
    .execute();
  return rows.map((r) => r.id);
}

export async function isOptedOut(db: Executor, networkId: string, accountId: string): Promise<boolean> {
  const row = await db
    .selectFrom('places_analytics_opt_out')
    .select('account_id')
    .where('network_id', '=', networkId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Sets the choice; true when it changed. */
export async function setOptOut(db: Executor, networkId: string, accountId: string, optOut: boolean) {
  if (optOut) {
    const r = await db
      .insertInto('places_analytics_opt_out')
      .values({ network_id: networkId, account_id: accountId })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
  }
  const r = await db
    .deleteFrom('places_analytics_opt_out')
    .where('network_id', '=', networkId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
