import { type Kysely, sql } from 'kysely';

/**
 * Wissen, news: the comments under an organisation's posts (news_post is a core table). A comment is
 * Markdown, rendered on the server like the post; its author may edit it (edited_at says so) and
 * delete it, the organisation's staff and the instance admins remove any. Comments go with their post.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE news_comment (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      post_id uuid NOT NULL,
      body text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
      author_id uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      edited_at timestamptz,
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, post_id) REFERENCES news_post(network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, author_id) REFERENCES account(network_id, id) ON DELETE SET NULL (author_id)
    );
    CREATE INDEX news_comment_post ON news_comment (network_id, post_id, created_at, id);
    CREATE INDEX news_comment_author ON news_comment (network_id, author_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS news_comment CASCADE;`.execute(db);
}
