import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type LoadedSession, loadSession, sessionCookie } from '../auth/sessions.ts';
import { type Locale, negotiateLocale } from '../i18n/messages.ts';
import { type Actor, anonymous, isSignedIn } from '../policies/actor.ts';
import { Problem, unauthenticated } from './problem.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    session: LoadedSession | null;
    locale: Locale;
  }
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const csrfHeader = 'x-csrf-token';

/**
 * Per request: who is asking (session cookie → actor), in which language to answer, and CSRF.
 * A mutating request that carries a session must also carry that session's CSRF token in a
 * header, which another site cannot read or set.
 */
export function registerRequestContext(app: FastifyInstance) {
  app.decorateRequest('actor', null as unknown as Actor);
  app.decorateRequest('session', null);
  app.decorateRequest('locale', 'de');

  app.addHook('onRequest', async (req) => {
    req.actor = anonymous;
    req.locale = negotiateLocale(req.headers['accept-language']);
    if (!req.url.startsWith('/api/')) return;
    const secret = req.cookies[sessionCookie];
    if (!secret) return;
    const session = await loadSession(app.deps.db.db, app.deps.network.id, secret);
    if (!session) return;
    req.session = session;
    req.actor = session.actor;
    if (!req.headers['accept-language']) req.locale = session.account.locale;
    if (unsafeMethods.has(req.method) && req.headers[csrfHeader] !== session.csrfToken) {
      throw new Problem(403, 'csrf');
    }
  });
}

/** The signed-in account's id, or a 401. */
export function requireAccount(req: FastifyRequest): string {
  if (!isSignedIn(req.actor)) throw unauthenticated();
  return req.actor.accountId;
}

export function clientIp(req: FastifyRequest): string {
  return req.ip;
}

/** Who does what a command does, for its policy checks and its audit row; requires a signed-in account (401). */
export interface CommandContext {
  networkId: string;
  actor: Actor;
  actorId: string;
  ip: string;
  locale: Locale;
}

/** The command context of a request: the signed-in account (or a 401), where from, in which language. */
export function commandContext(req: FastifyRequest, networkId: string): CommandContext {
  return { networkId, actor: req.actor, actorId: requireAccount(req), ip: clientIp(req), locale: req.locale };
}

export type Reply = FastifyReply;
