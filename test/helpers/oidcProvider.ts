import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** Who the test provider signs in at its next login: whoever the test sets. */
export interface TestIdentity {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** the identity the next login at the provider is made as; `deny` makes the person cancel instead */
  next: TestIdentity | 'deny';
  close(): Promise<void>;
}

/**
 * A real OpenID provider (oidc-provider, certified) on loopback for the sign-in tests: one
 * confidential client whose redirect URI is the app's callback, and an interaction that logs in
 * and consents at once as `next` — no form, so a test drives the whole flow with plain HTTP.
 */
export async function startTestProvider(redirectUri: string): Promise<TestProvider> {
  const clientId = 'knotenpunkt-test';
  const clientSecret = 'a-test-client-secret-that-is-long-enough';
  const identities = new Map<string, TestIdentity>();
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const oidc = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        post_logout_redirect_uris: [new URL('/', redirectUri).href],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    features: { devInteractions: { enabled: false } },
    cookies: { keys: ['test-provider-cookie-key'] },
    async findAccount(_ctx, sub) {
      const who = identities.get(sub);
      if (!who) return undefined;
      return { accountId: sub, claims: async () => ({ ...who }) };
    },
  });
  const provider: TestProvider = {
    issuer,
    clientId,
    clientSecret,
    next: { sub: 'nobody' },
    /** stops answering at once, open connections too (again: nothing) */
    close: () =>
      new Promise((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  const callback = oidc.callback();
  server.on('request', async (req, res) => {
    if (!req.url?.startsWith('/interaction/')) return callback(req, res);
    try {
      const details = await oidc.interactionDetails(req, res);
      const who = provider.next;
      if (who === 'deny') {
        await oidc.interactionFinished(req, res, {
          error: 'access_denied',
          error_description: 'End-User aborted interaction',
        });
        return;
      }
      identities.set(who.sub, who);
      const grant = new oidc.Grant({ accountId: who.sub, clientId: String(details.params.client_id) });
      grant.addOIDCScope(String(details.params.scope));
      const grantId = await grant.save();
      await oidc.interactionFinished(
        req,
        res,
        { login: { accountId: who.sub }, consent: { grantId } },
        { mergeWithLastSubmission: false },
      );
    } catch (error) {
      res.statusCode = 500;
      res.end(String(error));
    }
  });
  return provider;
}
