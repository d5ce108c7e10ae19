import { type Kysely, sql } from 'kysely';

/**
 * Published opportunities (Mitmachen) federate as `Note`s (issue 17 item 1): what was sent of them is
 * remembered in ap_published like events and news posts, so a change is an Update and a closing a
 * Delete.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE ap_published DROP CONSTRAINT ap_published_object_kind_check;
    ALTER TABLE ap_published ADD CONSTRAINT ap_published_object_kind_check
      CHECK (object_kind IN ('event', 'news', 'opportunity'));
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DELETE FROM ap_published WHERE object_kind = 'opportunity';
    ALTER TABLE ap_published DROP CONSTRAINT ap_published_object_kind_check;
    ALTER TABLE ap_published ADD CONSTRAINT ap_published_object_kind_check
      CHECK (object_kind IN ('event', 'news'));
  `.execute(db);
}
