import { type Kysely, sql } from 'kysely';

/**
 * Indexes for the map and the catalogue at town scale (measured on the synthetic town M, 50 000
 * resources, see docs/PERFORMANCE.md): a GiST index on the public point, so a bounding box is an
 * index search in two dimensions instead of a latitude band across the whole town, and the map's
 * clusters and the list beside it read only what is in view — from the index alone (its INCLUDE
 * columns; PostgreSQL cannot read public_lat back out of the indexed expression); and (network, title, id) for the
 * catalogue's default order, so its first page is read in order instead of sorting every resource.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE INDEX resource_point ON resource USING gist (network_id, point(public_lng, public_lat))
      INCLUDE (public_lat, public_lng, id) WHERE active AND public_lat IS NOT NULL;
    CREATE INDEX resource_title ON resource (network_id, title, id) WHERE active;
    DROP INDEX resource_bbox;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE INDEX resource_bbox ON resource (network_id, public_lat, public_lng) WHERE active;
    DROP INDEX resource_title;
    DROP INDEX resource_point;
  `.execute(db);
}
