import { type Kysely, sql } from 'kysely';

/**
 * Mitgestalten, votes: dot voting (each participant spreads a budget of dots over the options, at
 * most a few on one) and ranking (each participant orders up to a few options; the tally is a Borda
 * count). The options are the tool's own list, typed by facilitators or taken over from an ideas
 * tool of the same project (`source_idea_id`, no foreign key: the idea may go, the option stays).
 *
 * The invariants hold in the database, whatever the application does:
 *
 * - A participant's dots in a tool never exceed the tool's budget, and never more than
 *   `maxPerOption` on one option. Every change of a `codesign_dot` row moves the participant's
 *   counter in `codesign_dot_budget` in the same statement (trigger); that upsert takes the row lock
 *   of the participant's budget row, so parallel changes of one person wait for each other and each
 *   sees the sum the one before it left. An increase that would pass the budget (as the tool's
 *   config says now) is refused (SQLSTATE 23514, constraint `codesign_dot_budget`). Lowering the
 *   budget later never locks anyone in: taking dots away is always possible.
 * - No dot and no ranking is placed or changed while the tool does not take contributions (project
 *   not active, before opening, after closing): constraint `codesign_vote_closed`.
 * - One ranking per participant and tool (UNIQUE); within it each place and each option once
 *   (UNIQUE), and no place beyond the tool's `places` (trigger, constraint `codesign_ranking_places`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE codesign_vote_option (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      tool_id uuid NOT NULL,
      title text NOT NULL CHECK (length(title) BETWEEN 2 AND 120),
      description text NOT NULL DEFAULT '' CHECK (length(description) <= 500),
      position integer NOT NULL CHECK (position >= 1),
      -- the idea of an ideas tool it was taken from; no foreign key: the option outlives the idea
      source_idea_id uuid,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, tool_id) REFERENCES codesign_tool(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, created_by) REFERENCES account(network_id, id) ON DELETE SET NULL (created_by)
    );
    CREATE INDEX codesign_vote_option_tool ON codesign_vote_option (network_id, tool_id, position);
    -- an idea is taken over once per tool (importing again skips it)
    CREATE UNIQUE INDEX codesign_vote_option_idea ON codesign_vote_option (network_id, tool_id, source_idea_id)
      WHERE source_idea_id IS NOT NULL;

    -- a participant's dots in a dots tool: their counter against the budget
    CREATE TABLE codesign_dot_budget (
      network_id uuid NOT NULL,
      tool_id uuid NOT NULL,
      participant_id uuid NOT NULL,
      used integer NOT NULL DEFAULT 0 CHECK (used >= 0),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, tool_id, participant_id),
      FOREIGN KEY (network_id, tool_id) REFERENCES codesign_tool(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, participant_id) REFERENCES codesign_participant(network_id, id) ON DELETE CASCADE
    );

    -- how many of a participant's dots lie on an option (0 once all were taken away)
    CREATE TABLE codesign_dot (
      network_id uuid NOT NULL,
      tool_id uuid NOT NULL,
      option_id uuid NOT NULL,
      participant_id uuid NOT NULL,
      count integer NOT NULL CHECK (count BETWEEN 0 AND 20),
      -- the contribution of the last change
      contribution_id uuid NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, tool_id, option_id, participant_id),
      FOREIGN KEY (network_id, tool_id) REFERENCES codesign_tool(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, option_id) REFERENCES codesign_vote_option(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, participant_id) REFERENCES codesign_participant(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, contribution_id) REFERENCES codesign_contribution(network_id, id) ON DELETE CASCADE
    );
    CREATE INDEX codesign_dot_participant ON codesign_dot (network_id, tool_id, participant_id);
    CREATE INDEX codesign_dot_option ON codesign_dot (network_id, option_id);

    CREATE TABLE codesign_ranking (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      tool_id uuid NOT NULL,
      participant_id uuid NOT NULL,
      contribution_id uuid NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      UNIQUE (network_id, tool_id, participant_id),
      FOREIGN KEY (network_id, tool_id) REFERENCES codesign_tool(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, participant_id) REFERENCES codesign_participant(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, contribution_id) REFERENCES codesign_contribution(network_id, id) ON DELETE CASCADE
    );

    CREATE TABLE codesign_ranking_place (
      network_id uuid NOT NULL,
      ranking_id uuid NOT NULL,
      tool_id uuid NOT NULL,
      option_id uuid NOT NULL,
      place integer NOT NULL CHECK (place BETWEEN 1 AND 10),
      PRIMARY KEY (network_id, ranking_id, place),
      UNIQUE (network_id, ranking_id, option_id),
      FOREIGN KEY (network_id, ranking_id) REFERENCES codesign_ranking(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, option_id) REFERENCES codesign_vote_option(network_id, id) ON DELETE CASCADE
    );
    CREATE INDEX codesign_ranking_place_option ON codesign_ranking_place (network_id, option_id);

    -- whether a tool takes contributions now (as projects/access.ts toolIsOpen says it)
    CREATE FUNCTION codesign_vote_tool_open(p_network uuid, p_tool uuid) RETURNS boolean
    LANGUAGE sql STABLE AS $$
      SELECT p.status = 'active'
        AND (t.opens_at IS NULL OR t.opens_at <= now())
        AND (t.closes_at IS NULL OR now() < t.closes_at)
      FROM codesign_tool t
      JOIN codesign_project p ON p.network_id = t.network_id AND p.id = t.project_id
      WHERE t.network_id = p_network AND t.id = p_tool
    $$;

    CREATE FUNCTION codesign_dot_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      delta integer;
      cfg jsonb;
      budget integer;
      per_option integer;
      now_used integer;
      opt_tool uuid;
    BEGIN
      IF TG_OP = 'DELETE' THEN
        -- an option or a participant removed: their dots go, and so does the count
        UPDATE codesign_dot_budget SET used = used - OLD.count, updated_at = now()
          WHERE network_id = OLD.network_id AND tool_id = OLD.tool_id AND participant_id = OLD.participant_id;
        RETURN OLD;
      END IF;
      IF TG_OP = 'UPDATE' AND (NEW.tool_id, NEW.option_id, NEW.participant_id)
          IS DISTINCT FROM (OLD.tool_id, OLD.option_id, OLD.participant_id) THEN
        RAISE EXCEPTION 'a dot does not change its tool, option or participant'
          USING ERRCODE = '23514', CONSTRAINT = 'codesign_dot_fixed';
      END IF;
      SELECT o.tool_id, t.config INTO opt_tool, cfg
        FROM codesign_vote_option o
        JOIN codesign_tool t ON t.network_id = o.network_id AND t.id = o.tool_id
        WHERE o.network_id = NEW.network_id AND o.id = NEW.option_id AND t.kind = 'dots';
      IF opt_tool IS DISTINCT FROM NEW.tool_id THEN
        RAISE EXCEPTION 'the option is not one of this dots tool'
          USING ERRCODE = '23514', CONSTRAINT = 'codesign_dot_option';
      END IF;
      -- NB an upsert would fire the insert trigger and then the update trigger for one change, so the
      -- application makes the row (count 0, which counts nothing) and then updates it
      delta := NEW.count - CASE WHEN TG_OP = 'UPDATE' THEN OLD.count ELSE 0 END;
      IF delta = 0 THEN RETURN NEW; END IF;
      IF NOT coalesce(codesign_vote_tool_open(NEW.network_id, NEW.tool_id), false) THEN
        RAISE EXCEPTION 'the tool does not take votes now'
          USING ERRCODE = '23514', CONSTRAINT = 'codesign_vote_closed';
      END IF;
      budget := coalesce((cfg->>'budget')::integer, 5);
      per_option := coalesce((cfg->>'maxPerOption')::integer, 3);
      IF delta > 0 AND NEW.count > per_option THEN
        RAISE EXCEPTION 'at most % dots on one option', per_option
          USING ERRCODE = '23514', CONSTRAINT = 'codesign_dot_per_option';
      END IF;
      -- the participant's row lock: parallel changes of one person queue here, each seeing the last sum
      IF delta < 0 THEN
        -- (the row exists: there were dots to take away; an upsert would check its proposed row first)
        UPDATE codesign_dot_budget SET used = used + delta, updated_at = now()
          WHERE network_id = NEW.network_id AND tool_id = NEW.tool_id AND participant_id = NEW.participant_id;
        RETURN NEW;
      END IF;
      INSERT INTO codesign_dot_budget AS b (network_id, tool_id, participant_id, used)
        VALUES (NEW.network_id, NEW.tool_id, NEW.participant_id, delta)
        ON CONFLICT (network_id, tool_id, participant_id)
        DO UPDATE SET used = b.used + EXCLUDED.used, updated_at = now()
        RETURNING used INTO now_used;
      IF now_used > budget THEN
        RAISE EXCEPTION 'the budget of % dots is spent', budget
          USING ERRCODE = '23514', CONSTRAINT = 'codesign_dot_budget';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER codesign_dot_guard BEFORE INSERT OR UPDATE OR DELETE ON codesign_dot
      FOR EACH ROW EXECUTE FUNCTION codesign_dot_guard();

    CREATE FUNCTION codesign_ranking_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      r record;
    BEGIN
      IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
      IF NOT coalesce(codesign_vote_tool_open(r.network_id, r.tool_id), false) THEN
        -- a tool that is gone takes its rankings with it; otherwise a closed vote stays as it was
        IF TG_OP = 'DELETE' AND NOT EXISTS (
          SELECT 1 FROM codesign_tool WHERE network_id = r.network_id AND id = r.tool_id
        ) THEN RETURN OLD; END IF;
        IF TG_OP = 'DELETE' AND pg_trigger_depth() > 1 THEN RETURN OLD; END IF;
        RAISE EXCEPTION 'the tool does not take votes now'
          USING ERRCODE = '23514', CONSTRAINT = 'codesign_vote_closed';
      END IF;
      IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER codesign_ranking_guard BEFORE INSERT OR UPDATE OR DELETE ON codesign_ranking
      FOR EACH ROW EXECUTE FUNCTION codesign_ranking_guard();

    CREATE FUNCTION codesign_ranking_place_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      cfg jsonb;
      opt_tool uuid;
    BEGIN
      IF NOT coalesce(codesign_vote_tool_open(NEW.network_id, NEW.tool_id), false) THEN
        RAISE EXCEPTION 'the tool does not take votes now'
          USING ERRCODE = '23514', CONSTRAINT = 'codesign_vote_closed';
      END IF;
      IF NOT EXISTS (
        SELECT 1 FROM codesign_ranking
        WHERE network_id = NEW.network_id AND id = NEW.ranking_id AND tool_id = NEW.tool_id
      ) THEN
        RAISE EXCEPTION 'the place is not of this ranking''s tool'
          USING ERRCODE = '23514', CONSTRAINT = 'codesign_ranking_option';
      END IF;
      SELECT o.tool_id, t.config INTO opt_tool, cfg
        FROM codesign_vote_option o
        JOIN codesign_tool t ON t.network_id = o.network_id AND t.id = o.tool_id
        WHERE o.network_id = NEW.network_id AND o.id = NEW.option_id AND t.kind = 'ranking';
      IF opt_tool IS DISTINCT FROM NEW.tool_id THEN
        RAISE EXCEPTION 'the option is not one of this ranking tool'
          USING ERRCODE = '23514', CONSTRAINT = 'codesign_ranking_option';
      END IF;
      IF NEW.place > coalesce((cfg->>'places')::integer, 3) THEN
        RAISE EXCEPTION 'at most % places', coalesce((cfg->>'places')::integer, 3)
          USING ERRCODE = '23514', CONSTRAINT = 'codesign_ranking_places';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER codesign_ranking_place_guard BEFORE INSERT OR UPDATE ON codesign_ranking_place
      FOR EACH ROW EXECUTE FUNCTION codesign_ranking_place_guard();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE IF EXISTS codesign_ranking_place, codesign_ranking, codesign_dot, codesign_dot_budget,
      codesign_vote_option CASCADE;
    DROP FUNCTION IF EXISTS codesign_ranking_place_guard(), codesign_ranking_guard(), codesign_dot_guard(),
      codesign_vote_tool_open(uuid, uuid);
  `.execute(db);
}
