import { sql } from 'kysely';
import type { MembershipRole } from '../db/schema.ts';
import type { Executor } from '../db/tx.ts';
import { forgetfulCache } from '../db/writeWatch.ts';
import type { Actor } from '../policies/actor.ts';
import { hashSecret, newSecret } from './tokens.ts';

export const sessionCookie = 'kp_session';
export const sessionDays = 30;

/**
 * Creates a session and returns the cookie value (the secret); the database keeps only its hash.
 * `assisted`: begun with a sign-in link an instance admin made (see `LoadedSession.assisted`);
 * `viaOidc`: begun at the OpenID provider (`LoadedSession.viaOidc`).
 */
export async function createSession(
  db: Executor,
  networkId: string,
  accountId: string,
  userAgent: string | undefined,
  { assisted = false, viaOidc = false } = {},
): Promise<{ secret: string; csrfToken: string }> {
  const secret = newSecret();
  const csrfToken = newSecret();
  await db
    .insertInto('session')
    .values({
      network_id: networkId,
      id: hashSecret(secret),
      account_id: accountId,
      csrf_token: csrfToken,
      user_agent: userAgent?.slice(0, 300) ?? null,
      assisted,
      via_oidc: viaOidc,
      expires_at: sql<Date>`now() + make_interval(days => ${sessionDays})`,
    })
    .execute();
  return { secret, csrfToken };
}

export interface LoadedSession {
  id: string;
  csrfToken: string;
  /**
   * Begun with a sign-in link that an instance admin made for the person: support circles stay
   * closed in it and it cannot set a password, so an admin's help never silently opens care data
   * or becomes a key of its own. Signing in oneself (password, emailed link) starts a full session.
   */
  assisted: boolean;
  /** begun at the OpenID provider: signing out offers to end the provider's session too */
  viaOidc: boolean;
  actor: Actor;
  account: { id: string; displayName: string; email: string; locale: 'de' | 'en' };
}

/**
 * Sessions loaded in the last second, by network and session id. Every signed-in request needs its
 * session, and a page sends several at once: without this, the lookup was one of the three database
 * round trips of a time-bank payment (docs/PERFORMANCE.md, "Transfers").
 *
 * Whatever changes what a session grants — a deleted session (sign-out, blocking, a new password), an
 * account's flags or names, a membership — empties the cache as soon as this process writes it
 * (forgetfulCache), and on PostgreSQL as soon as any other process's write commits (another app server, the
 * `admin` command line: db/writeWatch.ts, listenForWrites). So the only staleness left is one second for a
 * change that races a lookup right before its commit, or that comes while the listening connection is down.
 */
const recent = forgetfulCache<LoadedSession>({
  ms: 1000,
  max: 10_000,
  forgetOn: [
    [['session'], ['delete']],
    [
      ['account', 'membership'],
      ['insert', 'update', 'delete'],
    ],
  ],
});

/** Resolves a cookie to the account behind it, with roles; slides the expiry at most every 10 minutes. */
export async function loadSession(
  db: Executor,
  networkId: string,
  secret: string,
): Promise<LoadedSession | null> {
  const id = hashSecret(secret);
  const key = `${networkId}:${id}`;
  const known = recent.get(key);
  if (known) return known;
  const row = await db
    .selectFrom('session as s')
    .innerJoin('account as a', (j) =>
      j.onRef('a.network_id', '=', 's.network_id').onRef('a.id', '=', 's.account_id'),
    )
    .select([
      's.id',
      's.csrf_token',
      's.assisted',
      's.via_oidc',
      's.last_seen_at',
      's.expires_at',
      'a.id as account_id',
      'a.display_name',
      'a.email',
      'a.locale',
      'a.is_instance_admin',
      'a.blocked_at',
      // the roles in the same round trip: every signed-in request pays for this lookup
      sql<[string, MembershipRole][]>`coalesce((
        SELECT json_agg(json_build_array(m.organisation_id, m.role))
        FROM membership m WHERE m.network_id = s.network_id AND m.account_id = s.account_id
      ), '[]'::json)`.as('roles'),
    ])
    .where('s.network_id', '=', networkId)
    .where('s.id', '=', id)
    .where('s.expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst();
  if (!row || row.blocked_at) return null;
  if (Date.now() - row.last_seen_at.getTime() > 10 * 60_000) {
    await db
      .updateTable('session')
      .set({ last_seen_at: sql`now()`, expires_at: sql`now() + make_interval(days => ${sessionDays})` })
      .where('network_id', '=', networkId)
      .where('id', '=', id)
      .execute();
  }
  const session: LoadedSession = {
    id,
    csrfToken: row.csrf_token,
    assisted: row.assisted,
    viaOidc: row.via_oidc,
    actor: {
      accountId: row.account_id,
      isInstanceAdmin: row.is_instance_admin,
      blocked: false,
      roles: new Map(row.roles),
    },
    account: { id: row.account_id, displayName: row.display_name, email: row.email, locale: row.locale },
  };
  recent.set(key, session, row.expires_at.getTime());
  return session;
}

export async function deleteSession(db: Executor, networkId: string, sessionId: string): Promise<void> {
  await db.deleteFrom('session').where('network_id', '=', networkId).where('id', '=', sessionId).execute();
}

/** "Sign out everywhere", and what blocking a person does. */
export async function deleteAllSessions(db: Executor, networkId: string, accountId: string): Promise<number> {
  const r = await db
    .deleteFrom('session')
    .where('network_id', '=', networkId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
