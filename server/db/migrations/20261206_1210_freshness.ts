import { type Kysely, sql } from 'kysely';

/**
 * Wissen, freshness: the "still correct?" reminders sent to the owner of a wiki page or a map report.
 * One row per thing and due date — a due date is `reviewed_at + review_interval_days`, so a new check
 * (or a new interval) starts a new due period. The primary key is what makes a reminder go once per
 * due period even when two sweeps run at the same time: the sweep inserts first and notifies only for
 * the rows it inserted.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE knowledge_review_reminder (
      network_id uuid NOT NULL REFERENCES network(id) ON DELETE CASCADE,
      target_type text NOT NULL CHECK (target_type IN ('wiki_page', 'map_report')),
      target_id uuid NOT NULL,
      due_at timestamptz NOT NULL,
      owner_id uuid,
      sent_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, target_type, target_id, due_at),
      FOREIGN KEY (network_id, owner_id) REFERENCES account(network_id, id) ON DELETE SET NULL (owner_id)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS knowledge_review_reminder;`.execute(db);
}
