import { type Kysely, sql } from 'kysely';

/**
 * Offers and wants (Tauschring): short posts that expire unless renewed, and messages between the
 * author and people who answer, so nobody has to expose an email address.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE exchange_post (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      kind text NOT NULL CHECK (kind IN ('offer', 'want')),
      author_id uuid NOT NULL,
      organisation_id uuid,
      category text NOT NULL CHECK (category IN ('skill', 'help', 'item', 'lesson', 'transport', 'other')),
      title text NOT NULL CHECK (length(title) BETWEEN 3 AND 120),
      description text NOT NULL DEFAULT '' CHECK (length(description) <= 3000),
      district_id uuid,
      time_credit_minutes integer CHECK (time_credit_minutes IS NULL OR time_credit_minutes BETWEEN 1 AND 6000),
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
      expires_at timestamptz NOT NULL,
      reminded_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, author_id) REFERENCES account(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, organisation_id) REFERENCES organisation(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, district_id) REFERENCES district(network_id, id) ON DELETE SET NULL (district_id)
    );
    CREATE INDEX exchange_post_open ON exchange_post (network_id, kind, category, expires_at) WHERE status = 'open';
    CREATE INDEX exchange_post_author ON exchange_post (network_id, author_id);
    CREATE INDEX exchange_post_title_trgm ON exchange_post USING gin (title gin_trgm_ops);

    CREATE TABLE exchange_message (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      post_id uuid NOT NULL,
      sender_id uuid NOT NULL,
      recipient_id uuid NOT NULL,
      body text NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
      created_at timestamptz NOT NULL DEFAULT now(),
      read_at timestamptz,
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, post_id) REFERENCES exchange_post(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, sender_id) REFERENCES account(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, recipient_id) REFERENCES account(network_id, id) ON DELETE CASCADE,
      CHECK (sender_id <> recipient_id)
    );
    CREATE INDEX exchange_message_post ON exchange_message (network_id, post_id, created_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS exchange_message, exchange_post`.execute(db);
}
