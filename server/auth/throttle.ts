import { sql } from 'kysely';
import type { Executor } from '../db/tx.ts';

/** Failed sign-ins allowed per email (and per client address × 4) in the window. */
export const maxFailures = 5;
export const windowMinutes = 15;

/**
 * Throttling is keyed by the email typed, whether or not an account has it, so the answer
 * never reveals which addresses have accounts.
 */
/** Password attempts and link requests are counted apart, so asking for links does not lock out passwords. */
export type ThrottleScope = 'password' | 'link';

export async function isThrottled(
  db: Executor,
  networkId: string,
  email: string,
  ip: string,
  scope: ThrottleScope = 'password',
): Promise<boolean> {
  const rows = await db
    .selectFrom('auth_failure')
    .select(['key', (eb) => eb.fn.countAll<number>().as('n')])
    .where('network_id', '=', networkId)
    .where('key', 'in', [`${scope}:email:${email}`, `${scope}:ip:${ip}`])
    .where('at', '>', sql<Date>`now() - make_interval(mins => ${windowMinutes})`)
    .groupBy('key')
    .execute();
  return rows.some((r) => r.n >= (r.key.includes(':ip:') ? maxFailures * 4 : maxFailures));
}

export async function recordFailure(
  db: Executor,
  networkId: string,
  email: string,
  ip: string,
  scope: ThrottleScope = 'password',
): Promise<void> {
  await db
    .insertInto('auth_failure')
    .values([
      { network_id: networkId, key: `${scope}:email:${email}` },
      { network_id: networkId, key: `${scope}:ip:${ip}` },
    ])
    .execute();
}

export async function clearFailures(db: Executor, networkId: string, email: string): Promise<void> {
  await db
    .deleteFrom('auth_failure')
    .where('network_id', '=', networkId)
    .where('key', 'in', [`password:email:${email}`, `link:email:${email}`])
    .execute();
}
