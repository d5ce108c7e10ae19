import { sql } from 'kysely';
import type { Executor } from '../db/tx.ts';

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
