import { type Kysely, sql } from 'kysely';

/**
 * The neighbourhood map's reports in a map view as a search in two dimensions (measured on the
 * synthetic town M, 50 000 reports, see docs/PERFORMANCE.md): the btree on (network, lat, lng)
 * ranged over a latitude band across the whole town (20 000 entries for a view of 5 000) and read
 * every row for its id and date. The GiST index finds the box itself; with the coordinates, date
 * and id as INCLUDE columns (PostgreSQL cannot read them back out of the indexed point) the view's
 * count and the choice of its newest page read the index alone — as the resources' map does
 * (migration 20261125_1400_resource_map_indexes).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE INDEX map_report_point ON map_report USING gist (network_id, point(lng, lat)) INCLUDE (lat, lng, created_at, id);
    DROP INDEX map_report_bbox;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE INDEX map_report_bbox ON map_report (network_id, lat, lng);
    DROP INDEX map_report_point;
  `.execute(db);
}
