import { type Kysely, sql } from 'kysely';

/**
 * A wiki page's title looked up in its wiki, by index (issue #14: a wiki page view p99 < 50 ms at
 * size M). Every page view resolves its `[[links]]` by slug or title in its own wiki and the
 * network's; with an index on the slug only, the title's half of that OR read every page of the
 * network (4 000 at M): 2.25 ms of PostgreSQL per view, most of the view's database time. With this
 * index beside wiki_page_slug, and both written the same way in the query (repositories/pages.ts,
 * `inWikis`), it is a BitmapOr of two index scans: 0.04 ms warm. The new-page checks for a free title
 * and slug use it too.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE INDEX wiki_page_title ON wiki_page
      (network_id, COALESCE(organisation_id, '00000000-0000-0000-0000-000000000000'::uuid), lower(title));
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX wiki_page_title`.execute(db);
}
