import { type Kysely, sql } from 'kysely';

/**
 * ActivityPub federation of public content (server/interop/activitypub). Local actors are the
 * network's organisations and open communities; nothing here names a person.
 *
 * - ap_kv: Fedify's key–value store (caches, idempotence), one row per key, with an optional expiry.
 * - ap_key_pair: an actor's signing keys (JWK), made the first time the actor is asked for. The
 *   actor is an organisation or a community (their ids are uuids, so one column holds either).
 * - ap_follower: remote actors following one of ours (their inboxes get our activities).
 * - ap_published: what we have sent as Create, so a change is an Update and a withdrawal a Delete.
 * - remote_actor / ap_following: remote groups and organisations one of ours follows (pending until
 *   the other side accepts).
 * - remote_event / remote_post: public events and articles received from the followed, moderated
 *   like everything else (flags and hidden_content, entity types 'remote_event' and 'remote_post').
 *   Dropping a remote actor drops its content.
 * - ap_blocked_domain: an instance the admin blocked: its activities are dropped, its content hidden.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE ap_kv (
      network_id uuid NOT NULL REFERENCES network(id) ON DELETE CASCADE,
      key text NOT NULL CHECK (length(key) <= 2000),
      value jsonb NOT NULL,
      expires_at timestamptz,
      PRIMARY KEY (network_id, key)
    );
    CREATE INDEX ap_kv_expires ON ap_kv (expires_at) WHERE expires_at IS NOT NULL;

    CREATE TABLE ap_key_pair (
      network_id uuid NOT NULL REFERENCES network(id) ON DELETE CASCADE,
      actor_id uuid NOT NULL,
      public_jwk jsonb NOT NULL,
      private_jwk jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, actor_id)
    );

    CREATE TABLE ap_follower (
      network_id uuid NOT NULL REFERENCES network(id) ON DELETE CASCADE,
      actor_id uuid NOT NULL,
      follower_uri text NOT NULL CHECK (length(follower_uri) <= 2000),
      inbox text NOT NULL CHECK (length(inbox) <= 2000),
      shared_inbox text CHECK (length(shared_inbox) <= 2000),
      domain text NOT NULL CHECK (length(domain) <= 300),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, actor_id, follower_uri)
    );

    CREATE TABLE ap_published (
      network_id uuid NOT NULL REFERENCES network(id) ON DELETE CASCADE,
      object_kind text NOT NULL CHECK (object_kind IN ('event', 'news')),
      object_id uuid NOT NULL,
      actor_id uuid NOT NULL,
      sent_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, object_kind, object_id)
    );

    CREATE TABLE ap_blocked_domain (
      network_id uuid NOT NULL REFERENCES network(id) ON DELETE CASCADE,
      domain text NOT NULL CHECK (length(domain) BETWEEN 1 AND 300 AND domain = lower(domain)),
      blocked_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, domain)
    );

    CREATE TABLE remote_actor (
      network_id uuid NOT NULL REFERENCES network(id) ON DELETE CASCADE,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      uri text NOT NULL CHECK (length(uri) <= 2000),
      domain text NOT NULL CHECK (length(domain) <= 300),
      handle text NOT NULL DEFAULT '' CHECK (length(handle) <= 400),
      name text NOT NULL DEFAULT '' CHECK (length(name) <= 300),
      url text CHECK (length(url) <= 2000),
      inbox text NOT NULL CHECK (length(inbox) <= 2000),
      shared_inbox text CHECK (length(shared_inbox) <= 2000),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      UNIQUE (network_id, uri)
    );

    CREATE TABLE ap_following (
      network_id uuid NOT NULL REFERENCES network(id) ON DELETE CASCADE,
      actor_id uuid NOT NULL,
      remote_actor_id uuid NOT NULL,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted')),
      follow_uri text NOT NULL CHECK (length(follow_uri) <= 2000),
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, actor_id, remote_actor_id),
      FOREIGN KEY (network_id, remote_actor_id) REFERENCES remote_actor (network_id, id) ON DELETE CASCADE
    );

    CREATE TABLE remote_event (
      network_id uuid NOT NULL REFERENCES network(id) ON DELETE CASCADE,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      remote_actor_id uuid NOT NULL,
      uri text NOT NULL CHECK (length(uri) <= 2000),
      url text CHECK (length(url) <= 2000),
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
      summary text NOT NULL DEFAULT '' CHECK (length(summary) <= 5000),
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL CHECK (ends_at >= starts_at),
      venue text NOT NULL DEFAULT '' CHECK (length(venue) <= 300),
      received_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      UNIQUE (network_id, uri),
      FOREIGN KEY (network_id, remote_actor_id) REFERENCES remote_actor (network_id, id) ON DELETE CASCADE
    );
    CREATE INDEX remote_event_starts ON remote_event (network_id, starts_at);

    CREATE TABLE remote_post (
      network_id uuid NOT NULL REFERENCES network(id) ON DELETE CASCADE,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      remote_actor_id uuid NOT NULL,
      uri text NOT NULL CHECK (length(uri) <= 2000),
      url text CHECK (length(url) <= 2000),
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
      summary text NOT NULL DEFAULT '' CHECK (length(summary) <= 5000),
      published_at timestamptz NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      UNIQUE (network_id, uri),
      FOREIGN KEY (network_id, remote_actor_id) REFERENCES remote_actor (network_id, id) ON DELETE CASCADE
    );
    CREATE INDEX remote_post_published ON remote_post (network_id, published_at DESC);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE remote_post; DROP TABLE remote_event; DROP TABLE ap_following; DROP TABLE remote_actor;
    DROP TABLE ap_blocked_domain; DROP TABLE ap_published; DROP TABLE ap_follower; DROP TABLE ap_key_pair;
    DROP TABLE ap_kv;
  `.execute(db);
}
