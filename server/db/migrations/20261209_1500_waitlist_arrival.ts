import { type Kysely, sql } from 'kysely';

/**
 * A place in a waitlist is taken when the request arrives (issue 18, fair waitlists). `queue_no` is
 * numbered when the claim is written, late in its transaction — after the session lookup, waiting for
 * a pooled connection and for the holder's lock — so of two sign-ups received 10 ms apart the later
 * one sometimes stood first. Each claim now carries `queued_at`, the moment the server received the
 * request (platform/capacity.ts), and the waitlist is ordered by (`queued_at`, `queue_no`): arrival
 * first, the lock's order only for a tie. Existing claims keep their order (their creation time).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE shift_signup ADD COLUMN queued_at timestamptz;
    UPDATE shift_signup SET queued_at = created_at;
    ALTER TABLE shift_signup ALTER COLUMN queued_at SET NOT NULL, ALTER COLUMN queued_at SET DEFAULT now();
    DROP INDEX shift_signup_waitlist;
    CREATE INDEX shift_signup_waitlist ON shift_signup (network_id, shift_id, queued_at, queue_no)
      WHERE status = 'waitlisted';

    ALTER TABLE place_event_registration ADD COLUMN queued_at timestamptz;
    UPDATE place_event_registration SET queued_at = created_at;
    ALTER TABLE place_event_registration ALTER COLUMN queued_at SET NOT NULL,
      ALTER COLUMN queued_at SET DEFAULT now();
    DROP INDEX place_event_registration_waitlist;
    CREATE INDEX place_event_registration_waitlist ON place_event_registration (network_id, event_id, queued_at, queue_no)
      WHERE status = 'waitlisted';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX place_event_registration_waitlist;
    ALTER TABLE place_event_registration DROP COLUMN queued_at;
    CREATE INDEX place_event_registration_waitlist ON place_event_registration (network_id, event_id, queue_no)
      WHERE status = 'waitlisted';
    DROP INDEX shift_signup_waitlist;
    ALTER TABLE shift_signup DROP COLUMN queued_at;
    CREATE INDEX shift_signup_waitlist ON shift_signup (network_id, shift_id, queue_no) WHERE status = 'waitlisted';
  `.execute(db);
}
