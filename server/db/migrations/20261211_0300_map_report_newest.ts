import { type Kysely, sql } from 'kysely';

/**
 * The map's list of a view that holds many reports walks the network's reports newest first and keeps
 * those in the box (listReports in areas/knowledge/reports). The index replacing map_report_recent
 * gives the list's whole order (the id breaks ties of a date) and the coordinates, so the walk reads
 * the index alone and stops after the page: 5 000 reports in the bench's view at size M cost what
 * its page does (docs/PERFORMANCE.md, "Wissen at M on PostgreSQL").
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE INDEX map_report_newest ON map_report (network_id, created_at DESC, id) INCLUDE (lat, lng);
    DROP INDEX map_report_recent;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE INDEX map_report_recent ON map_report (network_id, created_at DESC);
    DROP INDEX map_report_newest;
  `.execute(db);
}
