import { type Kysely, sql } from 'kysely';

/**
 * Wissen, discussions: who a post mentions (an @mention notifies the person once, even when the post
 * is edited or approved later), and the indexes the thread page and the thread list read.
 *
 * - `discussion_post_thread_visible`: a thread's visible posts in order (the thread page, its count).
 * - `discussion_post_pending`: the review queue, oldest first.
 * - `discussion_thread_solved` / `discussion_thread_unanswered`: the list's two filters, by activity.
 * - `discussion_post_thread_author`: who already wrote in a thread (the @mention lookup).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE discussion_mention (
      network_id uuid NOT NULL,
      post_id uuid NOT NULL,
      account_id uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, post_id, account_id),
      FOREIGN KEY (network_id, post_id) REFERENCES discussion_post(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, account_id) REFERENCES account(network_id, id) ON DELETE CASCADE
    );
    CREATE INDEX discussion_mention_account ON discussion_mention (network_id, account_id, created_at DESC);

    CREATE INDEX discussion_post_thread_visible ON discussion_post (network_id, thread_id, position)
      WHERE review_status = 'visible';
    CREATE INDEX discussion_post_pending ON discussion_post (network_id, created_at)
      WHERE review_status = 'pending';
    CREATE INDEX discussion_post_thread_author ON discussion_post (network_id, thread_id, author_id)
      WHERE review_status = 'visible' AND deleted_at IS NULL;
    CREATE INDEX discussion_thread_solved ON discussion_thread (network_id, last_post_at DESC)
      WHERE review_status = 'visible' AND solution_post_id IS NOT NULL;
    CREATE INDEX discussion_thread_unanswered ON discussion_thread (network_id, last_post_at DESC)
      WHERE review_status = 'visible' AND post_count <= 1;
    CREATE INDEX discussion_thread_author ON discussion_thread (network_id, author_id, created_at DESC);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX IF EXISTS discussion_post_thread_visible, discussion_post_pending, discussion_post_thread_author,
      discussion_thread_solved, discussion_thread_unanswered, discussion_thread_author;
    DROP TABLE IF EXISTS discussion_mention;
  `.execute(db);
}
