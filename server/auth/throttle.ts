import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { type Executor, executeTx } from '../db/tx.ts';

/** Sign-in attempts allowed per email (and per client address × 4) in the window. */
export const maxFailures = 5;
export const windowMinutes = 15;

/** Password attempts and link requests are counted apart, so asking for links does not lock out passwords. */
export type ThrottleScope = 'password' | 'link';

function keysOf(scope: ThrottleScope, email: string, ip: string) {
  return { byEmail: `${scope}:email:${email}`, byAddress: `${scope}:ip:${ip}` };
}

/** A 64-bit advisory lock id per network and key, from a hash (a collision only makes two keys wait for each other). */
function lockId(networkId: string, key: string): bigint {
  return createHash('sha256').update(`auth_failure\0${networkId}\0${key}`).digest().readBigInt64BE(0);
}

/**
 * Counts a sign-in attempt against the email typed and the client address, before anything is
 * checked; false, with nothing counted, when either is at its limit. Throttling is keyed by the
 * email whether or not an account has it, and nothing here looks at accounts, so every email gets
 * the same answers.
 *
 * Race-free: the attempt is counted in the statement that decides, while this transaction holds an
 * advisory lock on both keys (taken in one order, so two attempts never wait for each other in a
 * circle). The next attempt on a key counts after this one has committed, so N parallel attempts let
 * exactly as many through as N sequential ones. A check before the password and a record after it
 * let every attempt of a parallel burst through (20 of 20 against a limit of 5, measured), and how
 * many got through depended on timing, not on the limit.
 */
export async function countAttempt(
  db: Executor,
  networkId: string,
  email: string,
  ip: string,
  scope: ThrottleScope = 'password',
): Promise<boolean> {
  const { byEmail, byAddress } = keysOf(scope, email, ip);
  const locks = [...new Set([lockId(networkId, byEmail), lockId(networkId, byAddress)])].sort((a, b) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  return executeTx(db, async (tx) => {
    for (const id of locks) await sql`SELECT pg_advisory_xact_lock(${id.toString()}::bigint)`.execute(tx);
    // A statement of its own after the locks: under READ COMMITTED it sees every attempt committed before them.
    const counted = await sql<{ key: string }>`
      WITH recent AS (
        SELECT count(*) FILTER (WHERE key = ${byEmail}) AS by_email,
               count(*) FILTER (WHERE key = ${byAddress}) AS by_address
        FROM auth_failure
        WHERE network_id = ${networkId}::uuid AND key IN (${byEmail}, ${byAddress})
          AND at > now() - make_interval(mins => ${windowMinutes}))
      INSERT INTO auth_failure (network_id, key)
      SELECT ${networkId}::uuid, k FROM recent CROSS JOIN (VALUES (${byEmail}), (${byAddress})) AS keys (k)
      WHERE by_email < ${maxFailures} AND by_address < ${maxFailures * 4}
      RETURNING key`.execute(tx);
    return counted.rows.length > 0;
  });
}

/**
 * Takes back one attempt of the email and of the client address: the right password was given, so it
 * was no failure (a shared address, an office or a care home, is not locked out by its own sign-ins).
 */
export async function takeBackAttempt(
  db: Executor,
  networkId: string,
  email: string,
  ip: string,
  scope: ThrottleScope = 'password',
): Promise<void> {
  const { byEmail, byAddress } = keysOf(scope, email, ip);
  await sql`
    DELETE FROM auth_failure
    WHERE ctid IN (
      (SELECT ctid FROM auth_failure WHERE network_id = ${networkId}::uuid AND key = ${byEmail}
       ORDER BY at DESC LIMIT 1 FOR UPDATE SKIP LOCKED),
      (SELECT ctid FROM auth_failure WHERE network_id = ${networkId}::uuid AND key = ${byAddress}
       ORDER BY at DESC LIMIT 1 FOR UPDATE SKIP LOCKED))`.execute(db);
}

/** Forgets the email's counted attempts (passwords and links), after its owner has signed in. */
export async function clearFailures(db: Executor, networkId: string, email: string): Promise<void> {
  await db
    .deleteFrom('auth_failure')
    .where('network_id', '=', networkId)
    .where('key', 'in', [`password:email:${email}`, `link:email:${email}`])
    .execute();
}
