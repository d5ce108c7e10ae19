import { type Kysely, sql } from 'kysely';

/**
 * Mitgestalten, commitments: in the commit phase the measures a project agreed on become named
 * commitments — a room or a loan from Teilen (a booking), shifts or a whole opportunity of
 * Mitmachen, time credits pledged by an organisation or a person, or a plain task with an owner and
 * a due date. Each names the measure it carries out (free text, or a consensus proposal or idea by
 * id: those tables are another part's, so no foreign key) and links the record it relies on, so the
 * project page shows that record's live status and the record's own page links back.
 *
 * - Only the link of a commitment's kind may be set (a task has no booking, credits no shift).
 * - A linked booking, opportunity, shift or transfer that is deleted leaves the commitment standing
 *   without its link (SET NULL): it says so instead of vanishing.
 * - `done_at` is set exactly while the status is 'done'.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE codesign_commitment (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      project_id uuid NOT NULL,
      kind text NOT NULL CHECK (kind IN ('booking', 'loan', 'shifts', 'opportunity', 'credits', 'task')),
      title text NOT NULL CHECK (length(title) BETWEEN 3 AND 160),
      -- the agreed measure it carries out, in words; and/or a proposal or an idea of the project
      measure text NOT NULL DEFAULT '' CHECK (length(measure) <= 2000),
      measure_type text CHECK (measure_type IN ('proposal', 'idea')),
      measure_id uuid,
      -- who carries it out: a person (a participant or staff) or an organisation
      owner_account_id uuid,
      owner_organisation_id uuid,
      due_on date,
      status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'in_progress', 'done', 'dropped')),
      note text NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
      booking_id uuid,
      opportunity_id uuid,
      -- credits: the minutes pledged, and the transfer once it is made
      minutes integer CHECK (minutes > 0 AND minutes <= 100000),
      transfer_id uuid,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      done_at timestamptz,
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, project_id) REFERENCES codesign_project(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, owner_account_id) REFERENCES account(network_id, id) ON DELETE SET NULL (owner_account_id),
      FOREIGN KEY (network_id, owner_organisation_id) REFERENCES organisation(network_id, id) ON DELETE SET NULL (owner_organisation_id),
      FOREIGN KEY (network_id, booking_id) REFERENCES booking(network_id, id) ON DELETE SET NULL (booking_id),
      FOREIGN KEY (network_id, opportunity_id) REFERENCES opportunity(network_id, id) ON DELETE SET NULL (opportunity_id),
      FOREIGN KEY (network_id, transfer_id) REFERENCES timebank_transfer(network_id, id) ON DELETE SET NULL (transfer_id),
      FOREIGN KEY (network_id, created_by) REFERENCES account(network_id, id) ON DELETE SET NULL (created_by),
      CHECK ((measure_type IS NULL) = (measure_id IS NULL)),
      CHECK (num_nonnulls(owner_account_id, owner_organisation_id) <= 1),
      CHECK (booking_id IS NULL OR kind IN ('booking', 'loan')),
      CHECK (opportunity_id IS NULL OR kind IN ('shifts', 'opportunity')),
      CHECK ((minutes IS NOT NULL) = (kind = 'credits')),
      CHECK (transfer_id IS NULL OR kind = 'credits'),
      CHECK ((status = 'done') = (done_at IS NOT NULL))
    );
    CREATE INDEX codesign_commitment_project ON codesign_commitment (network_id, project_id, status, due_on);
    CREATE INDEX codesign_commitment_booking ON codesign_commitment (network_id, booking_id) WHERE booking_id IS NOT NULL;
    CREATE INDEX codesign_commitment_opportunity ON codesign_commitment (network_id, opportunity_id) WHERE opportunity_id IS NOT NULL;
    CREATE INDEX codesign_commitment_owner ON codesign_commitment (network_id, owner_account_id, status) WHERE owner_account_id IS NOT NULL;

    -- the shifts a 'shifts' commitment promises, each once, all of its opportunity
    CREATE TABLE codesign_commitment_shift (
      network_id uuid NOT NULL,
      commitment_id uuid NOT NULL,
      shift_id uuid NOT NULL,
      PRIMARY KEY (network_id, commitment_id, shift_id),
      FOREIGN KEY (network_id, commitment_id) REFERENCES codesign_commitment(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, shift_id) REFERENCES shift(network_id, id) ON DELETE CASCADE
    );
    CREATE INDEX codesign_commitment_shift_shift ON codesign_commitment_shift (network_id, shift_id);

    -- a shift belongs to the opportunity its 'shifts' commitment names
    CREATE FUNCTION codesign_commitment_shift_check() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NOT EXISTS (
        SELECT 1 FROM codesign_commitment c JOIN shift s
          ON s.network_id = c.network_id AND s.id = NEW.shift_id AND s.opportunity_id = c.opportunity_id
        WHERE c.network_id = NEW.network_id AND c.id = NEW.commitment_id AND c.kind = 'shifts'
      ) THEN
        RAISE EXCEPTION 'a committed shift belongs to the opportunity of a shifts commitment'
          USING ERRCODE = 'check_violation', CONSTRAINT = 'codesign_commitment_shift_of_opportunity';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER codesign_commitment_shift_check BEFORE INSERT OR UPDATE ON codesign_commitment_shift
      FOR EACH ROW EXECUTE FUNCTION codesign_commitment_shift_check();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE IF EXISTS codesign_commitment_shift, codesign_commitment CASCADE;
    DROP FUNCTION IF EXISTS codesign_commitment_shift_check();
  `.execute(db);
}
