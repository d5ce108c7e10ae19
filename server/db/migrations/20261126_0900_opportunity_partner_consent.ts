import { type Kysely, sql } from 'kysely';

/**
 * Joint opportunities need the partner's consent. Naming another organisation as a partner used to
 * make it a running organisation at once: its staff saw the rosters (volunteers' names and email
 * addresses), hours and exports of an opportunity it never agreed to run. Now a partner is first
 * 'invited'; a coordinator of that organisation accepts (→ 'accepted') or declines (the row goes).
 * Only accepted rows count as running organisations anywhere.
 *
 * Invariants kept by the database:
 * - the lead always runs the opportunity: CHECK (NOT is_lead OR status = 'accepted');
 * - a new row is an invitation unless the writer says otherwise (default 'invited'), so code that
 *   forgets the status can never hand another organisation access.
 *
 * The rows that exist already (demo and legacy data from before consent) become 'accepted'.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE opportunity_organisation
      ADD COLUMN status text NOT NULL DEFAULT 'accepted'
        CONSTRAINT opportunity_organisation_status CHECK (status IN ('invited', 'accepted'));
    ALTER TABLE opportunity_organisation
      ALTER COLUMN status SET DEFAULT 'invited',
      ADD CONSTRAINT opportunity_lead_accepted CHECK (NOT is_lead OR status = 'accepted');
    -- "invitations waiting for my organisation"
    CREATE INDEX opportunity_organisation_invited ON opportunity_organisation (network_id, organisation_id, added_at)
      WHERE status = 'invited';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DELETE FROM opportunity_organisation WHERE status = 'invited';
    DROP INDEX IF EXISTS opportunity_organisation_invited;
    ALTER TABLE opportunity_organisation DROP CONSTRAINT IF EXISTS opportunity_lead_accepted;
    ALTER TABLE opportunity_organisation DROP COLUMN status;
  `.execute(db);
}
