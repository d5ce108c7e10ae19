import * as client from 'openid-client';
import type { OidcConfig } from '../../config.ts';

/**
 * The one OpenID provider this installation signs people in with (OIDC_ISSUER …), through
 * `openid-client` (a certified relying-party library): its metadata read once from the discovery
 * document and kept, or read again on the next sign-in when the provider could not be reached.
 */
export interface OidcProvider {
  config: OidcConfig;
  /** The provider's metadata and our client at it; rejects when the provider cannot be reached. */
  client(): Promise<client.Configuration>;
  /** Where the provider sends people back: registered at the provider as the redirect URI. */
  redirectUri: string;
}

/** Seconds to wait for the provider on each request (discovery, token, userinfo). */
const timeoutSeconds = 10;

export function oidcProvider(config: OidcConfig, publicUrl: string): OidcProvider {
  let discovered: Promise<client.Configuration> | undefined;
  return {
    config,
    redirectUri: `${publicUrl}/api/v1/session/oidc/callback`,
    client() {
      discovered ??= client
        .discovery(
          new URL(config.issuer),
          config.clientId,
          config.clientSecret,
          client.ClientSecretPost(config.clientSecret),
          {
            timeout: timeoutSeconds,
            // plain http only where config.ts allows it: a provider on this machine's loopback
            execute: new URL(config.issuer).protocol === 'http:' ? [client.allowInsecureRequests] : [],
          },
        )
        .catch((error: unknown) => {
          discovered = undefined;
          throw error;
        });
      return discovered;
    },
  };
}

/** Why a sign-in at the provider was refused; the sign-in page words each (signIn.oidc.refused.*). */
export type OidcRefusal =
  /** no sign-in of this browser waits for this answer: `state` missing or wrong, expired, used */
  | 'state'
  /** the provider would not exchange the code: used before (a replay) or expired */
  | 'code'
  /** the provider sent no email address, or one it has not verified */
  | 'unverified'
  /** the person cancelled or the provider refused (an `error` in the answer) */
  | 'denied'
  /** the provider did not answer, or answered with a server error */
  | 'unreachable'
  /** the answer did not check out (signature, nonce, issuer …) */
  | 'failed'
  /** the account is blocked */
  | 'blocked'
  /** the account with this address is linked to another identity at the same provider */
  | 'other_identity';

export const oidcRefusals: readonly OidcRefusal[] = [
  'state',
  'code',
  'unverified',
  'denied',
  'unreachable',
  'failed',
  'blocked',
  'other_identity',
];

export class OidcRefused extends Error {
  readonly reason: OidcRefusal;
  constructor(reason: OidcRefusal, options?: { cause?: unknown }) {
    super(`OpenID Connect sign-in refused: ${reason}`, options);
    this.reason = reason;
  }
}

function isUnreachable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'TimeoutError' || error.name === 'AbortError') return true;
  return error instanceof TypeError && error.message === 'fetch failed';
}

/** What a failure of the library or the network means to the person. */
export function refusalOf(error: unknown): OidcRefusal {
  if (error instanceof OidcRefused) return error.reason;
  if (error instanceof client.AuthorizationResponseError) return 'denied';
  if (error instanceof client.ResponseBodyError) {
    if (error.error === 'invalid_grant') return 'code';
    return error.status >= 500 ? 'unreachable' : 'failed';
  }
  if (error instanceof client.ClientError) {
    const cause = (error as { cause?: unknown }).cause;
    if (cause instanceof Response && cause.status >= 500) return 'unreachable';
    return isUnreachable(cause) ? 'unreachable' : 'failed';
  }
  return isUnreachable(error) ? 'unreachable' : 'failed';
}
