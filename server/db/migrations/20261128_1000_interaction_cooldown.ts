import { type Kysely, sql } from 'kysely';

/**
 * Declining an interaction deletes it, so nothing stopped the one who logged it from logging the same
 * person again at once, and notifying them again and again. When a person removes an interaction
 * someone else logged by hand with them (declining it, or taking back a confirmation), that pair gets a
 * cool-down: the one who logged it cannot log a new one with that person until `until`.
 *
 * Only what the rule needs is kept: who may not ask whom, and until when — not the interaction, its
 * kind or whether it was declined or taken back. Both sides are accounts of the network; the row goes
 * with either account, and the daily 'maintenance.prune' deletes the ones whose time is over.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE interaction_cooldown (
      network_id uuid NOT NULL,
      requester_id uuid NOT NULL,
      person_id uuid NOT NULL,
      until timestamptz NOT NULL,
      PRIMARY KEY (network_id, requester_id, person_id),
      FOREIGN KEY (network_id, requester_id) REFERENCES account (network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, person_id) REFERENCES account (network_id, id) ON DELETE CASCADE,
      CHECK (requester_id <> person_id)
    );
    CREATE INDEX interaction_cooldown_until ON interaction_cooldown (network_id, until);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS interaction_cooldown`.execute(db);
}
