import type { Static } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { verifyPassword } from '../../../auth/passwords.ts';
import {
  createSession,
  deleteAllSessions,
  deleteSession,
  sessionCookie,
  sessionDays,
} from '../../../auth/sessions.ts';
import { clearFailures, countAttempt, takeBackAttempt } from '../../../auth/throttle.ts';
import { hashSecret, newSecret } from '../../../auth/tokens.ts';
import { type Executor, executeTx } from '../../../db/tx.ts';
import { clientIp, requireAccount } from '../../../http/context.ts';
import { Problem } from '../../../http/problem.ts';
import { NoContent, problems } from '../../../http/schemas.ts';
import { t } from '../../../i18n/messages.ts';
import { audit } from '../../../platform/audit.ts';
import { sendMail } from '../../../platform/mail.ts';
import { anonymous } from '../../../policies/actor.ts';
import { networkAbilities } from '../../../policies/network.ts';
import {
  findAccountByEmail,
  findAccountStatus,
  findSessionAccount,
  markEmailVerified,
  membershipsOf,
  normaliseEmail,
} from '../../../repositories/accounts.ts';
import { insertLoginToken, useLoginToken } from '../../../repositories/oneTimeTokens.ts';
import { presentMembership } from '../organisations/index.ts';
import { openAccount } from './register.ts';
import { LinkRedeem, LinkRequest, PasswordLogin, SessionView } from './schema.ts';

export const loginLinkMinutes = 60;

/**
 * Stores a one-time sign-in token for the account and returns its secret (only the hash is kept).
 * Used by the emailed link and by `npm run admin -- create`. `assisted`: made by an instance admin
 * (`createdBy`, null for the command line) for someone else; its session is assisted
 * (LoadedSession.assisted).
 */
export async function createLoginToken(
  db: Executor,
  networkId: string,
  account: { id: string; email: string },
  minutes = loginLinkMinutes,
  { assisted = false, createdBy = null as string | null } = {},
): Promise<{ token: string; createdAt: Date; expiresAt: Date }> {
  const token = newSecret();
  const row = await insertLoginToken(db, networkId, {
    tokenHash: hashSecret(token),
    assisted,
    account,
    createdBy,
    minutes,
  });
  return { token, createdAt: row.created_at, expiresAt: row.expires_at };
}

/** The web page that redeems a sign-in token; the token sits in the fragment so it never reaches logs. */
export function loginLink(publicUrl: string, token: string, next?: string): string {
  const back = next && next !== '/' ? `?weiter=${encodeURIComponent(next)}` : '';
  return `${publicUrl}/anmelden/link${back}#${token}`;
}

/** Sets the session cookie: HttpOnly, SameSite=Lax, Secure behind TLS. */
export function setSessionCookie(app: FastifyInstance, reply: FastifyReply, secret: string) {
  reply.setCookie(sessionCookie, secret, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: app.deps.config.trustProxy || app.deps.config.publicUrl.startsWith('https://'),
    maxAge: sessionDays * 24 * 3600,
  });
}

/** Starts a fresh session for the account (a new id at every sign-in) and sets the cookie. */
export async function signIn(
  app: FastifyInstance,
  req: FastifyRequest,
  reply: FastifyReply,
  accountId: string,
  { assisted = false, viaOidc = false } = {},
) {
  const networkId = app.deps.network.id;
  if (req.session) await deleteSession(app.deps.db.db, networkId, req.session.id);
  const s = await createSession(app.deps.db.db, networkId, accountId, req.headers['user-agent'], {
    assisted,
    viaOidc,
  });
  setSessionCookie(app, reply, s.secret);
  return s;
}

export async function sessionRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;

  /** The session as the client sees it; abilities come from the account's own row and memberships. */
  async function view(accountId: string | null, csrfToken: string | null, assisted = false, viaOidc = false) {
    const { oidc } = app.deps.config;
    const network = {
      ...app.deps.network,
      sendsEmail: Boolean(app.deps.config.smtpUrl),
      oidc: oidc ? { label: oidc.label } : null,
    };
    if (!accountId)
      return {
        network,
        account: null,
        csrfToken: null,
        assisted: false,
        viaOidc: false,
        abilities: networkAbilities(anonymous),
      };
    const a = await findSessionAccount(db, networkId, accountId);
    const memberships = await membershipsOf(db, networkId, accountId);
    const actor = {
      accountId: a.id,
      isInstanceAdmin: a.is_instance_admin,
      blocked: false,
      roles: new Map(memberships.map((m) => [m.id, m.role])),
    };
    return {
      network,
      csrfToken,
      assisted,
      viaOidc,
      abilities: networkAbilities(actor),
      account: {
        id: a.id,
        displayName: a.display_name,
        email: a.email,
        locale: a.locale,
        plainLanguage: a.plain_language,
        isInstanceAdmin: a.is_instance_admin,
        memberships: memberships.map(presentMembership),
      },
    };
  }

  app.get(
    '/',
    {
      schema: {
        tags: ['session'],
        summary: 'Who is signed in, with the CSRF token and abilities',
        response: { 200: SessionView },
      },
    },
    async (req) =>
      view(
        req.session?.account.id ?? null,
        req.session?.csrfToken ?? null,
        req.session?.assisted ?? false,
        req.session?.viaOidc ?? false,
      ),
  );

  app.post<{ Body: Static<typeof PasswordLogin> }>(
    '/',
    {
      schema: {
        tags: ['session'],
        summary: 'Sign in with email and password',
        body: PasswordLogin,
        response: { 200: SessionView, ...problems },
      },
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const email = normaliseEmail(req.body.email);
      const ip = clientIp(req);
      // Counted before the password is checked, so parallel attempts cannot slip past the limit; up
      // to the 401 every email takes the same path: one argon2 verification (a dummy hash when there
      // is no account or no password), nothing recorded after it.
      if (!(await countAttempt(db, networkId, email, ip))) throw new Problem(429, 'auth.throttled');
      const account = await findAccountByEmail(db, networkId, email);
      const ok = await verifyPassword(account?.password_hash ?? null, req.body.password);
      if (!account || !ok) throw new Problem(401, 'auth.invalid_credentials');
      // the right password was no failure; only it learns that the account is blocked
      await takeBackAttempt(db, networkId, email, ip);
      if (account.blocked_at) throw new Problem(403, 'auth.blocked');
      await clearFailures(db, networkId, email);
      const s = await signIn(app, req, reply, account.id);
      await audit(db, {
        networkId,
        actorId: account.id,
        action: 'session.created',
        entityType: 'account',
        entityId: account.id,
        details: { method: 'password' },
        ip,
      });
      return view(account.id, s.csrfToken);
    },
  );

  app.delete(
    '/',
    { schema: { tags: ['session'], summary: 'Sign out', response: { 204: NoContent } } },
    async (req, reply) => {
      if (req.session) await deleteSession(db, networkId, req.session.id);
      reply.clearCookie(sessionCookie, { path: '/' });
      return reply.code(204).send();
    },
  );

  app.post(
    '/sign-out-everywhere',
    {
      schema: {
        tags: ['session'],
        summary: 'End every session of the signed-in account',
        response: { 204: NoContent, ...problems },
      },
    },
    async (req, reply) => {
      const accountId = requireAccount(req);
      await deleteAllSessions(db, networkId, accountId);
      await audit(db, {
        networkId,
        actorId: accountId,
        action: 'session.all_ended',
        entityType: 'account',
        entityId: accountId,
        ip: clientIp(req),
      });
      reply.clearCookie(sessionCookie, { path: '/' });
      return reply.code(204).send();
    },
  );

  app.post<{ Body: Static<typeof LinkRequest> }>(
    '/link',
    {
      schema: {
        tags: ['session'],
        summary: 'Email a one-time sign-in link (answers the same whether or not the address has an account)',
        body: LinkRequest,
        response: { 202: NoContent, ...problems },
      },
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const email = normaliseEmail(req.body.email);
      const ip = clientIp(req);
      // Counted (and committed) before the account is looked up, whether or not it exists, so link
      // requests cannot flood a mailbox and the time the mail takes cannot widen the limit.
      if (!(await countAttempt(db, networkId, email, ip, 'link'))) throw new Problem(429, 'auth.throttled');
      await executeTx(db, async (tx) => {
        const account = await findAccountByEmail(tx, networkId, email);
        if (!account || account.blocked_at) return;
        const { token } = await createLoginToken(tx, networkId, { id: account.id, email });
        const link = loginLink(app.deps.config.publicUrl, token, req.body.next);
        const params = {
          name: account.display_name,
          network: app.deps.network.name,
          minutes: loginLinkMinutes,
          link,
        };
        await sendMail(
          tx,
          {
            networkId,
            to: email,
            subject: t(account.locale, 'email.login.subject', params),
            text: t(account.locale, 'email.login.body', params),
            secrets: [token],
          },
          Boolean(app.deps.config.smtpUrl),
        );
      });
      return reply.code(202).send();
    },
  );

  app.post<{ Body: Static<typeof LinkRedeem> }>(
    '/link/redeem',
    {
      schema: {
        tags: ['session'],
        summary: 'Sign in with the token from an emailed link, or from an admin’s sign-in link (once)',
        body: LinkRedeem,
        response: { 200: SessionView, ...problems },
      },
    },
    async (req, reply) => {
      const tokenHash = hashSecret(req.body.token);
      const used = await executeTx(db, async (tx) => {
        const token = await useLoginToken(tx, networkId, tokenHash);
        // a registration's link opens the account, in the same transaction that uses it up
        if (token?.purpose === 'registration')
          return { ...token, ...(await openAccount(tx, networkId, token, req)) };
        return token;
      });
      if (!used?.account_id) throw new Problem(400, 'auth.link_invalid');
      const account = await findAccountStatus(db, networkId, used.account_id);
      if (!account || account.blocked_at) throw new Problem(400, 'auth.link_invalid');
      // An admin's link proves neither the email address nor that the person is at the keyboard:
      // the address stays unverified and their failed sign-ins stay counted.
      const assisted = used.purpose === 'assisted_login';
      if (!assisted) {
        await markEmailVerified(db, networkId, account.id);
        await clearFailures(db, networkId, used.email);
      }
      const s = await signIn(app, req, reply, account.id, { assisted });
      await audit(db, {
        networkId,
        actorId: account.id,
        action: 'session.created',
        entityType: 'account',
        entityId: account.id,
        details: { method: assisted ? 'assisted_link' : 'link' },
        ip: clientIp(req),
      });
      return view(account.id, s.csrfToken, assisted);
    },
  );
}
