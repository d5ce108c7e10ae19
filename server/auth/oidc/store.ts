import { sql } from 'kysely';
import type { Executor } from '../../db/tx.ts';

/** How long a sign-in begun at the provider may take to come back. */
export const signInMinutes = 10;

/** Remembers a sign-in begun at the provider, under the hash of the secret in the browser's cookie. */
export async function insertPendingSignIn(
  db: Executor,
  networkId: string,
  p: { id: string; state: string; nonce: string; codeVerifier: string; returnTo: string | null },
): Promise<void> {
  await db
    .insertInto('oidc_sign_in')
    .values({
      network_id: networkId,
      id: p.id,
      state: p.state,
      nonce: p.nonce,
      code_verifier: p.codeVerifier,
      return_to: p.returnTo,
      expires_at: sql<Date>`now() + make_interval(mins => ${signInMinutes})`,
    })
    .execute();
}

/** Takes the pending sign-in out (each is used once); undefined when there is none or it expired. */
export async function takePendingSignIn(db: Executor, networkId: string, id: string) {
  const row = await db
    .deleteFrom('oidc_sign_in')
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .returning(['state', 'nonce', 'code_verifier', 'return_to', 'expires_at'])
    .executeTakeFirst();
  return row && row.expires_at.getTime() > Date.now() ? row : undefined;
}

/** Sign-ins begun and never finished (the person closed the tab); run by the daily prune. */
export async function pruneExpiredSignIns(db: Executor, networkId: string): Promise<void> {
  await db
    .deleteFrom('oidc_sign_in')
    .where('network_id', '=', networkId)
    .where('expires_at', '<', sql<Date>`now()`)
    .execute();
}

export async function findLinkedAccount(db: Executor, networkId: string, issuer: string, subject: string) {
  return db
    .selectFrom('account_oidc_link as l')
    .innerJoin('account as a', (j) =>
      j.onRef('a.network_id', '=', 'l.network_id').onRef('a.id', '=', 'l.account_id'),
    )
    .select(['a.id', 'a.blocked_at'])
    .where('l.network_id', '=', networkId)
    .where('l.issuer', '=', issuer)
    .where('l.subject', '=', subject)
    .executeTakeFirst();
}

export async function touchLink(db: Executor, networkId: string, issuer: string, subject: string) {
  await db
    .updateTable('account_oidc_link')
    .set({ last_sign_in_at: sql`now()` })
    .where('network_id', '=', networkId)
    .where('issuer', '=', issuer)
    .where('subject', '=', subject)
    .execute();
}

/** The subject of the account's identity at this issuer, if it has one (it may have one per issuer). */
export async function linkedSubjectAt(db: Executor, networkId: string, accountId: string, issuer: string) {
  const row = await db
    .selectFrom('account_oidc_link')
    .select('subject')
    .where('network_id', '=', networkId)
    .where('account_id', '=', accountId)
    .where('issuer', '=', issuer)
    .executeTakeFirst();
  return row?.subject ?? null;
}

export async function insertLink(
  db: Executor,
  networkId: string,
  l: { issuer: string; subject: string; accountId: string },
): Promise<void> {
  await db
    .insertInto('account_oidc_link')
    .values({ network_id: networkId, issuer: l.issuer, subject: l.subject, account_id: l.accountId })
    .execute();
}
