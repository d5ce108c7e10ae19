import { type Kysely, sql } from 'kysely';

/**
 * Mitgestalten, surveys (a tool of kind 'survey'): its questions, and what people answered.
 *
 * - A question is single choice, multiple choice, a scale 1–5 with labelled ends, free text or a
 *   date; required or optional; in an order. The questions cannot change once anybody answered (a
 *   trigger refuses it), so every answer means what the question said when it was given.
 * - Taking part is a contribution (kind 'survey', codesign_contribution): that row says THAT a person
 *   answered — once per survey (a unique index), for "answer once" and for counting who took part.
 * - What they answered is a response (a random id, the survey) with one row per answered question. In an
 *   anonymous survey (config.anonymous, the default) the response holds no participant, no
 *   contribution, no account and no time: its random id is kept nowhere else, so nothing leads from a
 *   person to their answers. A named survey keeps the contribution with the response (for the
 *   breakdown by groups). A trigger holds each survey to its kind, and refuses answers outside the
 *   tool's opening and closing time; the anonymity of a survey cannot change once it has answers.
 * - While an anonymous survey runs, its results are shown as they were at the last multiple of five
 *   answers (a snapshot), never after each single answer.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE codesign_survey_question (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      tool_id uuid NOT NULL,
      position integer NOT NULL CHECK (position BETWEEN 1 AND 100),
      kind text NOT NULL CHECK (kind IN ('single', 'multiple', 'scale', 'text', 'date')),
      prompt text NOT NULL CHECK (length(prompt) BETWEEN 3 AND 500),
      help text NOT NULL DEFAULT '' CHECK (length(help) <= 1000),
      required boolean NOT NULL DEFAULT false,
      -- the choices of a single or multiple choice question, in order (answers name them by index)
      options text[] NOT NULL DEFAULT '{}',
      -- the words at the ends of a scale (1 and 5)
      low_label text CHECK (length(low_label) BETWEEN 1 AND 60),
      high_label text CHECK (length(high_label) BETWEEN 1 AND 60),
      PRIMARY KEY (network_id, id),
      UNIQUE (network_id, tool_id, position) DEFERRABLE INITIALLY IMMEDIATE,
      FOREIGN KEY (network_id, tool_id) REFERENCES codesign_tool(network_id, id) ON DELETE CASCADE,
      CHECK (CASE WHEN kind IN ('single', 'multiple')
        THEN cardinality(options) BETWEEN 2 AND 20
          AND array_position(options, NULL) IS NULL
        ELSE cardinality(options) = 0 END),
      CHECK ((kind = 'scale') = (low_label IS NOT NULL AND high_label IS NOT NULL)),
      CHECK (kind = 'scale' OR (low_label IS NULL AND high_label IS NULL))
    );

    -- one response per person and survey, in the contribution log
    CREATE UNIQUE INDEX codesign_contribution_survey_once ON codesign_contribution (network_id, tool_id, participant_id)
      WHERE kind = 'survey';

    -- what one person answered: no time, no person; a named survey's keeps its contribution
    CREATE TABLE codesign_survey_response (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      tool_id uuid NOT NULL,
      contribution_id uuid UNIQUE,
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, tool_id) REFERENCES codesign_tool(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, contribution_id) REFERENCES codesign_contribution(network_id, id) ON DELETE CASCADE
    );
    CREATE INDEX codesign_survey_response_tool ON codesign_survey_response (network_id, tool_id);

    CREATE TABLE codesign_survey_answer (
      network_id uuid NOT NULL,
      response_id uuid NOT NULL,
      question_id uuid NOT NULL,
      -- indexes into the question's options (single: exactly one)
      choices smallint[] CHECK (cardinality(choices) BETWEEN 1 AND 20),
      scale smallint CHECK (scale BETWEEN 1 AND 5),
      text_value text CHECK (length(text_value) BETWEEN 1 AND 4000),
      date_value date,
      PRIMARY KEY (network_id, response_id, question_id),
      FOREIGN KEY (network_id, response_id) REFERENCES codesign_survey_response(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, question_id) REFERENCES codesign_survey_question(network_id, id) ON DELETE CASCADE,
      CHECK (num_nonnulls(choices, scale, text_value, date_value) = 1)
    );
    CREATE INDEX codesign_survey_answer_question ON codesign_survey_answer (network_id, question_id);

    -- an anonymous survey's results while it runs, taken at every fifth answer: watching the results
    -- change after each answer, next to who took part when, would give each person's answers away
    CREATE TABLE codesign_survey_snapshot (
      network_id uuid NOT NULL,
      tool_id uuid NOT NULL,
      responses integer NOT NULL CHECK (responses > 0 AND responses % 5 = 0),
      -- the results as the results route shows them (JSON text)
      results text NOT NULL,
      PRIMARY KEY (network_id, tool_id),
      FOREIGN KEY (network_id, tool_id) REFERENCES codesign_tool(network_id, id) ON DELETE CASCADE
    );

    -- a response only while the survey takes answers, and named exactly when the survey is
    CREATE FUNCTION codesign_survey_response_check() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE t record;
    BEGIN
      SELECT kind, opens_at, closes_at, coalesce((config->>'anonymous')::boolean, true) AS anonymous
        INTO t FROM codesign_tool WHERE network_id = NEW.network_id AND id = NEW.tool_id;
      IF t.kind IS DISTINCT FROM 'survey' THEN
        RAISE EXCEPTION 'tool % is not a survey', NEW.tool_id
          USING ERRCODE = 'check_violation', CONSTRAINT = 'codesign_survey_kind';
      END IF;
      IF (t.opens_at IS NOT NULL AND now() < t.opens_at) OR (t.closes_at IS NOT NULL AND now() >= t.closes_at) THEN
        RAISE EXCEPTION 'survey % is not open', NEW.tool_id
          USING ERRCODE = 'check_violation', CONSTRAINT = 'codesign_survey_open';
      END IF;
      IF t.anonymous <> (NEW.contribution_id IS NULL) THEN
        RAISE EXCEPTION 'survey % is %', NEW.tool_id, CASE WHEN t.anonymous THEN 'anonymous' ELSE 'named' END
          USING ERRCODE = 'check_violation', CONSTRAINT = 'codesign_survey_anonymous';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER codesign_survey_response_check BEFORE INSERT OR UPDATE ON codesign_survey_response
      FOR EACH ROW EXECUTE FUNCTION codesign_survey_response_check();

    -- the questions stay as they were answered
    CREATE FUNCTION codesign_survey_question_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE r record;
    BEGIN
      r := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      -- the survey itself going (its tool or project deleted) takes its questions along
      IF TG_OP = 'DELETE' AND NOT EXISTS (
        SELECT 1 FROM codesign_tool WHERE network_id = r.network_id AND id = r.tool_id) THEN
        RETURN r;
      END IF;
      IF EXISTS (SELECT 1 FROM codesign_survey_response WHERE network_id = r.network_id AND tool_id = r.tool_id) THEN
        RAISE EXCEPTION 'survey % has answers: its questions cannot change', r.tool_id
          USING ERRCODE = 'check_violation', CONSTRAINT = 'codesign_survey_answered';
      END IF;
      RETURN r;
    END $$;
    CREATE TRIGGER codesign_survey_question_frozen BEFORE INSERT OR UPDATE OR DELETE ON codesign_survey_question
      FOR EACH ROW EXECUTE FUNCTION codesign_survey_question_frozen();

    -- a survey with answers stays anonymous or named as it was answered
    CREATE FUNCTION codesign_survey_anonymity_kept() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF coalesce((OLD.config->>'anonymous')::boolean, true) IS DISTINCT FROM coalesce((NEW.config->>'anonymous')::boolean, true)
        AND EXISTS (SELECT 1 FROM codesign_survey_response WHERE network_id = OLD.network_id AND tool_id = OLD.id) THEN
        RAISE EXCEPTION 'survey % has answers: it stays as anonymous as it was', OLD.id
          USING ERRCODE = 'check_violation', CONSTRAINT = 'codesign_survey_anonymity_kept';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER codesign_survey_anonymity_kept BEFORE UPDATE OF config ON codesign_tool
      FOR EACH ROW WHEN (OLD.kind = 'survey') EXECUTE FUNCTION codesign_survey_anonymity_kept();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TRIGGER IF EXISTS codesign_survey_anonymity_kept ON codesign_tool;
    DROP TABLE IF EXISTS codesign_survey_snapshot, codesign_survey_answer, codesign_survey_response, codesign_survey_question CASCADE;
    DROP INDEX IF EXISTS codesign_contribution_survey_once;
    DROP FUNCTION IF EXISTS codesign_survey_response_check(), codesign_survey_question_frozen(),
      codesign_survey_anonymity_kept();
  `.execute(db);
}
