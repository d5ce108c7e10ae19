import { type Kysely, sql } from 'kysely';

/**
 * An interaction logged by hand with a person needs that person's confirmation. Until now anyone
 * signed in could log a meeting "with" any person of the network, who then appeared in the community
 * graph (and in the network analytics built on it) without knowing. Now such a row is 'pending' until
 * the person confirms it; they may decline (the row goes), and so may the one who logged it; an
 * unanswered one goes after 30 days (job 'interaction.expire'). Only confirmed rows are part of the
 * graph.
 *
 * Invariants kept by the database:
 * - only an interaction logged by hand with a person can be pending (everything an activity records —
 *   a loan, a shift, a transfer — happened with both sides taking part, and is confirmed);
 * - such an interaction is confirmed exactly when it carries the time of the person's confirmation,
 *   so a row written without a status (the column's default is 'confirmed') is refused instead of
 *   silently counting;
 * - at most one pending interaction per pair of people at a time, so nobody can be flooded with
 *   requests to confirm.
 *
 * The rows logged by hand with a person before this migration were never agreed to: the most recent
 * of each pair becomes pending, with the same 30 days to answer; older ones of the same pair are
 * deleted (keeping unconfirmed claims about a person is what this migration is to end).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE interaction
      ADD COLUMN status text NOT NULL DEFAULT 'confirmed'
        CONSTRAINT interaction_status CHECK (status IN ('pending', 'confirmed')),
      ADD COLUMN confirmed_at timestamptz;
    -- one pending row per pair: the most recent stays for the person to answer, older ones go
    WITH ranked AS (
      SELECT network_id, id,
             row_number() OVER (PARTITION BY network_id, a_id, b_id ORDER BY created_at DESC, id) AS n
      FROM interaction
      WHERE source_type = 'manual' AND b_type = 'person'
    )
    DELETE FROM interaction i USING ranked r
    WHERE i.network_id = r.network_id AND i.id = r.id AND r.n > 1;
    UPDATE interaction SET status = 'pending' WHERE source_type = 'manual' AND b_type = 'person';
    INSERT INTO job (network_id, kind, payload, run_at)
      SELECT network_id, 'interaction.expire', jsonb_build_object('interactionId', id), now() + interval '30 days'
      FROM interaction WHERE status = 'pending';
    ALTER TABLE interaction
      ADD CONSTRAINT interaction_pending_by_hand
        CHECK (status = 'confirmed' OR (source_type IS NOT DISTINCT FROM 'manual' AND b_type = 'person')),
      ADD CONSTRAINT interaction_confirmed_by_person
        CHECK (source_type IS DISTINCT FROM 'manual' OR b_type <> 'person'
               OR (status = 'confirmed') = (confirmed_at IS NOT NULL));
    CREATE UNIQUE INDEX interaction_one_pending ON interaction (network_id, a_id, b_id) WHERE status = 'pending';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DELETE FROM job WHERE kind = 'interaction.expire';
    DROP INDEX IF EXISTS interaction_one_pending;
    ALTER TABLE interaction
      DROP CONSTRAINT IF EXISTS interaction_confirmed_by_person,
      DROP CONSTRAINT IF EXISTS interaction_pending_by_hand,
      DROP COLUMN confirmed_at,
      DROP COLUMN status;
  `.execute(db);
}
