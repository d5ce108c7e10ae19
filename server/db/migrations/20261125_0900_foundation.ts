import { type Kysely, sql } from 'kysely';

/**
 * Foundation: the tenant (network), people, organisations, places and the platform services.
 * Every table carries network_id and every key includes it, so the schema can later be
 * distributed by tenant (Citus) without change.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE EXTENSION IF NOT EXISTS btree_gist;
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    CREATE EXTENSION IF NOT EXISTS cube;
    CREATE EXTENSION IF NOT EXISTS earthdistance;

    CREATE TABLE network (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9-]{2,40}$'),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
      settings jsonb NOT NULL DEFAULT '{}'::jsonb,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE district (
      network_id uuid NOT NULL REFERENCES network(id) ON DELETE CASCADE,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      slug text NOT NULL CHECK (slug ~ '^[a-z0-9-]{1,60}$'),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
      boundary jsonb,
      center_lat double precision CHECK (center_lat BETWEEN -90 AND 90),
      center_lng double precision CHECK (center_lng BETWEEN -180 AND 180),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      UNIQUE (network_id, slug)
    );

    CREATE TABLE account (
      network_id uuid NOT NULL REFERENCES network(id) ON DELETE CASCADE,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      email text NOT NULL CHECK (email = lower(email) AND email LIKE '%_@_%'),
      display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 80),
      password_hash text,
      locale text NOT NULL DEFAULT 'de' CHECK (locale IN ('de', 'en')),
      is_instance_admin boolean NOT NULL DEFAULT false,
      blocked_at timestamptz,
      blocked_reason text,
      email_verified_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      UNIQUE (network_id, email)
    );

    CREATE TABLE profile (
      network_id uuid NOT NULL,
      account_id uuid NOT NULL,
      bio text NOT NULL DEFAULT '' CHECK (length(bio) <= 2000),
      skills text[] NOT NULL DEFAULT '{}',
      interests text[] NOT NULL DEFAULT '{}',
      languages text[] NOT NULL DEFAULT '{}',
      availability jsonb NOT NULL DEFAULT '[]'::jsonb,
      district_ids uuid[] NOT NULL DEFAULT '{}',
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, account_id),
      FOREIGN KEY (network_id, account_id) REFERENCES account(network_id, id) ON DELETE CASCADE
    );

    CREATE TABLE organisation (
      network_id uuid NOT NULL REFERENCES network(id) ON DELETE CASCADE,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      slug text NOT NULL CHECK (slug ~ '^[a-z0-9-]{2,60}$'),
      name text NOT NULL CHECK (length(name) BETWEEN 2 AND 120),
      kind text NOT NULL CHECK (kind IN ('association', 'charity', 'company', 'public_body', 'cooperative', 'initiative', 'other')),
      sector text NOT NULL CHECK (sector IN ('social_service', 'civil_society', 'business', 'public', 'education', 'health', 'faith', 'other')),
      description text NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
      website text CHECK (website IS NULL OR website ~ '^https?://'),
      email text,
      phone text,
      address text,
      district_id uuid,
      lat double precision CHECK (lat BETWEEN -90 AND 90),
      lng double precision CHECK (lng BETWEEN -180 AND 180),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      UNIQUE (network_id, slug),
      FOREIGN KEY (network_id, district_id) REFERENCES district(network_id, id) ON DELETE SET NULL (district_id)
    );

    CREATE TABLE membership (
      network_id uuid NOT NULL,
      organisation_id uuid NOT NULL,
      account_id uuid NOT NULL,
      role text NOT NULL CHECK (role IN ('admin', 'staff', 'volunteer')),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, organisation_id, account_id),
      FOREIGN KEY (network_id, organisation_id) REFERENCES organisation(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, account_id) REFERENCES account(network_id, id) ON DELETE CASCADE
    );
    CREATE INDEX membership_account ON membership (network_id, account_id);

    -- Sessions live in the database so app servers stay stateless. id is a SHA-256 of the cookie value.
    CREATE TABLE session (
      network_id uuid NOT NULL,
      id text NOT NULL,
      account_id uuid NOT NULL,
      csrf_token text NOT NULL,
      user_agent text,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, account_id) REFERENCES account(network_id, id) ON DELETE CASCADE
    );
    CREATE INDEX session_account ON session (network_id, account_id);

    -- One-time tokens: sign-in links and invitations. Only a hash is stored.
    CREATE TABLE one_time_token (
      network_id uuid NOT NULL,
      token_hash text NOT NULL,
      purpose text NOT NULL CHECK (purpose IN ('login', 'invitation')),
      account_id uuid,
      email text NOT NULL,
      organisation_id uuid,
      role text CHECK (role IS NULL OR role IN ('admin', 'staff', 'volunteer')),
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      revoked_at timestamptz,
      PRIMARY KEY (network_id, token_hash),
      FOREIGN KEY (network_id, account_id) REFERENCES account(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, organisation_id) REFERENCES organisation(network_id, id) ON DELETE CASCADE
    );
    CREATE INDEX one_time_token_org ON one_time_token (network_id, organisation_id) WHERE purpose = 'invitation';

    -- Failed sign-ins by key (email and client address) for throttling; pruned by a job.
    CREATE TABLE auth_failure (
      network_id uuid NOT NULL REFERENCES network(id) ON DELETE CASCADE,
      key text NOT NULL,
      at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX auth_failure_key ON auth_failure (network_id, key, at);

    -- Every email goes through the outbox first: a message is never dropped silently.
    CREATE TABLE outbox_email (
      network_id uuid NOT NULL REFERENCES network(id) ON DELETE CASCADE,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      to_address text NOT NULL,
      subject text NOT NULL,
      body_text text NOT NULL,
      status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed', 'held')),
      attempts integer NOT NULL DEFAULT 0,
      last_error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz,
      PRIMARY KEY (network_id, id)
    );
    CREATE INDEX outbox_email_created ON outbox_email (network_id, created_at DESC);

    CREATE TABLE notification (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      account_id uuid NOT NULL,
      kind text NOT NULL,
      params jsonb NOT NULL DEFAULT '{}'::jsonb,
      link text,
      created_at timestamptz NOT NULL DEFAULT now(),
      read_at timestamptz,
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, account_id) REFERENCES account(network_id, id) ON DELETE CASCADE
    );
    CREATE INDEX notification_account ON notification (network_id, account_id, created_at DESC);

    -- Append-only: who did (or read) what to which record.
    CREATE TABLE audit_log (
      network_id uuid NOT NULL REFERENCES network(id) ON DELETE CASCADE,
      id bigint GENERATED ALWAYS AS IDENTITY,
      actor_id uuid,
      action text NOT NULL,
      entity_type text NOT NULL,
      entity_id text,
      details jsonb NOT NULL DEFAULT '{}'::jsonb,
      ip text,
      at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id)
    );
    CREATE INDEX audit_log_entity ON audit_log (network_id, entity_type, entity_id, at DESC);
    CREATE FUNCTION forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
    END $$;
    CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION forbid_change();

    -- Public content of every area, indexed for German and English full-text search.
    CREATE TABLE search_document (
      network_id uuid NOT NULL REFERENCES network(id) ON DELETE CASCADE,
      entity_type text NOT NULL,
      entity_id uuid NOT NULL,
      title text NOT NULL,
      body text NOT NULL DEFAULT '',
      link text NOT NULL,
      hidden boolean NOT NULL DEFAULT false,
      updated_at timestamptz NOT NULL DEFAULT now(),
      tsv tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('german', title), 'A') || setweight(to_tsvector('english', title), 'A') ||
        setweight(to_tsvector('german', body), 'B') || setweight(to_tsvector('english', body), 'B')
      ) STORED,
      PRIMARY KEY (network_id, entity_type, entity_id)
    );
    CREATE INDEX search_document_tsv ON search_document USING gin (tsv);
    CREATE INDEX search_document_title_trgm ON search_document USING gin (title gin_trgm_ops);

    CREATE TABLE flag (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      entity_type text NOT NULL,
      entity_id uuid NOT NULL,
      reporter_id uuid NOT NULL,
      reason text NOT NULL CHECK (reason IN ('spam', 'abuse', 'privacy', 'illegal', 'other')),
      note text NOT NULL DEFAULT '' CHECK (length(note) <= 1000),
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'hidden', 'dismissed')),
      resolved_by uuid,
      resolved_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, reporter_id) REFERENCES account(network_id, id) ON DELETE CASCADE
    );
    CREATE UNIQUE INDEX flag_once_per_reporter ON flag (network_id, entity_type, entity_id, reporter_id) WHERE status = 'open';

    CREATE TABLE hidden_content (
      network_id uuid NOT NULL REFERENCES network(id) ON DELETE CASCADE,
      entity_type text NOT NULL,
      entity_id uuid NOT NULL,
      hidden_by uuid NOT NULL,
      reason text NOT NULL,
      hidden_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, entity_type, entity_id)
    );

    -- Background jobs live in the database: any app server may run them (FOR UPDATE SKIP LOCKED).
    CREATE TABLE job (
      network_id uuid NOT NULL REFERENCES network(id) ON DELETE CASCADE,
      id bigint GENERATED ALWAYS AS IDENTITY,
      kind text NOT NULL,
      payload jsonb NOT NULL DEFAULT '{}'::jsonb,
      dedupe_key text,
      run_at timestamptz NOT NULL DEFAULT now(),
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'done', 'failed')),
      attempts integer NOT NULL DEFAULT 0,
      max_attempts integer NOT NULL DEFAULT 5,
      locked_until timestamptz,
      last_error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz,
      PRIMARY KEY (network_id, id)
    );
    CREATE INDEX job_due ON job (run_at) WHERE status IN ('pending', 'running');
    CREATE UNIQUE INDEX job_dedupe ON job (network_id, kind, dedupe_key) WHERE dedupe_key IS NOT NULL AND status = 'pending';

    -- Who interacted with whom (person or organisation), in which area, online or offline.
    -- Every area writes here; the network analytics of area 6 read it.
    CREATE TABLE interaction (
      network_id uuid NOT NULL REFERENCES network(id) ON DELETE CASCADE,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      area text NOT NULL CHECK (area IN ('knowledge', 'participation', 'codesign', 'sharing', 'support', 'places')),
      kind text NOT NULL CHECK (length(kind) BETWEEN 1 AND 60),
      mode text NOT NULL CHECK (mode IN ('online', 'offline')),
      a_type text NOT NULL CHECK (a_type IN ('person', 'organisation')),
      a_id uuid NOT NULL,
      b_type text NOT NULL CHECK (b_type IN ('person', 'organisation')),
      b_id uuid NOT NULL,
      occurred_at timestamptz NOT NULL DEFAULT now(),
      source_type text,
      source_id text,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      CHECK (NOT (a_type = b_type AND a_id = b_id))
    );
    CREATE INDEX interaction_a ON interaction (network_id, a_type, a_id, occurred_at);
    CREATE INDEX interaction_b ON interaction (network_id, b_type, b_id, occurred_at);
    CREATE UNIQUE INDEX interaction_source ON interaction (network_id, source_type, source_id, a_id, b_id)
      WHERE source_type IS NOT NULL;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE IF EXISTS interaction, job, hidden_content, flag, search_document, audit_log, notification,
      outbox_email, auth_failure, one_time_token, session, membership, organisation, profile, account,
      district, network CASCADE;
    DROP FUNCTION IF EXISTS forbid_change();
  `.execute(db);
}
