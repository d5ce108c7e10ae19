import { type Kysely, sql } from 'kysely';

/**
 * Mitgestalten, its ideas part: the ideas of a tool of kind 'ideas', the comments under them and their
 * pro and contra points. Each row points at its entry in codesign_contribution (who, how it came in,
 * with whose support), so nothing here names a person directly.
 *
 * - An idea merged into another (a duplicate) stays: `merged_into` names the idea it went into, in the
 *   same tool (the foreign key holds that), never itself and never one that is merged itself (the
 *   trigger holds that, so merges never chain). Its comments and points stay its own and are shown
 *   with the idea it went into.
 * - `mark` is what the facilitators made of it: 'selected' for the decide phase.
 * - A moderator hides rows through hidden_content (entity types 'codesign_idea',
 *   'codesign_idea_comment', 'codesign_idea_point'); the rows stay.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE codesign_idea (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      project_id uuid NOT NULL,
      tool_id uuid NOT NULL,
      contribution_id uuid NOT NULL,
      title text NOT NULL CHECK (length(title) BETWEEN 3 AND 160),
      -- plain text or Markdown, optional
      body text NOT NULL DEFAULT '' CHECK (length(body) <= 5000),
      mark text CHECK (mark IN ('selected')),
      merged_into uuid,
      merged_by uuid,
      merged_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      UNIQUE (network_id, tool_id, id),
      UNIQUE (network_id, contribution_id),
      FOREIGN KEY (network_id, project_id) REFERENCES codesign_project(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, tool_id) REFERENCES codesign_tool(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, contribution_id) REFERENCES codesign_contribution(network_id, id) ON DELETE CASCADE,
      -- merged only into an idea of the same tool
      FOREIGN KEY (network_id, tool_id, merged_into) REFERENCES codesign_idea(network_id, tool_id, id),
      FOREIGN KEY (network_id, merged_by) REFERENCES account(network_id, id) ON DELETE SET NULL (merged_by),
      CHECK (merged_into IS NULL OR merged_into <> id),
      CHECK ((merged_into IS NULL) = (merged_at IS NULL)),
      -- a merged idea is no longer a candidate
      CHECK (merged_into IS NULL OR mark IS NULL)
    );
    CREATE INDEX codesign_idea_tool ON codesign_idea (network_id, tool_id, created_at DESC);
    CREATE INDEX codesign_idea_merged ON codesign_idea (network_id, merged_into) WHERE merged_into IS NOT NULL;

    -- merges never chain: the idea merged into is not merged itself, and a merged idea has none merged into it
    CREATE FUNCTION codesign_idea_merge_flat() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.merged_into IS NOT NULL THEN
        IF EXISTS (SELECT 1 FROM codesign_idea i WHERE i.network_id = NEW.network_id
                   AND i.id = NEW.merged_into AND i.merged_into IS NOT NULL) THEN
          RAISE EXCEPTION 'codesign_idea: merged into an idea that is merged itself'
            USING ERRCODE = 'check_violation', CONSTRAINT = 'codesign_idea_merge_flat';
        END IF;
        IF EXISTS (SELECT 1 FROM codesign_idea i WHERE i.network_id = NEW.network_id
                   AND i.merged_into = NEW.id) THEN
          RAISE EXCEPTION 'codesign_idea: an idea others were merged into cannot be merged'
            USING ERRCODE = 'check_violation', CONSTRAINT = 'codesign_idea_merge_flat';
        END IF;
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER codesign_idea_merge_flat BEFORE INSERT OR UPDATE OF merged_into ON codesign_idea
      FOR EACH ROW EXECUTE FUNCTION codesign_idea_merge_flat();

    CREATE TABLE codesign_idea_comment (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      idea_id uuid NOT NULL,
      contribution_id uuid NOT NULL,
      body text NOT NULL CHECK (length(btrim(body)) BETWEEN 1 AND 2000),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      UNIQUE (network_id, contribution_id),
      FOREIGN KEY (network_id, idea_id) REFERENCES codesign_idea(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, contribution_id) REFERENCES codesign_contribution(network_id, id) ON DELETE CASCADE
    );
    CREATE INDEX codesign_idea_comment_idea ON codesign_idea_comment (network_id, idea_id, created_at);

    CREATE TABLE codesign_idea_point (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      idea_id uuid NOT NULL,
      contribution_id uuid NOT NULL,
      side text NOT NULL CHECK (side IN ('pro', 'contra')),
      -- a short statement
      body text NOT NULL CHECK (length(btrim(body)) BETWEEN 2 AND 280),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      UNIQUE (network_id, contribution_id),
      FOREIGN KEY (network_id, idea_id) REFERENCES codesign_idea(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, contribution_id) REFERENCES codesign_contribution(network_id, id) ON DELETE CASCADE
    );
    CREATE INDEX codesign_idea_point_idea ON codesign_idea_point (network_id, idea_id, side, created_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE IF EXISTS codesign_idea_point, codesign_idea_comment, codesign_idea CASCADE;
    DROP FUNCTION IF EXISTS codesign_idea_merge_flat();
  `.execute(db);
}
