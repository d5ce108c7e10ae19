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
    /** when the request arrived: milliseconds since the epoch, with the fraction the clock gives */
    arrivedAt: number;
  }
}

/**
 * Notes when each request arrived, before any other hook and anything that may wait (a pooled
 * connection, the session lookup, a lock): where requests queue for something — a waitlist
 * (platform/capacity.ts) — this, not the moment their write reaches the database, is their place.
 */
export function stampArrival(app: FastifyInstance) {
  app.decorateRequest('arrivedAt', 0);
  app.addHook('onRequest', (req, _reply, done) => {
    req.arrivedAt = performance.timeOrigin + performance.now();
    done();
  });
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

  // Synchronous: only a request to the API with a session cookie waits (for its session); every other
  // one goes on without a promise and a turn of the event loop (issue #18).
  app.addHook('onRequest', (req, _reply, done) => {
    req.actor = anonymous;
    const language = req.headers['accept-language'];
    req.locale = negotiateLocale(language);
    const secret = req.url.startsWith('/api/') ? req.cookies[sessionCookie] : undefined;
    if (!secret) {
      done();
      return;
    }
    loadSession(app.deps.db.db, app.deps.network.id, secret).then((session) => {
      if (!session) {
        done();
        return;
      }
      req.session = session;
      req.actor = session.actor;
      if (!language) req.locale = session.account.locale;
      if (unsafeMethods.has(req.method) && req.headers[csrfHeader] !== session.csrfToken) {
        done(new Problem(403, 'csrf'));
        return;
      }
      done();
    }, done);
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
  /** when the request arrived (stampArrival): a place in a queue is taken by it */
  arrivedAt?: number;
}

/** The command context of a request: the signed-in account (or a 401), where from, in which language, since when. */
export function commandContext(req: FastifyRequest, networkId: string): CommandContext {
  return {
    networkId,
    actor: req.actor,
    actorId: requireAccount(req),
    ip: clientIp(req),
    locale: req.locale,
    arrivedAt: req.arrivedAt,
  };
}

export type Reply = FastifyReply;
