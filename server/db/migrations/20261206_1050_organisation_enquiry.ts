import { type Kysely, sql } from 'kysely';

/**
 * A person asks an organisation for help, or about something only its members may use: an enquiry.
 * It is between the person who asks and the organisation's admins, who mark it answered once they
 * have answered — by phone or email, as the person asked to be reached (`contact`, their choice). It goes with the account that
 * asked and with the organisation; who marked it answered is kept while that account exists.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE organisation_enquiry (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      organisation_id uuid NOT NULL,
      author_id uuid NOT NULL,
      subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 120),
      message text NOT NULL CHECK (length(message) BETWEEN 1 AND 2000),
      contact text NOT NULL CHECK (length(contact) BETWEEN 1 AND 200),
      created_at timestamptz NOT NULL DEFAULT now(),
      answered_at timestamptz,
      answered_by uuid,
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, organisation_id) REFERENCES organisation(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, author_id) REFERENCES account(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, answered_by) REFERENCES account(network_id, id) ON DELETE SET NULL (answered_by),
      CHECK (answered_by IS NULL OR answered_at IS NOT NULL)
    );
    CREATE INDEX organisation_enquiry_organisation
      ON organisation_enquiry (network_id, organisation_id, created_at DESC);
    CREATE INDEX organisation_enquiry_author ON organisation_enquiry (network_id, author_id, created_at DESC);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS organisation_enquiry`.execute(db);
}
