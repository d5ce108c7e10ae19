import { type Kysely, sql } from 'kysely';

/**
 * Wissen, following and digests: a person's digest setting and the log that makes "never more than
 * one digest a day" a fact of the database; and headers on an email (List-Unsubscribe, RFC 8058).
 *
 * - `knowledge_digest_setting`: off (the default — a digest is opt-in), daily, or weekly on one ISO
 *   weekday. `covered_until` is where the next digest starts (set to now when it is switched on, so a
 *   person who comes back after months does not get them all at once). `unsubscribe_token` is the
 *   per-account secret of the one-click unsubscribe link: it is kept in clear because every digest
 *   repeats it, and it grants nothing but turning the digest off.
 * - `knowledge_digest_log`: one row per account and local day (Europe/Berlin) a digest run took that
 *   person — written first in the run's transaction, so a second worker at the same moment waits on
 *   the key and then finds the day taken: one email, whatever runs at once. `item_count` 0 means the
 *   run found nothing new and sent nothing.
 * - `outbox_email.headers`: extra headers the delivery passes on; `headers_shown` the same with the
 *   mail's secrets redacted (what an admin may see), and what `headers` becomes once the mail is
 *   sent or given up — as for body_text and body_shown.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE knowledge_digest_setting (
      network_id uuid NOT NULL,
      account_id uuid NOT NULL,
      frequency text NOT NULL DEFAULT 'off' CHECK (frequency IN ('off', 'daily', 'weekly')),
      -- ISO weekday, 1 = Monday; only for a weekly digest
      weekday smallint CHECK (weekday BETWEEN 1 AND 7),
      covered_until timestamptz NOT NULL DEFAULT now(),
      unsubscribe_token text NOT NULL CHECK (length(unsubscribe_token) BETWEEN 32 AND 64),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, account_id),
      UNIQUE (network_id, unsubscribe_token),
      FOREIGN KEY (network_id, account_id) REFERENCES account(network_id, id) ON DELETE CASCADE,
      CHECK ((frequency = 'weekly') = (weekday IS NOT NULL))
    );
    CREATE INDEX knowledge_digest_setting_due ON knowledge_digest_setting (network_id, frequency)
      WHERE frequency <> 'off';

    CREATE TABLE knowledge_digest_log (
      network_id uuid NOT NULL,
      account_id uuid NOT NULL,
      local_day date NOT NULL,
      item_count integer NOT NULL DEFAULT 0 CHECK (item_count >= 0),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, account_id, local_day),
      FOREIGN KEY (network_id, account_id) REFERENCES account(network_id, id) ON DELETE CASCADE
    );

    ALTER TABLE outbox_email
      ADD COLUMN headers jsonb NOT NULL DEFAULT '{}'::jsonb,
      ADD COLUMN headers_shown jsonb NOT NULL DEFAULT '{}'::jsonb;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE outbox_email DROP COLUMN IF EXISTS headers, DROP COLUMN IF EXISTS headers_shown;
    DROP TABLE IF EXISTS knowledge_digest_log, knowledge_digest_setting CASCADE;
  `.execute(db);
}
