import type { Static } from '@fastify/type-provider-typebox';
import { Type } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as client from 'openid-client';
import { accountForIdentity, type OidcIdentity } from '../../../auth/oidc/accountForIdentity.ts';
import { type OidcRefusal, OidcRefused, oidcProvider, refusalOf } from '../../../auth/oidc/provider.ts';
import { insertPendingSignIn, signInMinutes, takePendingSignIn } from '../../../auth/oidc/store.ts';
import { hashSecret, newSecret } from '../../../auth/tokens.ts';
import { clientIp } from '../../../http/context.ts';
import { notFound } from '../../../http/problem.ts';
import { problems } from '../../../http/schemas.ts';
import { audit } from '../../../platform/audit.ts';
import { signIn } from './index.ts';
import { ReturnPath } from './schema.ts';

/** The browser's half of a sign-in begun at the provider: a random secret, only for these routes. */
export const oidcCookie = 'kp_oidc';
const cookiePath = '/api/v1/session/oidc';

const StartQuery = Type.Object({ next: Type.Optional(ReturnPath) }, { additionalProperties: false });

/** What a provider sends back (RFC 6749 4.1.2, RFC 9207 `iss`); providers may add parameters of their own. */
const CallbackQuery = Type.Object({
  code: Type.Optional(Type.String({ maxLength: 2000 })),
  state: Type.Optional(Type.String({ maxLength: 500 })),
  iss: Type.Optional(Type.String({ maxLength: 500 })),
  error: Type.Optional(Type.String({ maxLength: 200 })),
  error_description: Type.Optional(Type.String({ maxLength: 2000 })),
});

const Redirect = Type.Null({
  description: 'See Other: the Location header says where the browser goes next',
});

/** The sign-in page, saying why (its texts: signIn.oidc.refused.<reason>) and where to go after. */
export function refusedPath(reason: OidcRefusal, returnTo?: string | null): string {
  const back = returnTo && returnTo !== '/' ? `&weiter=${encodeURIComponent(returnTo)}` : '';
  return `/anmelden?fehler=oidc.${reason}${back}`;
}

const trueClaim = (v: unknown) => v === true || v === 'true';
/** An address an account can have (the account table's CHECK, and a sane length); anything else counts as none. */
const address = (v: string | null) =>
  v && v.length <= 254 && /^[^@\s]+@[^@\s]+$/.test(v) ? v.toLowerCase() : null;
const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

/**
 * Sign-in with the OpenID provider of OIDC_ISSUER (authorization code flow with PKCE, `state` and
 * `nonce`), under /session/oidc. Both routes answer 404 when it is not configured.
 *
 * GET /start remembers the sign-in (the secret in a cookie for these routes only, its hash with
 * state, nonce and PKCE verifier in the database, so any app server can finish it) and sends the
 * browser to the provider. GET /callback is where the provider sends it back: the pending sign-in is
 * used up whatever happens next, the answer checked by openid-client, the identity matched to an
 * account (auth/oidc/accountForIdentity.ts) and a session started. Every refusal goes back to the
 * sign-in page with the reason, which the page words; each one and each sign-in is audited.
 *
 * GET /end is where the web client goes after signing out of a session begun at the provider: on to
 * the provider's end_session_endpoint (RP-initiated logout), which asks the person and comes back to
 * the start page; home at once when the provider has none or cannot be reached. It changes nothing
 * here (our session ends by DELETE /session, with its CSRF token).
 */
export async function oidcRoutes(app: FastifyInstance) {
  const { config: appConfig } = app.deps;
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;
  const provider = appConfig.oidc ? oidcProvider(appConfig.oidc, appConfig.publicUrl) : undefined;
  const secure = appConfig.trustProxy || appConfig.publicUrl.startsWith('https://');
  const tags = ['session'];

  /** Back to the sign-in page with the reason; audited without an actor (nobody is signed in). */
  async function refuse(req: FastifyRequest, reply: FastifyReply, error: unknown, returnTo: string | null) {
    const reason = refusalOf(error);
    if (reason === 'failed' || reason === 'unreachable')
      req.log.warn({ err: error }, `OpenID Connect sign-in refused: ${reason}`);
    await audit(db, {
      networkId,
      actorId: null,
      action: 'session.oidc_refused',
      entityType: 'account',
      entityId: null,
      details: { method: 'oidc', reason },
      ip: clientIp(req),
    });
    return reply.redirect(refusedPath(reason, returnTo), 303);
  }

  app.get<{ Querystring: Static<typeof StartQuery> }>(
    '/start',
    {
      schema: {
        tags,
        summary: 'Sign in with the OpenID provider: sends the browser there (404 when not configured)',
        querystring: StartQuery,
        response: { 303: Redirect, ...problems },
      },
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      if (!provider) throw notFound();
      const returnTo = req.query.next ?? null;
      let oidc: client.Configuration;
      try {
        oidc = await provider.client();
      } catch (error) {
        return refuse(req, reply, error, returnTo);
      }
      const secret = newSecret();
      const state = client.randomState();
      const nonce = client.randomNonce();
      const codeVerifier = client.randomPKCECodeVerifier();
      await insertPendingSignIn(db, networkId, {
        id: hashSecret(secret),
        state,
        nonce,
        codeVerifier,
        returnTo,
      });
      reply.setCookie(oidcCookie, secret, {
        path: cookiePath,
        httpOnly: true,
        // the provider's redirect back is a top-level GET from another site: Lax still sends it
        sameSite: 'lax',
        secure,
        maxAge: signInMinutes * 60,
      });
      const to = client.buildAuthorizationUrl(oidc, {
        redirect_uri: provider.redirectUri,
        scope: 'openid email profile',
        state,
        nonce,
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        ui_locales: req.locale,
      });
      return reply.redirect(to.href, 303);
    },
  );

  app.get<{ Querystring: Static<typeof CallbackQuery> }>(
    '/callback',
    {
      schema: {
        tags,
        summary:
          'Where the OpenID provider sends the browser back: signs in, or says why not (404 when not configured)',
        querystring: CallbackQuery,
        response: { 303: Redirect, ...problems },
      },
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      if (!provider) throw notFound();
      const secret = req.cookies[oidcCookie];
      reply.clearCookie(oidcCookie, { path: cookiePath });
      // used up before anything else: an answer is taken once, whatever becomes of it
      const pending = secret ? await takePendingSignIn(db, networkId, hashSecret(secret)) : undefined;
      if (!pending || req.query.state !== pending.state)
        return refuse(req, reply, new OidcRefused('state'), pending?.return_to ?? null);
      const returnTo = pending.return_to;
      let who: OidcIdentity;
      try {
        const oidc = await provider.client();
        const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
        const tokens = await client.authorizationCodeGrant(oidc, new URL(provider.redirectUri + query), {
          pkceCodeVerifier: pending.code_verifier,
          expectedState: pending.state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        });
        const idToken = tokens.claims();
        if (!idToken) throw new OidcRefused('failed');
        let claims: Record<string, unknown> = idToken;
        // many providers put the address only in userinfo
        if (claims[provider.config.emailClaim] === undefined && tokens.access_token)
          claims = { ...(await client.fetchUserInfo(oidc, tokens.access_token, idToken.sub)), ...idToken };
        who = {
          issuer: idToken.iss,
          subject: idToken.sub,
          email: address(text(claims[provider.config.emailClaim])),
          emailVerified: trueClaim(claims.email_verified),
          name: text(claims.name) ?? text(claims.preferred_username),
        };
      } catch (error) {
        return refuse(req, reply, error, returnTo);
      }
      let found: Awaited<ReturnType<typeof accountForIdentity>>;
      try {
        found = await accountForIdentity(db, who, { networkId, locale: req.locale, ip: clientIp(req) });
      } catch (error) {
        if (!(error instanceof OidcRefused)) throw error;
        return refuse(req, reply, error, returnTo);
      }
      await signIn(app, req, reply, found.accountId, { viaOidc: true });
      await audit(db, {
        networkId,
        actorId: found.accountId,
        action: 'session.created',
        entityType: 'account',
        entityId: found.accountId,
        details: { method: 'oidc', issuer: who.issuer },
        ip: clientIp(req),
      });
      return reply.redirect(returnTo ?? '/', 303);
    },
  );

  app.get(
    '/end',
    {
      schema: {
        tags,
        summary:
          'After signing out: end the session at the OpenID provider too, if it offers that (404 when not configured)',
        response: { 303: Redirect, ...problems },
      },
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      if (!provider) throw notFound();
      const home = `${appConfig.publicUrl}/`;
      let oidc: client.Configuration;
      try {
        oidc = await provider.client();
      } catch (error) {
        req.log.warn({ err: error }, 'OpenID provider unreachable at sign-out');
        return reply.redirect('/', 303);
      }
      if (!oidc.serverMetadata().end_session_endpoint) return reply.redirect('/', 303);
      const to = client.buildEndSessionUrl(oidc, {
        client_id: provider.config.clientId,
        post_logout_redirect_uri: home,
        ui_locales: req.locale,
      });
      return reply.redirect(to.href, 303);
    },
  );
}
