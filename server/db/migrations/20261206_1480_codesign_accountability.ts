import { type Kysely, sql } from 'kysely';

/**
 * Mitgestalten, accountability and learning:
 *
 * - `codesign_affected_group`: the groups a project is for (a district, an age band, a stake — service
 *   users, relatives, staff, volunteers, residents —, a language), each with the share of the people
 *   taking part the project expects of it, if it names one. Who took part is counted per group from
 *   the participants' declared groups (accountability/reach.ts), never stored.
 * - `codesign_outcome`: one per project: where the result stands (status, progress), in words, and
 *   when the group will look back at it (`review_on`); `codesign_outcome_update` keeps every change,
 *   append-only.
 * - `codesign_review`: the look back: what worked, what did not, what next, and who judged it.
 *   `codesign_review_reminder` holds the rule "one reminder per project and review date".
 * - `codesign_tool.method_page_id`: the method a tool applied (World Café, dot voting …), a page of the
 *   participation playbook — so the playbook is the method library, and each method page lists the
 *   projects that used it with their reviews.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE codesign_affected_group (
      network_id uuid NOT NULL,
      project_id uuid NOT NULL,
      dimension text NOT NULL CHECK (dimension IN ('district', 'age_band', 'stake', 'language')),
      value text NOT NULL CHECK (length(value) BETWEEN 1 AND 60),
      -- the share of the people taking part the project expects of this group; null: none named
      expected_share numeric(4, 3) CHECK (expected_share > 0 AND expected_share <= 1),
      PRIMARY KEY (network_id, project_id, dimension, value),
      FOREIGN KEY (network_id, project_id) REFERENCES codesign_project(network_id, id) ON DELETE CASCADE
    );

    CREATE TABLE codesign_outcome (
      network_id uuid NOT NULL,
      project_id uuid NOT NULL,
      status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'on_track', 'delayed', 'achieved',
        'partly_achieved', 'not_achieved', 'abandoned')),
      progress integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
      statement text NOT NULL DEFAULT '' CHECK (length(statement) <= 5000),
      review_on date,
      updated_by uuid,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, project_id),
      FOREIGN KEY (network_id, project_id) REFERENCES codesign_project(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, updated_by) REFERENCES account(network_id, id) ON DELETE SET NULL (updated_by)
    );
    CREATE INDEX codesign_outcome_review ON codesign_outcome (review_on) WHERE review_on IS NOT NULL;

    CREATE TABLE codesign_outcome_update (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      project_id uuid NOT NULL,
      status text NOT NULL,
      progress integer NOT NULL CHECK (progress BETWEEN 0 AND 100),
      statement text NOT NULL CHECK (length(statement) <= 5000),
      review_on date,
      author_id uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, project_id) REFERENCES codesign_project(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, author_id) REFERENCES account(network_id, id) ON DELETE SET NULL (author_id)
    );
    CREATE INDEX codesign_outcome_update_project ON codesign_outcome_update (network_id, project_id, created_at DESC);
    CREATE TRIGGER codesign_outcome_update_append_only BEFORE UPDATE ON codesign_outcome_update
      FOR EACH ROW EXECUTE FUNCTION forbid_change();

    CREATE TABLE codesign_review (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      project_id uuid NOT NULL,
      held_on date NOT NULL,
      worked text NOT NULL CHECK (length(worked) BETWEEN 1 AND 5000),
      did_not_work text NOT NULL DEFAULT '' CHECK (length(did_not_work) <= 5000),
      next_steps text NOT NULL DEFAULT '' CHECK (length(next_steps) <= 5000),
      -- who judged it, in words ("Besucherinnen der Sprechstunde und das Team")
      judged_by text NOT NULL CHECK (length(judged_by) BETWEEN 2 AND 300),
      -- and which of the counted groups sat at the table
      judged_stakes text[] NOT NULL DEFAULT '{}'
        CHECK (judged_stakes <@ ARRAY['service_user', 'relative', 'volunteer', 'staff', 'resident', 'other']::text[]),
      author_id uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, project_id) REFERENCES codesign_project(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, author_id) REFERENCES account(network_id, id) ON DELETE SET NULL (author_id)
    );
    CREATE INDEX codesign_review_project ON codesign_review (network_id, project_id, held_on DESC);

    CREATE TABLE codesign_review_reminder (
      network_id uuid NOT NULL,
      project_id uuid NOT NULL,
      review_on date NOT NULL,
      sent_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, project_id, review_on),
      FOREIGN KEY (network_id, project_id) REFERENCES codesign_project(network_id, id) ON DELETE CASCADE
    );

    ALTER TABLE codesign_tool ADD COLUMN method_page_id uuid;
    ALTER TABLE codesign_tool ADD FOREIGN KEY (network_id, method_page_id)
      REFERENCES playbook_page(network_id, id) ON DELETE SET NULL (method_page_id);
    CREATE INDEX codesign_tool_method ON codesign_tool (network_id, method_page_id) WHERE method_page_id IS NOT NULL;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE codesign_tool DROP COLUMN IF EXISTS method_page_id;
    DROP TABLE IF EXISTS codesign_review_reminder, codesign_review, codesign_outcome_update, codesign_outcome,
      codesign_affected_group CASCADE;
  `.execute(db);
}
