import { type Kysely, sql } from 'kysely';

/**
 * Mitgestalten, consensus (after Loomio's proposals): in a consensus tool facilitators put proposals
 * with a closing time; each participant takes one stance — agree, abstain, disagree or block — with
 * an optional reason, may change or withdraw it until the closing time; afterwards a facilitator
 * writes the outcome and a review date, on which the group is reminded once.
 *
 * What the database holds, whatever the code does:
 * - one current stance per participant and proposal (primary key); a change updates the row, a
 *   withdrawal deletes it — the tally is a count of these rows, so nobody is counted twice;
 * - no stance is taken, changed or withdrawn once the proposal or its tool has closed, nor before the
 *   tool opens or while its project is not active (trigger; it locks the proposal and the tool row
 *   and compares the clock at that moment, so closing a proposal — which locks the row for update —
 *   and a stance can never cross);
 * - an outcome only once the proposal has closed, with its statement and who wrote it; a review date
 *   only with an outcome.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE codesign_proposal (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      project_id uuid NOT NULL,
      tool_id uuid NOT NULL,
      title text NOT NULL CHECK (length(title) BETWEEN 3 AND 160),
      body text NOT NULL DEFAULT '' CHECK (length(body) <= 10000),
      -- the idea of the project it grew from (the ideas part's row; no key here, the ideas part owns it)
      idea_id uuid,
      closes_at timestamptz NOT NULL,
      -- the outcome, once it has closed: decided, not decided, or changed (to be put again)
      outcome text CHECK (outcome IN ('decided', 'not_decided', 'changed')),
      outcome_statement text CHECK (length(outcome_statement) BETWEEN 1 AND 5000),
      outcome_by uuid,
      outcome_at timestamptz,
      -- on this day the group looks again at whether the decision worked
      review_on date,
      -- the reminder of the review went out (once)
      review_reminded_at timestamptz,
      -- a facilitator noted the review as done
      reviewed_at timestamptz,
      review_note text CHECK (length(review_note) <= 5000),
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, project_id) REFERENCES codesign_project(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, tool_id) REFERENCES codesign_tool(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, outcome_by) REFERENCES account(network_id, id) ON DELETE SET NULL (outcome_by),
      FOREIGN KEY (network_id, created_by) REFERENCES account(network_id, id) ON DELETE SET NULL (created_by),
      CHECK ((outcome IS NULL) = (outcome_statement IS NULL)),
      CHECK ((outcome IS NULL) = (outcome_at IS NULL)),
      CHECK (review_on IS NULL OR outcome IS NOT NULL),
      CHECK (reviewed_at IS NULL OR review_on IS NOT NULL)
    );
    CREATE INDEX codesign_proposal_tool ON codesign_proposal (network_id, tool_id, created_at DESC);
    CREATE INDEX codesign_proposal_review ON codesign_proposal (network_id, review_on)
      WHERE review_on IS NOT NULL AND reviewed_at IS NULL;

    CREATE TABLE codesign_stance (
      network_id uuid NOT NULL,
      proposal_id uuid NOT NULL,
      participant_id uuid NOT NULL,
      stance text NOT NULL CHECK (stance IN ('agree', 'abstain', 'disagree', 'block')),
      reason text NOT NULL DEFAULT '' CHECK (length(reason) <= 2000),
      -- the contribution of its latest version (each change is a contribution of its own in the log)
      contribution_id uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      -- one current stance per person and proposal
      PRIMARY KEY (network_id, proposal_id, participant_id),
      FOREIGN KEY (network_id, proposal_id) REFERENCES codesign_proposal(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, participant_id) REFERENCES codesign_participant(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, contribution_id) REFERENCES codesign_contribution(network_id, id) ON DELETE CASCADE
    );
    -- the tally: a count per stance of one proposal, read from the index alone
    CREATE INDEX codesign_stance_tally ON codesign_stance (network_id, proposal_id, stance);
    CREATE INDEX codesign_stance_participant ON codesign_stance (network_id, participant_id);
    CREATE INDEX codesign_stance_contribution ON codesign_stance (network_id, contribution_id);

    -- a stance only while its proposal and tool are open and its project active
    CREATE FUNCTION codesign_stance_open() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      r record;
      p_id uuid := COALESCE(NEW.proposal_id, OLD.proposal_id);
      n_id uuid := COALESCE(NEW.network_id, OLD.network_id);
      at timestamptz;
    BEGIN
      -- removed with its participant, contribution or project (a cascade): not a withdrawal
      IF TG_OP = 'DELETE' AND pg_trigger_depth() > 1 THEN
        RETURN OLD;
      END IF;
      -- the proposal's row is locked, so a close (which updates it) waits for this stance or sees it
      SELECT p.closes_at, p.tool_id, p.project_id INTO r FROM codesign_proposal p
        WHERE p.network_id = n_id AND p.id = p_id FOR SHARE;
      IF NOT FOUND THEN
        -- the proposal is being deleted with its stances
        RETURN COALESCE(NEW, OLD);
      END IF;
      at := clock_timestamp();
      IF at >= r.closes_at THEN
        RAISE EXCEPTION 'codesign_stance_closed: the proposal closed at %', r.closes_at
          USING ERRCODE = 'check_violation', CONSTRAINT = 'codesign_stance_open';
      END IF;
      PERFORM 1 FROM codesign_tool t JOIN codesign_project pr
          ON pr.network_id = t.network_id AND pr.id = t.project_id
        WHERE t.network_id = n_id AND t.id = r.tool_id
          AND pr.status = 'active'
          AND (t.opens_at IS NULL OR t.opens_at <= at)
          AND (t.closes_at IS NULL OR at < t.closes_at)
        FOR SHARE OF t;
      IF NOT FOUND THEN
        RAISE EXCEPTION 'codesign_stance_closed: the tool does not take stances now'
          USING ERRCODE = 'check_violation', CONSTRAINT = 'codesign_stance_open';
      END IF;
      RETURN COALESCE(NEW, OLD);
    END $$;
    CREATE TRIGGER codesign_stance_open BEFORE INSERT OR UPDATE OR DELETE ON codesign_stance
      FOR EACH ROW EXECUTE FUNCTION codesign_stance_open();

    -- an outcome only once the proposal has closed (its own time, or its tool's)
    CREATE FUNCTION codesign_proposal_outcome_after_close() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      tool_closes timestamptz;
    BEGIN
      IF NEW.outcome IS NOT NULL AND (TG_OP = 'INSERT' OR OLD.outcome IS NULL) THEN
        SELECT t.closes_at INTO tool_closes FROM codesign_tool t
          WHERE t.network_id = NEW.network_id AND t.id = NEW.tool_id;
        IF NEW.closes_at > clock_timestamp() AND (tool_closes IS NULL OR tool_closes > clock_timestamp()) THEN
          RAISE EXCEPTION 'codesign_proposal_outcome: the proposal is still open'
            USING ERRCODE = 'check_violation', CONSTRAINT = 'codesign_proposal_outcome_after_close';
        END IF;
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER codesign_proposal_outcome_after_close BEFORE INSERT OR UPDATE ON codesign_proposal
      FOR EACH ROW EXECUTE FUNCTION codesign_proposal_outcome_after_close();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE IF EXISTS codesign_stance, codesign_proposal CASCADE;
    DROP FUNCTION IF EXISTS codesign_stance_open(), codesign_proposal_outcome_after_close();
  `.execute(db);
}
