import { type Kysely, sql } from 'kysely';

/**
 * Sign-in with an OpenID Connect provider (server/auth/oidc).
 *
 * - `account_oidc_link`: which identity at a provider (issuer + subject, the pair OpenID Connect
 *   promises never to reassign) signs into which account. One identity signs into one account of a
 *   network (the key), and an account has at most one identity per issuer: when the provider gives
 *   an address to a second person, that person's verified email does not open the first one's
 *   account.
 * - `oidc_sign_in`: a sign-in begun and not yet come back. The browser holds a random secret in a
 *   short-lived cookie; the row, keyed by its hash, holds the `state`, `nonce` and PKCE verifier,
 *   so any app server can finish the sign-in and each row is used up once (deleted).
 * - `session.via_oidc`: the session began at the provider, so signing out may end the provider's
 *   session too (RP-initiated logout).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE account_oidc_link (
      network_id uuid NOT NULL,
      issuer text NOT NULL CHECK (length(issuer) BETWEEN 1 AND 500),
      subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 255),
      account_id uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_sign_in_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, issuer, subject),
      UNIQUE (network_id, account_id, issuer),
      FOREIGN KEY (network_id, account_id) REFERENCES account(network_id, id) ON DELETE CASCADE
    );

    CREATE TABLE oidc_sign_in (
      network_id uuid NOT NULL REFERENCES network(id) ON DELETE CASCADE,
      id text NOT NULL,
      state text NOT NULL CHECK (length(state) BETWEEN 20 AND 100),
      nonce text NOT NULL CHECK (length(nonce) BETWEEN 20 AND 100),
      code_verifier text NOT NULL CHECK (length(code_verifier) BETWEEN 43 AND 128),
      return_to text CHECK (length(return_to) <= 300),
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      PRIMARY KEY (network_id, id)
    );
    CREATE INDEX oidc_sign_in_expiry ON oidc_sign_in (network_id, expires_at);

    ALTER TABLE session ADD COLUMN via_oidc boolean NOT NULL DEFAULT false;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE session DROP COLUMN IF EXISTS via_oidc;
    DROP TABLE IF EXISTS oidc_sign_in;
    DROP TABLE IF EXISTS account_oidc_link;
  `.execute(db);
}
