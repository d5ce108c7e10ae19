import { sql } from 'kysely';
import { newSecret } from '../../../../auth/tokens.ts';
import type { DigestFrequency } from '../../../../db/schema.ts';
import type { Executor } from '../../../../db/tx.ts';

/**
 * A person's digest setting (knowledge_digest_setting): off until they choose daily or weekly. The
 * row is made on first use with the account's unsubscribe token, which stays the same for every
 * digest (an old email's link still works).
 */

export interface DigestSetting {
  frequency: DigestFrequency;
  /** ISO weekday, 1 = Monday; only for weekly */
  weekday: number | null;
  coveredUntil: Date | null;
}

export async function digestSetting(
  db: Executor,
  networkId: string,
  accountId: string,
): Promise<DigestSetting> {
  const row = await db
    .selectFrom('knowledge_digest_setting')
    .select(['frequency', 'weekday', 'covered_until'])
    .where('network_id', '=', networkId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  if (!row) return { frequency: 'off', weekday: null, coveredUntil: null };
  return { frequency: row.frequency, weekday: row.weekday, coveredUntil: row.covered_until };
}

/**
 * Sets how often the digest comes. Switched on from off, the next digest starts now — not with
 * everything since the last one months ago. Returns the frequency before.
 */
export async function saveDigestSetting(
  db: Executor,
  networkId: string,
  accountId: string,
  next: { frequency: DigestFrequency; weekday: number | null },
): Promise<DigestFrequency> {
  const before = await db
    .selectFrom('knowledge_digest_setting')
    .select('frequency')
    .where('network_id', '=', networkId)
    .where('account_id', '=', accountId)
    .forUpdate()
    .executeTakeFirst();
  const weekday = next.frequency === 'weekly' ? next.weekday : null;
  if (!before) {
    await db
      .insertInto('knowledge_digest_setting')
      .values({
        network_id: networkId,
        account_id: accountId,
        frequency: next.frequency,
        weekday,
        unsubscribe_token: newSecret(),
      })
      .onConflict((oc) =>
        oc.columns(['network_id', 'account_id']).doUpdateSet({ frequency: next.frequency, weekday }),
      )
      .execute();
    return 'off';
  }
  await db
    .updateTable('knowledge_digest_setting')
    .set({
      frequency: next.frequency,
      weekday,
      updated_at: sql`now()`,
      ...(before.frequency === 'off' && next.frequency !== 'off' ? { covered_until: sql`now()` } : {}),
    })
    .where('network_id', '=', networkId)
    .where('account_id', '=', accountId)
    .execute();
  return before.frequency;
}

/** The account's unsubscribe token (for the digest's links). */
export async function unsubscribeToken(db: Executor, networkId: string, accountId: string): Promise<string> {
  const row = await db
    .selectFrom('knowledge_digest_setting')
    .select('unsubscribe_token')
    .where('network_id', '=', networkId)
    .where('account_id', '=', accountId)
    .executeTakeFirstOrThrow();
  return row.unsubscribe_token;
}

/**
 * Turns the digest off for whoever holds the token. Returns the account and whether it was on, or
 * null for a token nobody has.
 */
export async function unsubscribeByToken(
  db: Executor,
  networkId: string,
  token: string,
): Promise<{ accountId: string; wasOn: boolean } | null> {
  const row = await db
    .selectFrom('knowledge_digest_setting')
    .select(['account_id', 'frequency'])
    .where('network_id', '=', networkId)
    .where('unsubscribe_token', '=', token)
    .forUpdate()
    .executeTakeFirst();
  if (!row) return null;
  if (row.frequency === 'off') return { accountId: row.account_id, wasOn: false };
  await db
    .updateTable('knowledge_digest_setting')
    .set({ frequency: 'off', weekday: null, updated_at: sql`now()` })
    .where('network_id', '=', networkId)
    .where('account_id', '=', row.account_id)
    .execute();
  return { accountId: row.account_id, wasOn: true };
}

/**
 * Whose digest is due at `now`: daily from 07:00 local time, weekly from 07:00 on the chosen weekday,
 * and only if no run took them today (the log). Blocked accounts get none.
 */
export async function dueAccounts(
  db: Executor,
  networkId: string,
  local: { day: string; weekday: number },
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('knowledge_digest_setting as s')
    .innerJoin('account as a', (j) =>
      j.onRef('a.network_id', '=', 's.network_id').onRef('a.id', '=', 's.account_id'),
    )
    .select('s.account_id')
    .where('s.network_id', '=', networkId)
    .where('a.blocked_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('s.frequency', '=', 'daily'),
        eb.and([eb('s.frequency', '=', 'weekly'), eb('s.weekday', '=', local.weekday)]),
      ]),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('knowledge_digest_log as l')
            .select('l.account_id')
            .whereRef('l.network_id', '=', 's.network_id')
            .whereRef('l.account_id', '=', 's.account_id')
            .where('l.local_day', '=', local.day),
        ),
      ),
    )
    .orderBy('s.account_id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.account_id);
}

/**
 * Takes the account's digest for the local day: true if this run may write it, false if another run
 * has (or is writing it now — the key makes this one wait for it, then find the day taken).
 */
export async function claimDigestDay(db: Executor, networkId: string, accountId: string, day: string) {
  const row = await db
    .insertInto('knowledge_digest_log')
    .values({ network_id: networkId, account_id: accountId, local_day: day })
    .onConflict((oc) => oc.doNothing())
    .returning('account_id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function recordDigest(
  db: Executor,
  networkId: string,
  accountId: string,
  day: string,
  itemCount: number,
  coveredUntil: Date,
) {
  await db
    .updateTable('knowledge_digest_log')
    .set({ item_count: itemCount })
    .where('network_id', '=', networkId)
    .where('account_id', '=', accountId)
    .where('local_day', '=', day)
    .execute();
  await db
    .updateTable('knowledge_digest_setting')
    .set({ covered_until: coveredUntil })
    .where('network_id', '=', networkId)
    .where('account_id', '=', accountId)
    .execute();
}
