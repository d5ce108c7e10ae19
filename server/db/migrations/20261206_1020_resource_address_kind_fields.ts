import { type Kysely, sql } from 'kysely';

/**
 * Forms that fit what is offered (issue 13):
 *
 * - A resource keeps its address as text (street, postcode, town), picked by address search or
 *   typed, beside its point on the map. A private person's address is shown to the owner side only,
 *   like the exact point.
 * - Lending has a deposit and a buffer time between bookings; a skill, a service or a give-away has
 *   neither, and a give-away costs nothing. Values the forms used to let through are cleared, and
 *   the database holds the rule from now on (the capacity of rooms only was already one).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE resource ADD COLUMN address text NOT NULL DEFAULT '' CHECK (length(address) <= 300);
    UPDATE resource SET deposit_cents = 0, buffer_minutes = 0
      WHERE kind NOT IN ('room', 'equipment', 'vehicle') AND (deposit_cents <> 0 OR buffer_minutes <> 0);
    UPDATE resource SET fee_cents = 0, fee_note = ''
      WHERE kind = 'giveaway' AND (fee_cents <> 0 OR fee_note <> '');
    ALTER TABLE resource ADD CONSTRAINT resource_lending_fields
      CHECK (kind IN ('room', 'equipment', 'vehicle') OR (deposit_cents = 0 AND buffer_minutes = 0));
    ALTER TABLE resource ADD CONSTRAINT resource_giveaway_free
      CHECK (kind <> 'giveaway' OR (fee_cents = 0 AND fee_note = ''));
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE resource DROP CONSTRAINT IF EXISTS resource_giveaway_free;
    ALTER TABLE resource DROP CONSTRAINT IF EXISTS resource_lending_fields;
    ALTER TABLE resource DROP COLUMN IF EXISTS address;
  `.execute(db);
}
