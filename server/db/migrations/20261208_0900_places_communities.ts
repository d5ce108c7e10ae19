import { type Kysely, sql } from 'kysely';

/**
 * Räume & Brücken, its core tables: communities of interest and identity — groups of people not bound
 * to a district (Repair-Café, a Turkish women's group, parents of children with a disability) — and who
 * belongs to them. Beside organisations they are the nodes of the network analytics; the events
 * calendar and the discussions refer to them. The parts add their own tables in migrations after it.
 *
 * - `space`: where the community meets — in one place ('local', then usually a district), across
 *   towns ('translocal', `towns` names them) or 'online' only.
 * - `joining`: 'open' (anyone signed in joins at once) or 'request' (a moderator accepts).
 * - A member is 'requested' until accepted; one owner at least (held by the part's commands).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE community (
      network_id uuid NOT NULL REFERENCES network(id) ON DELETE CASCADE,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      slug text NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 80),
      name text NOT NULL CHECK (length(name) BETWEEN 3 AND 120),
      summary text NOT NULL DEFAULT '' CHECK (length(summary) <= 300),
      description text NOT NULL DEFAULT '' CHECK (length(description) <= 20000),
      space text NOT NULL CHECK (space IN ('local', 'translocal', 'online')),
      -- the other towns a translocal community meets in, as people name them
      towns text[] NOT NULL DEFAULT '{}' CHECK (cardinality(towns) <= 20),
      district_id uuid,
      joining text NOT NULL DEFAULT 'open' CHECK (joining IN ('open', 'request')),
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      archived_at timestamptz,
      PRIMARY KEY (network_id, id),
      UNIQUE (network_id, slug),
      FOREIGN KEY (network_id, district_id) REFERENCES district(network_id, id) ON DELETE SET NULL (district_id),
      FOREIGN KEY (network_id, created_by) REFERENCES account(network_id, id) ON DELETE SET NULL (created_by)
    );

    CREATE TABLE community_member (
      network_id uuid NOT NULL,
      community_id uuid NOT NULL,
      account_id uuid NOT NULL,
      role text NOT NULL DEFAULT 'member' CHECK (role IN ('owner', 'moderator', 'member')),
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('requested', 'active')),
      -- what the person wrote when asking to join a community that accepts members
      request_note text NOT NULL DEFAULT '' CHECK (length(request_note) <= 500),
      created_at timestamptz NOT NULL DEFAULT now(),
      joined_at timestamptz,
      PRIMARY KEY (network_id, community_id, account_id),
      FOREIGN KEY (network_id, community_id) REFERENCES community(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, account_id) REFERENCES account(network_id, id) ON DELETE CASCADE,
      CHECK ((status = 'active') = (joined_at IS NOT NULL)),
      CHECK (status = 'active' OR role = 'member')
    );
    CREATE INDEX community_member_account ON community_member (network_id, account_id) WHERE status = 'active';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE community_member; DROP TABLE community;`.execute(db);
}
