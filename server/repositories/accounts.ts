import { sql } from 'kysely';
import type { Executor } from '../db/tx.ts';
import type { Actor } from '../policies/actor.ts';

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function findAccountByEmail(db: Executor, networkId: string, email: string) {
  return db
    .selectFrom('account')
    .selectAll()
    .where('network_id', '=', networkId)
    .where('email', '=', normaliseEmail(email))
    .executeTakeFirst();
}

export async function findAccount(db: Executor, networkId: string, id: string) {
  return db
    .selectFrom('account')
    .selectAll()
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function createAccount(
  db: Executor,
  a: {
    networkId: string;
    email: string;
    displayName: string;
    passwordHash?: string | null;
    locale?: 'de' | 'en';
    /** Leichte Sprache in the web client; German only (a CHECK refuses it beside English) */
    plainLanguage?: boolean;
    isInstanceAdmin?: boolean;
    emailVerified?: boolean;
  },
) {
  const row = await db
    .insertInto('account')
    .values({
      network_id: a.networkId,
      email: normaliseEmail(a.email),
      display_name: a.displayName.trim(),
      password_hash: a.passwordHash ?? null,
      locale: a.locale ?? 'de',
      plain_language: a.plainLanguage ?? false,
      is_instance_admin: a.isInstanceAdmin ?? false,
      blocked_at: null,
      blocked_reason: null,
      email_verified_at: a.emailVerified ? sql`now()` : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await db
    .insertInto('profile')
    .values({ network_id: a.networkId, account_id: row.id, availability: '[]' })
    .execute();
  return row;
}

export async function getProfile(db: Executor, networkId: string, accountId: string) {
  return db
    .selectFrom('account as a')
    .innerJoin('profile as p', (j) =>
      j.onRef('p.network_id', '=', 'a.network_id').onRef('p.account_id', '=', 'a.id'),
    )
    .select([
      'a.id',
      'a.email',
      'a.display_name',
      'a.locale',
      'a.plain_language',
      'a.is_instance_admin',
      'a.password_hash',
      'a.created_at',
      'p.bio',
      'p.skills',
      'p.interests',
      'p.languages',
      'p.availability',
      'p.district_ids',
    ])
    .where('a.network_id', '=', networkId)
    .where('a.id', '=', accountId)
    .where('a.blocked_at', 'is', null)
    .executeTakeFirst();
}

export async function membershipsOf(db: Executor, networkId: string, accountId: string) {
  return db
    .selectFrom('membership as m')
    .innerJoin('organisation as o', (j) =>
      j.onRef('o.network_id', '=', 'm.network_id').onRef('o.id', '=', 'm.organisation_id'),
    )
    .select(['o.id', 'o.name', 'o.slug', 'm.role'])
    .where('m.network_id', '=', networkId)
    .where('m.account_id', '=', accountId)
    .orderBy('o.name')
    .execute();
}

/**
 * What was done with a person's account, newest first, from the audit log: sign-ins (and how),
 * signing out everywhere, password and profile changes, blocks, and sign-in links an instance admin
 * made for them — so help from an admin always leaves a trace the person reads. Only rows about the
 * account itself; nothing of circles or of other people.
 */
export async function listAccountActivity(
  db: Executor,
  networkId: string,
  accountId: string,
  f: { limit: number; offset: number },
) {
  const q = db
    .selectFrom('audit_log as l')
    .where('l.network_id', '=', networkId)
    .where('l.entity_type', '=', 'account')
    .where('l.entity_id', '=', accountId);
  const [rows, count] = await Promise.all([
    q
      .leftJoin('account as a', (j) =>
        j.onRef('a.network_id', '=', 'l.network_id').onRef('a.id', '=', 'l.actor_id'),
      )
      .select([
        'l.id',
        'l.action',
        'l.actor_id',
        'a.display_name as actor_name',
        sql<string | null>`l.details->>'method'`.as('method'),
        sql<string | null>`l.details->>'reason'`.as('reason'),
        'l.at',
      ])
      .orderBy('l.at', 'desc')
      .orderBy('l.id', 'desc')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: count.n };
}

/** What the session view shows of the signed-in account (it exists: its session was just loaded). */
export async function findSessionAccount(db: Executor, networkId: string, accountId: string) {
  return db
    .selectFrom('account')
    .select(['id', 'display_name', 'email', 'locale', 'plain_language', 'is_instance_admin'])
    .where('network_id', '=', networkId)
    .where('id', '=', accountId)
    .executeTakeFirstOrThrow();
}

/** Whether the account exists and is blocked (to sign it in by link). */
export async function findAccountStatus(db: Executor, networkId: string, accountId: string) {
  return db
    .selectFrom('account')
    .select(['id', 'blocked_at', 'is_instance_admin'])
    .where('network_id', '=', networkId)
    .where('id', '=', accountId)
    .executeTakeFirst();
}

/** The account's id if it exists and is not blocked. */
export async function findActiveAccountId(db: Executor, networkId: string, accountId: string) {
  return db
    .selectFrom('account')
    .select('id')
    .where('network_id', '=', networkId)
    .where('id', '=', accountId)
    .where('blocked_at', 'is', null)
    .executeTakeFirst();
}

/** The name an account is shown by (it must exist). */
export async function findDisplayName(db: Executor, networkId: string, accountId: string) {
  return db
    .selectFrom('account')
    .select('display_name')
    .where('network_id', '=', networkId)
    .where('id', '=', accountId)
    .executeTakeFirstOrThrow();
}

/** The first time the address is proven (a sign-in link reached it) is kept; later ones change nothing. */
export async function markEmailVerified(db: Executor, networkId: string, accountId: string) {
  await db
    .updateTable('account')
    .set({ email_verified_at: sql`coalesce(email_verified_at, now())` })
    .where('network_id', '=', networkId)
    .where('id', '=', accountId)
    .execute();
}

/**
 * Changes the account's name (trimmed) and language; nothing is written when none is given. Leichte
 * Sprache is German: choosing it makes the locale German, choosing English ends it (the route
 * refuses both at once).
 */
export async function updateAccountSettings(
  db: Executor,
  networkId: string,
  accountId: string,
  f: { displayName?: string; locale?: 'de' | 'en'; plainLanguage?: boolean },
) {
  const plainLanguage = f.plainLanguage ?? (f.locale === 'en' ? false : undefined);
  const locale = f.locale ?? (plainLanguage ? 'de' : undefined);
  if (f.displayName === undefined && locale === undefined && plainLanguage === undefined) return;
  await db
    .updateTable('account')
    .set({
      ...(f.displayName !== undefined ? { display_name: f.displayName.trim() } : {}),
      ...(locale ? { locale } : {}),
      ...(plainLanguage !== undefined ? { plain_language: plainLanguage } : {}),
    })
    .where('network_id', '=', networkId)
    .where('id', '=', accountId)
    .execute();
}

export interface ProfileFields {
  bio?: string;
  skills?: string[];
  interests?: string[];
  languages?: string[];
  availability?: { day: string; part: string }[];
  districtIds?: string[];
}

/** Changes the profile fields given (tags trimmed); nothing is written when none is. */
export async function updateProfile(db: Executor, networkId: string, accountId: string, f: ProfileFields) {
  const profile: Record<string, unknown> = {};
  if (f.bio !== undefined) profile.bio = f.bio;
  if (f.skills) profile.skills = f.skills.map((s) => s.trim());
  if (f.interests) profile.interests = f.interests.map((s) => s.trim());
  if (f.languages) profile.languages = f.languages;
  if (f.availability) profile.availability = JSON.stringify(f.availability);
  if (f.districtIds) profile.district_ids = f.districtIds;
  if (Object.keys(profile).length === 0) return;
  await db
    .updateTable('profile')
    .set({ ...profile, updated_at: sql`now()` })
    .where('network_id', '=', networkId)
    .where('account_id', '=', accountId)
    .execute();
}

/** What a new password is checked against: the current hash, and the name and email it must not resemble. */
export async function findPasswordCheck(db: Executor, networkId: string, accountId: string) {
  return db
    .selectFrom('account')
    .select(['password_hash', 'display_name', 'email'])
    .where('network_id', '=', networkId)
    .where('id', '=', accountId)
    .executeTakeFirstOrThrow();
}

/**
 * Sets a new password hash and ends every other session of the account: a changed password must
 * lock out whoever knew the old one. Only the session `keepSessionId` (the one that changed it) stays.
 */
export async function setPassword(
  db: Executor,
  networkId: string,
  accountId: string,
  passwordHash: string,
  keepSessionId: string,
) {
  await db
    .updateTable('account')
    .set({ password_hash: passwordHash })
    .where('network_id', '=', networkId)
    .where('id', '=', accountId)
    .execute();
  await db
    .deleteFrom('session')
    .where('network_id', '=', networkId)
    .where('account_id', '=', accountId)
    .where('id', '!=', keepSessionId)
    .execute();
}

/** A person of this network as the policies see them (to ask whether they may own a thing); blocked or unknown: undefined. */
export async function actorOf(
  db: Executor,
  networkId: string,
  accountId: string,
): Promise<Actor | undefined> {
  const account = await db
    .selectFrom('account')
    .select(['id', 'is_instance_admin'])
    .where('network_id', '=', networkId)
    .where('id', '=', accountId)
    .where('blocked_at', 'is', null)
    .executeTakeFirst();
  if (!account) return undefined;
  const roles = await db
    .selectFrom('membership')
    .select(['organisation_id', 'role'])
    .where('network_id', '=', networkId)
    .where('account_id', '=', accountId)
    .execute();
  return {
    accountId: account.id,
    isInstanceAdmin: account.is_instance_admin,
    blocked: false,
    roles: new Map(roles.map((r) => [r.organisation_id, r.role])),
  };
}
