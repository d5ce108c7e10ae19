import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type Executor, executeTx } from '../../db/tx.ts';
import { audit } from '../../platform/audit.ts';
import { createAccount, findAccountByEmail, markEmailVerified } from '../../repositories/accounts.ts';
import { OidcRefused } from './provider.ts';
import { findLinkedAccount, insertLink, linkedSubjectAt, touchLink } from './store.ts';

/** What the provider vouched for, taken from the checked ID token (and userinfo). */
export interface OidcIdentity {
  issuer: string;
  subject: string;
  /** lower-cased; null when the provider sent none */
  email: string | null;
  emailVerified: boolean;
  /** how the person is called at the provider, for a new account */
  name: string | null;
}

export interface IdentityContext {
  networkId: string;
  locale: 'de' | 'en';
  ip: string | null;
}

/**
 * The account an identity at the OpenID provider signs into, in one transaction:
 *
 * 1. An identity signed in before (issuer + subject, which the provider never reassigns) signs into
 *    the account it is linked to — whatever address the provider shows today.
 * 2. Otherwise only an address the provider says it verified (`email_verified: true`) is trusted:
 *    an account with that address gets linked to the identity (the address counts as proven, as
 *    after an emailed link); there is none, a new account is opened with no password — the person
 *    signs in at the provider, or later by emailed link or a password they set themselves.
 * 3. An account may be linked to one identity per issuer: when the provider gives an address to a
 *    second person, their verified email does not open the first one's account ('other_identity').
 *
 * A blocked account is refused in every case. Each link and each new account is audited.
 *
 * Two first sign-ins of one identity at the same moment (two tabs, a double click) both find neither
 * link nor account; the one that commits second runs into the first one's account or link (a unique
 * key) and is rolled back — it then looks once more and signs into what the first one made.
 */
export async function accountForIdentity(
  db: Executor,
  who: OidcIdentity,
  ctx: IdentityContext,
): Promise<{ accountId: string; how: 'linked_before' | 'linked_now' | 'created' }> {
  try {
    return await executeTx(db, (tx) => resolveIdentity(tx, who, ctx));
  } catch (error) {
    if ((error as { code?: string }).code !== '23505' || db.isTransaction) throw error;
    return executeTx(db, (tx) => resolveIdentity(tx, who, ctx));
  }
}

async function resolveIdentity(
  tx: Transaction<DB>,
  who: OidcIdentity,
  ctx: IdentityContext,
): Promise<{ accountId: string; how: 'linked_before' | 'linked_now' | 'created' }> {
  const { networkId } = ctx;
  const linked = await findLinkedAccount(tx, networkId, who.issuer, who.subject);
  if (linked) {
    if (linked.blocked_at) throw new OidcRefused('blocked');
    await touchLink(tx, networkId, who.issuer, who.subject);
    return { accountId: linked.id, how: 'linked_before' };
  }
  if (!who.email || !who.emailVerified) throw new OidcRefused('unverified');
  const details = { method: 'oidc', issuer: who.issuer };
  const existing = await findAccountByEmail(tx, networkId, who.email);
  if (existing) {
    if (existing.blocked_at) throw new OidcRefused('blocked');
    const subject = await linkedSubjectAt(tx, networkId, existing.id, who.issuer);
    // linked to this very identity by a sign-in that committed since this one looked (each statement
    // reads what is committed when it starts): sign into it
    if (subject === who.subject) return { accountId: existing.id, how: 'linked_before' };
    if (subject !== null) throw new OidcRefused('other_identity');
    await insertLink(tx, networkId, { issuer: who.issuer, subject: who.subject, accountId: existing.id });
    await markEmailVerified(tx, networkId, existing.id);
    await audit(tx, {
      networkId,
      actorId: existing.id,
      action: 'account.oidc_linked',
      entityType: 'account',
      entityId: existing.id,
      details,
      ip: ctx.ip,
    });
    return { accountId: existing.id, how: 'linked_now' };
  }
  const account = await createAccount(tx, {
    networkId,
    email: who.email,
    displayName: displayNameOf(who),
    locale: ctx.locale,
    emailVerified: true,
  });
  await insertLink(tx, networkId, { issuer: who.issuer, subject: who.subject, accountId: account.id });
  await audit(tx, {
    networkId,
    actorId: account.id,
    action: 'account.registered',
    entityType: 'account',
    entityId: account.id,
    details,
    ip: ctx.ip,
  });
  return { accountId: account.id, how: 'created' };
}

/** The provider's name for the person, or the part of the address before the @ (1 to 80 characters). */
export function displayNameOf(who: Pick<OidcIdentity, 'name' | 'email'>): string {
  const name = who.name?.replace(/\s+/g, ' ').trim();
  const chosen = name || (who.email ?? '').split('@')[0] || 'Neu';
  return [...chosen].slice(0, 80).join('');
}
