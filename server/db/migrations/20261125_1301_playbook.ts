import { type Kysely, sql } from 'kysely';

/**
 * The participation playbook: pages shared by all organisations of the network, each save a new,
 * immutable revision. A page's current revision number only grows; a save names the revision it
 * was based on, so two people editing at once cannot silently overwrite each other.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE playbook_page (
      network_id uuid NOT NULL REFERENCES network(id) ON DELETE CASCADE,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      current_revision integer NOT NULL DEFAULT 1 CHECK (current_revision >= 1),
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id)
    );

    CREATE TABLE playbook_revision (
      network_id uuid NOT NULL,
      page_id uuid NOT NULL,
      revision integer NOT NULL CHECK (revision >= 1),
      title text NOT NULL CHECK (length(title) BETWEEN 3 AND 160),
      body text NOT NULL DEFAULT '' CHECK (length(body) <= 50000),
      tags text[] NOT NULL DEFAULT '{}',
      -- which channel reached whom: [{"channel": "...", "reached": "..."}]
      channels jsonb NOT NULL DEFAULT '[]'::jsonb,
      summary text NOT NULL DEFAULT '' CHECK (length(summary) <= 300),
      author_id uuid,
      organisation_id uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, page_id, revision),
      FOREIGN KEY (network_id, page_id) REFERENCES playbook_page(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, author_id) REFERENCES account(network_id, id) ON DELETE SET NULL (author_id),
      FOREIGN KEY (network_id, organisation_id) REFERENCES organisation(network_id, id) ON DELETE SET NULL (organisation_id)
    );
    CREATE TRIGGER playbook_revision_append_only BEFORE UPDATE ON playbook_revision
      FOR EACH ROW EXECUTE FUNCTION forbid_change();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS playbook_revision, playbook_page CASCADE`.execute(db);
}
