import { type Kysely, sql } from 'kysely';

/**
 * A time credit for the helper when a care-circle need is marked done (issue #4, item 4).
 *
 * - A transfer may now name a need as its source ('need'). At most one transfer ever names a given
 *   need (partial unique index), whoever initiated it — the idempotency key alone is unique only per
 *   initiator, and two coordinators could mark the same need done.
 * - The need keeps the id of the transfer that paid for it, under a unique key, and only a done need
 *   can have one.
 *
 * The transfer's memo stays empty: statements are read by the payer's organisation and by instance
 * admins, who are not in the circle, so the client names such a line from its source type instead.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE timebank_transfer DROP CONSTRAINT timebank_transfer_source_type_check;
    ALTER TABLE timebank_transfer ADD CONSTRAINT timebank_transfer_source_type_check
      CHECK (source_type IS NULL OR source_type IN ('offer', 'booking', 'shift', 'need'));
    CREATE UNIQUE INDEX timebank_transfer_one_per_need ON timebank_transfer (network_id, source_id)
      WHERE source_type = 'need';

    ALTER TABLE circle_need ADD COLUMN credit_transfer_id uuid;
    ALTER TABLE circle_need ADD CONSTRAINT circle_need_credit_transfer_key UNIQUE (network_id, credit_transfer_id);
    ALTER TABLE circle_need ADD CONSTRAINT circle_need_credit_transfer_fkey
      FOREIGN KEY (network_id, credit_transfer_id) REFERENCES timebank_transfer(network_id, id);
    ALTER TABLE circle_need ADD CONSTRAINT circle_need_credit_only_done
      CHECK (credit_transfer_id IS NULL OR done_at IS NOT NULL);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE circle_need DROP COLUMN credit_transfer_id;
    DROP INDEX timebank_transfer_one_per_need;
    ALTER TABLE timebank_transfer DROP CONSTRAINT timebank_transfer_source_type_check;
    ALTER TABLE timebank_transfer ADD CONSTRAINT timebank_transfer_source_type_check
      CHECK (source_type IS NULL OR source_type IN ('offer', 'booking', 'shift'));
  `.execute(db);
}
