import { type Kysely, sql } from 'kysely';

/**
 * Wissen, dossiers: what the town knows, bundled for a political body. A coordinator (an instance
 * admin, or staff/admin of an organisation for it) compiles a draft from public evidence — map
 * reports, discussion threads or single posts, wiki pages —, sends it to a public-body organisation
 * of the network or by email to a body outside it, and records how it is handled (received, on the
 * agenda of a committee, answered). Once sent a dossier is a public record and no longer changes;
 * only its handling moves on.
 *
 * `dossier_step` is the history: one row per step, with who recorded it and when, never changed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE dossier (
      network_id uuid NOT NULL REFERENCES network(id) ON DELETE CASCADE,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      -- who compiles it: an organisation (its staff and admins), or null for the network's coordinators
      organisation_id uuid,
      title text NOT NULL CHECK (length(title) BETWEEN 5 AND 160),
      summary text NOT NULL DEFAULT '' CHECK (length(summary) <= 20000),
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'sent', 'received', 'on_agenda', 'answered')),
      -- where it went: a public body of the network, or an address outside it
      recipient_organisation_id uuid,
      recipient_email text CHECK (length(recipient_email) <= 254),
      recipient_name text CHECK (length(recipient_name) BETWEEN 2 AND 160),
      committee text CHECK (length(committee) BETWEEN 2 AND 160),
      agenda_date date,
      answer text CHECK (length(answer) BETWEEN 1 AND 20000),
      sent_at timestamptz,
      answered_at timestamptz,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, organisation_id) REFERENCES organisation(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, recipient_organisation_id) REFERENCES organisation(network_id, id) ON DELETE SET NULL (recipient_organisation_id),
      FOREIGN KEY (network_id, created_by) REFERENCES account(network_id, id) ON DELETE SET NULL (created_by),
      CHECK ((status = 'draft') = (sent_at IS NULL)),
      CHECK ((status = 'answered') = (answered_at IS NOT NULL AND answer IS NOT NULL)),
      -- sent to exactly one of the two kinds of recipient (the body may be deleted later)
      CHECK (status = 'draft' OR recipient_name IS NOT NULL),
      CHECK (recipient_organisation_id IS NULL OR recipient_email IS NULL),
      CHECK (status <> 'on_agenda' OR (committee IS NOT NULL AND agenda_date IS NOT NULL))
    );
    CREATE INDEX dossier_public ON dossier (network_id, sent_at DESC) WHERE status <> 'draft';
    CREATE INDEX dossier_recipient ON dossier (network_id, recipient_organisation_id, status);
    CREATE INDEX dossier_organisation ON dossier (network_id, organisation_id, updated_at DESC);

    -- one piece of evidence: a map report, a discussion thread or post, a wiki page
    CREATE TABLE dossier_item (
      network_id uuid NOT NULL,
      dossier_id uuid NOT NULL,
      item_type text NOT NULL CHECK (item_type IN ('map_report', 'discussion_thread', 'discussion_post', 'wiki_page')),
      item_id uuid NOT NULL,
      -- why it belongs here, in the compiler's words
      note text NOT NULL DEFAULT '' CHECK (length(note) <= 1000),
      added_by uuid,
      added_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, dossier_id, item_type, item_id),
      FOREIGN KEY (network_id, dossier_id) REFERENCES dossier(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, added_by) REFERENCES account(network_id, id) ON DELETE SET NULL (added_by)
    );
    CREATE INDEX dossier_item_target ON dossier_item (network_id, item_type, item_id);

    -- the handling history: sent, received, on the agenda, answered — who recorded it and when
    CREATE TABLE dossier_step (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      dossier_id uuid NOT NULL,
      step text NOT NULL CHECK (step IN ('sent', 'received', 'on_agenda', 'answered')),
      committee text CHECK (length(committee) BETWEEN 2 AND 160),
      agenda_date date,
      actor_id uuid,
      -- recorded by the compilers on behalf of a body outside the network
      on_behalf boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, dossier_id) REFERENCES dossier(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, actor_id) REFERENCES account(network_id, id) ON DELETE SET NULL (actor_id)
    );
    CREATE INDEX dossier_step_dossier ON dossier_step (network_id, dossier_id, created_at);
    CREATE TRIGGER dossier_step_append_only BEFORE UPDATE ON dossier_step
      FOR EACH ROW EXECUTE FUNCTION forbid_change();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS dossier_step, dossier_item, dossier CASCADE;`.execute(db);
}
