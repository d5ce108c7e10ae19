import type { FollowTarget } from '../../../../db/schema.ts';
import type { Executor } from '../../../../db/tx.ts';

/**
 * What people follow (knowledge_follow): a thread, an organisation (its news), a district, a wiki
 * page, a map report. Followers hear of what is new there (each part notifies them) and get it in
 * their digest. The other parts of Wissen use these functions; nobody else writes the table.
 */

/** Follows a thing; following it again changes nothing. */
export async function follow(
  db: Executor,
  networkId: string,
  accountId: string,
  targetType: FollowTarget,
  targetId: string,
): Promise<void> {
  await db
    .insertInto('knowledge_follow')
    .values({ network_id: networkId, account_id: accountId, target_type: targetType, target_id: targetId })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function unfollow(
  db: Executor,
  networkId: string,
  accountId: string,
  targetType: FollowTarget,
  targetId: string,
): Promise<void> {
  await db
    .deleteFrom('knowledge_follow')
    .where('network_id', '=', networkId)
    .where('account_id', '=', accountId)
    .where('target_type', '=', targetType)
    .where('target_id', '=', targetId)
    .execute();
}

/** Which of the things the person follows (for `following` in lists and pages). */
export async function followedAmong(
  db: Executor,
  networkId: string,
  accountId: string | null,
  targetType: FollowTarget,
  targetIds: readonly string[],
): Promise<Set<string>> {
  if (!accountId || targetIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('knowledge_follow')
    .select('target_id')
    .where('network_id', '=', networkId)
    .where('account_id', '=', accountId)
    .where('target_type', '=', targetType)
    .where('target_id', 'in', targetIds)
    .execute();
  return new Set(rows.map((r) => r.target_id));
}

/** Everyone following a thing (to notify them), without blocked accounts. */
export async function followersOf(
  db: Executor,
  networkId: string,
  targetType: FollowTarget,
  targetId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('knowledge_follow as f')
    .innerJoin('account as a', (j) =>
      j.onRef('a.network_id', '=', 'f.network_id').onRef('a.id', '=', 'f.account_id'),
    )
    .select('f.account_id')
    .where('f.network_id', '=', networkId)
    .where('f.target_type', '=', targetType)
    .where('f.target_id', '=', targetId)
    .where('a.blocked_at', 'is', null)
    .execute();
  return rows.map((r) => r.account_id);
}

/** What the person follows, newest first (a page of it, when asked with `page`). */
export async function followsOf(
  db: Executor,
  networkId: string,
  accountId: string,
  page?: { limit: number; offset: number },
) {
  let q = db
    .selectFrom('knowledge_follow')
    .select(['target_type', 'target_id', 'created_at'])
    .where('network_id', '=', networkId)
    .where('account_id', '=', accountId)
    .orderBy('created_at', 'desc')
    .orderBy('target_type')
    .orderBy('target_id');
  if (page) q = q.limit(page.limit).offset(page.offset);
  return q.execute();
}

/** How many things the person follows. */
export async function countFollows(db: Executor, networkId: string, accountId: string): Promise<number> {
  const row = await db
    .selectFrom('knowledge_follow')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('network_id', '=', networkId)
    .where('account_id', '=', accountId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
