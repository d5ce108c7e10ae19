import { type Kysely, sql } from 'kysely';

/**
 * Tauschring notifications used to link to /teilen/tauschring/:id, a page the web client never had
 * (posts live at /tauschring/:id), so "Ansehen" led to "page not found". New ones are made by
 * platform/webPaths.ts; this repairs the ones already written.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    UPDATE notification SET link = substr(link, length('/teilen') + 1)
      WHERE kind LIKE 'exchange.%' AND link LIKE '/teilen/tauschring/%'
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    UPDATE notification SET link = '/teilen' || link
      WHERE kind LIKE 'exchange.%' AND link LIKE '/tauschring/%'
  `.execute(db);
}
