import { type Kysely, sql } from 'kysely';

/**
 * Mitgestalten, offline participation: what happens away from the screen counts too.
 *
 * - Assisted participation (on codesign_participant, the core's table): consent can be withdrawn —
 *   the consent as recorded stays (it was given), `consent_withdrawn_at` says since when it no longer
 *   holds, and the database refuses every further contribution staff enter for the person; what was
 *   entered before stays, marked with who entered it. A claim code to take the row over expires
 *   (`claim_expires_at` comes and goes with `claim_token_hash`).
 * - A meeting's record (one per tool of kind 'meeting'): when, where, who led it, how many people
 *   came counted by group (numbers only, no names), notes and decisions as short statements. Named
 *   attendees among the participants are contributions (kind 'attendance', channel 'meeting') and
 *   listed here beside their contribution.
 * - A tally: the totals of a paper poster or a show of hands, with where they came from — never a
 *   participant, so nobody is invented to hold the votes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE codesign_participant
      ADD COLUMN claim_expires_at timestamptz,
      ADD COLUMN consent_withdrawn_at timestamptz,
      ADD COLUMN consent_withdrawn_by uuid,
      ADD FOREIGN KEY (network_id, consent_withdrawn_by) REFERENCES account(network_id, id)
        ON DELETE SET NULL (consent_withdrawn_by),
      ADD CHECK ((claim_token_hash IS NULL) = (claim_expires_at IS NULL)),
      ADD CHECK (consent_withdrawn_at IS NULL OR consent IS NOT NULL);

    -- staff may enter nothing more for a person who withdrew their consent (contribute() says so first)
    CREATE FUNCTION codesign_contribution_consent_holds() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.entered_by IS NOT NULL AND EXISTS (
        SELECT 1 FROM codesign_participant p
        WHERE p.network_id = NEW.network_id AND p.id = NEW.participant_id
          AND p.consent_withdrawn_at IS NOT NULL
      ) THEN
        RAISE EXCEPTION 'consent withdrawn' USING ERRCODE = 'check_violation',
          CONSTRAINT = 'codesign_contribution_consent_withdrawn';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER codesign_contribution_consent_holds BEFORE INSERT ON codesign_contribution
      FOR EACH ROW EXECUTE FUNCTION codesign_contribution_consent_holds();

    CREATE TABLE codesign_meeting (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      project_id uuid NOT NULL,
      tool_id uuid NOT NULL,
      held_on date NOT NULL,
      place text NOT NULL CHECK (length(place) BETWEEN 2 AND 200),
      -- who led it, as written on the record (may be someone without an account)
      facilitator text NOT NULL CHECK (length(facilitator) BETWEEN 2 AND 120),
      -- everyone who came, also those not counted by group
      people integer NOT NULL CHECK (people BETWEEN 0 AND 100000),
      notes text NOT NULL DEFAULT '' CHECK (length(notes) <= 10000),
      -- short statements, in order
      decisions text[] NOT NULL DEFAULT '{}' CHECK (cardinality(decisions) <= 30
        AND array_position(decisions, NULL) IS NULL
        AND length(array_to_string(decisions, '')) <= 9000),
      recorded_by uuid,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      UNIQUE (network_id, tool_id),
      UNIQUE (network_id, project_id, id),
      FOREIGN KEY (network_id, project_id) REFERENCES codesign_project(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, tool_id) REFERENCES codesign_tool(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, recorded_by) REFERENCES account(network_id, id) ON DELETE SET NULL (recorded_by)
    );

    -- how many came, per group of one dimension (people per district, per age band …): numbers, no names
    CREATE TABLE codesign_meeting_attendance (
      network_id uuid NOT NULL,
      meeting_id uuid NOT NULL,
      dimension text NOT NULL CHECK (dimension IN ('district', 'age_band', 'stake', 'language')),
      -- a district's id, an age band, a stake, a language code
      value text NOT NULL,
      people integer NOT NULL CHECK (people BETWEEN 0 AND 100000),
      PRIMARY KEY (network_id, meeting_id, dimension, value),
      FOREIGN KEY (network_id, meeting_id) REFERENCES codesign_meeting(network_id, id) ON DELETE CASCADE,
      CHECK (
        (dimension = 'district' AND value ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$')
        OR (dimension = 'age_band' AND value IN ('under_18', '18_29', '30_49', '50_64', '65_79', '80_plus'))
        OR (dimension = 'stake' AND value IN ('service_user', 'relative', 'volunteer', 'staff', 'resident', 'other'))
        OR (dimension = 'language' AND value ~ '^[a-z]{2,3}$')
      )
    );

    -- participants named as present: each one a contribution of kind 'attendance'
    CREATE TABLE codesign_meeting_attendee (
      network_id uuid NOT NULL,
      meeting_id uuid NOT NULL,
      participant_id uuid NOT NULL,
      contribution_id uuid NOT NULL,
      PRIMARY KEY (network_id, meeting_id, participant_id),
      FOREIGN KEY (network_id, meeting_id) REFERENCES codesign_meeting(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, participant_id) REFERENCES codesign_participant(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, contribution_id) REFERENCES codesign_contribution(network_id, id) ON DELETE CASCADE
    );

    CREATE TABLE codesign_tally (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      project_id uuid NOT NULL,
      -- the tool the poster or the show of hands was about
      tool_id uuid NOT NULL,
      -- the meeting where it was counted, if at one
      meeting_id uuid,
      people integer NOT NULL CHECK (people BETWEEN 0 AND 100000),
      channel text NOT NULL CHECK (channel IN ('paper', 'meeting')),
      note text NOT NULL DEFAULT '' CHECK (length(note) <= 1000),
      entered_by uuid,
      entered_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, project_id) REFERENCES codesign_project(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, tool_id) REFERENCES codesign_tool(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, project_id, meeting_id) REFERENCES codesign_meeting(network_id, project_id, id)
        ON DELETE SET NULL (meeting_id),
      FOREIGN KEY (network_id, entered_by) REFERENCES account(network_id, id) ON DELETE SET NULL (entered_by)
    );
    CREATE INDEX codesign_tally_tool ON codesign_tally (network_id, tool_id, entered_at);

    -- one line of a tally: an option (free text, or another part's option id in option_ref) and its count
    CREATE TABLE codesign_tally_count (
      network_id uuid NOT NULL,
      tally_id uuid NOT NULL,
      position integer NOT NULL CHECK (position BETWEEN 1 AND 100),
      option_ref text CHECK (length(option_ref) BETWEEN 1 AND 100),
      label text NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
      count integer NOT NULL CHECK (count BETWEEN 0 AND 1000000),
      PRIMARY KEY (network_id, tally_id, position),
      FOREIGN KEY (network_id, tally_id) REFERENCES codesign_tally(network_id, id) ON DELETE CASCADE
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE IF EXISTS codesign_tally_count, codesign_tally, codesign_meeting_attendee,
      codesign_meeting_attendance, codesign_meeting CASCADE;
    DROP TRIGGER IF EXISTS codesign_contribution_consent_holds ON codesign_contribution;
    DROP FUNCTION IF EXISTS codesign_contribution_consent_holds();
    ALTER TABLE codesign_participant DROP COLUMN IF EXISTS claim_expires_at,
      DROP COLUMN IF EXISTS consent_withdrawn_at, DROP COLUMN IF EXISTS consent_withdrawn_by;
  `.execute(db);
}
