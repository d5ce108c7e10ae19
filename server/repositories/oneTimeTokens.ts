import { sql } from 'kysely';
import type { MembershipRole } from '../db/schema.ts';
import type { Executor } from '../db/tx.ts';

/**
 * One-time tokens: sign-in links (`login`, and `assisted_login` made by an instance admin) and
 * invitations to an organisation. Only the hash of a token is stored; an invitation's hash is its id.
 */

/** Stores a sign-in token's hash; returns when it was made and until when it works (the database's clock). */
export async function insertLoginToken(
  db: Executor,
  networkId: string,
  t: {
    tokenHash: string;
    assisted: boolean;
    account: { id: string; email: string };
    createdBy: string | null;
    minutes: number;
  },
) {
  return db
    .insertInto('one_time_token')
    .values({
      network_id: networkId,
      token_hash: t.tokenHash,
      purpose: t.assisted ? 'assisted_login' : 'login',
      account_id: t.account.id,
      email: t.account.email,
      organisation_id: null,
      role: null,
      created_by: t.createdBy,
      expires_at: sql<Date>`now() + make_interval(mins => ${t.minutes})`,
      used_at: null,
      revoked_at: null,
    })
    .returning(['created_at', 'expires_at'])
    .executeTakeFirstOrThrow();
}

/**
 * Uses up a valid sign-in token (once): the account, email and purpose it was for — for a
 * registration no account yet, but the name to open it with — or undefined.
 */
export async function useLoginToken(db: Executor, networkId: string, tokenHash: string) {
  return db
    .updateTable('one_time_token')
    .set({ used_at: sql`now()` })
    .where('network_id', '=', networkId)
    .where('token_hash', '=', tokenHash)
    .where('purpose', 'in', ['login', 'assisted_login', 'registration'])
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .returning(['account_id', 'email', 'purpose', 'display_name'])
    .executeTakeFirst();
}

/** Stores a registration's token: the address and the name the account will have once it is used. */
export async function insertRegistrationToken(
  db: Executor,
  networkId: string,
  t: { tokenHash: string; email: string; displayName: string; minutes: number },
) {
  await db
    .insertInto('one_time_token')
    .values({
      network_id: networkId,
      token_hash: t.tokenHash,
      purpose: 'registration',
      account_id: null,
      email: t.email,
      display_name: t.displayName,
      organisation_id: null,
      role: null,
      created_by: null,
      expires_at: sql<Date>`now() + make_interval(mins => ${t.minutes})`,
      used_at: null,
      revoked_at: null,
    })
    .execute();
}

/** An organisation's invitations that are neither used, withdrawn nor expired, newest first. */
export async function listOpenInvitations(db: Executor, networkId: string, organisationId: string) {
  return db
    .selectFrom('one_time_token')
    .select(['token_hash', 'email', 'role', 'created_at', 'expires_at'])
    .where('network_id', '=', networkId)
    .where('organisation_id', '=', organisationId)
    .where('purpose', '=', 'invitation')
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .orderBy('created_at', 'desc')
    .execute();
}

export async function insertInvitation(
  db: Executor,
  networkId: string,
  i: {
    tokenHash: string;
    email: string;
    organisationId: string;
    role: MembershipRole;
    createdBy: string;
    days: number;
  },
) {
  return db
    .insertInto('one_time_token')
    .values({
      network_id: networkId,
      token_hash: i.tokenHash,
      purpose: 'invitation',
      account_id: null,
      email: i.email,
      organisation_id: i.organisationId,
      role: i.role,
      created_by: i.createdBy,
      expires_at: sql<Date>`now() + make_interval(days => ${i.days})`,
      used_at: null,
      revoked_at: null,
    })
    .returning(['token_hash', 'email', 'role', 'created_at', 'expires_at'])
    .executeTakeFirstOrThrow();
}

/** Withdraws an open invitation of the organisation; the number of invitations withdrawn (0 or 1). */
export async function revokeInvitation(
  db: Executor,
  networkId: string,
  organisationId: string,
  tokenHash: string,
): Promise<number> {
  const res = await db
    .updateTable('one_time_token')
    .set({ revoked_at: sql`now()` })
    .where('network_id', '=', networkId)
    .where('organisation_id', '=', organisationId)
    .where('token_hash', '=', tokenHash)
    .where('purpose', '=', 'invitation')
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** A valid invitation with its organisation (locked with `lock`, to accept it), or undefined. */
export async function findOpenInvitation(db: Executor, networkId: string, tokenHash: string, lock = false) {
  let q = db
    .selectFrom('one_time_token as t')
    .innerJoin('organisation as o', (j) =>
      j.onRef('o.network_id', '=', 't.network_id').onRef('o.id', '=', 't.organisation_id'),
    )
    .select([
      't.token_hash',
      't.email',
      't.role',
      't.expires_at',
      't.created_by',
      'o.id as org_id',
      'o.name as org_name',
      'o.slug as org_slug',
    ])
    .where('t.network_id', '=', networkId)
    .where('t.token_hash', '=', tokenHash)
    .where('t.purpose', '=', 'invitation')
    .where('t.used_at', 'is', null)
    .where('t.revoked_at', 'is', null)
    .where('t.expires_at', '>', sql<Date>`now()`);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

/**
 * Open invitations to organisations addressed to this account's email — only once the account has
 * shown it holds that address (email verified), since the emailed link is not asked for — soonest to
 * expire first, one per organisation (the newest), with the organisation and who sent it.
 */
export async function openInvitationsForAccount(
  db: Executor,
  networkId: string,
  accountId: string,
  organisationId?: string,
) {
  let q = db
    .selectFrom('one_time_token as t')
    .innerJoin('account as me', (j) =>
      j.onRef('me.network_id', '=', 't.network_id').onRef('me.email', '=', 't.email'),
    )
    .innerJoin('organisation as o', (j) =>
      j.onRef('o.network_id', '=', 't.network_id').onRef('o.id', '=', 't.organisation_id'),
    )
    .leftJoin('account as by', (j) =>
      j.onRef('by.network_id', '=', 't.network_id').onRef('by.id', '=', 't.created_by'),
    )
    .select([
      't.token_hash',
      't.role',
      't.expires_at',
      't.created_at',
      't.created_by',
      'o.id as org_id',
      'o.name as org_name',
      'o.slug as org_slug',
      'by.display_name as inviter_name',
    ])
    .distinctOn('t.organisation_id')
    .where('t.network_id', '=', networkId)
    .where('me.id', '=', accountId)
    .where('me.email_verified_at', 'is not', null)
    .where('t.purpose', '=', 'invitation')
    .where('t.used_at', 'is', null)
    .where('t.revoked_at', 'is', null)
    .where('t.expires_at', '>', sql<Date>`now()`);
  if (organisationId) q = q.where('t.organisation_id', '=', organisationId);
  const rows = await q.orderBy('t.organisation_id').orderBy('t.created_at', 'desc').execute();
  return rows.sort((a, b) => a.expires_at.getTime() - b.expires_at.getTime());
}

/** Declines an open invitation: it is spent as if withdrawn (0 or 1 rows). */
export async function declineInvitation(db: Executor, networkId: string, tokenHash: string) {
  const res = await db
    .updateTable('one_time_token')
    .set({ revoked_at: sql`now()` })
    .where('network_id', '=', networkId)
    .where('token_hash', '=', tokenHash)
    .where('purpose', '=', 'invitation')
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** Marks an invitation used by the account that accepted it. */
export async function markInvitationUsed(
  db: Executor,
  networkId: string,
  tokenHash: string,
  accountId: string,
) {
  await db
    .updateTable('one_time_token')
    .set({ used_at: sql`now()`, account_id: accountId })
    .where('network_id', '=', networkId)
    .where('token_hash', '=', tokenHash)
    .execute();
}
