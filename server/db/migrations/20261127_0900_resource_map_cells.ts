import { type Kysely, sql } from 'kysely';

/**
 * The map's clusters at low zoom from a summary instead of every point in view (issue #3: the map
 * query at 100 000 resources, p95 < 20 ms). Grouping the points of a whole town on every request
 * costs O(points in view); the summary holds one row per occupied cell of a fine base grid, so a
 * zoomed-out view adds up a few hundred rows instead (docs/PERFORMANCE.md, "Map query").
 *
 * The grid is aligned across zoom levels. A cell is 80 px of a 256 px Web-Mercator tile: in
 * longitude 112.5° / 2^zoom, in latitude that times the network's factor — the cosine of its map
 * centre's latitude in whole degrees (51°, the middle of Germany, when no centre is set), rounded
 * to 1/1024, so the cells are about square near the town. Both sizes are then exact binary
 * fractions, the same on every host (PGlite's and PostgreSQL's cosine may differ in the last bit;
 * the rounded factor cannot), and a cell at zoom z ≤ b is exactly 2^(b−z) × 2^(b−z) cells of the
 * base zoom b: floor(x / (c·2^k)) = floor(floor(x / c) / 2^k), in floating point too, since scaling
 * by a power of two is exact.
 *
 * resource_map_cell holds, per base cell, exactly the resources the unfiltered map shows (active,
 * with a public point; the same for every viewer): their number, the sums of their coordinates in
 * millionths of a degree (integers, so a sum kept up by adding and subtracting equals the sum
 * taken afresh, and the mean is the same from either), and the smallest id (the marker of a cell
 * of one names it). Statement-level triggers with transition tables keep it exact in the writing
 * transaction — one aggregated upsert per statement, so a bulk load of 100 000 rows costs one
 * grouping, not 100 000 upserts. Changing the network's map centre far enough to change the factor
 * rebuilds the network's cells.
 */
const baseZoom = 15; // server/repositories/resources.ts mapBaseZoom says the same (a test compares them)

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Longitude size in degrees of a map cell at a zoom level: 360° / 2^zoom × 80 / 256.
    CREATE FUNCTION map_cell_lng(zoom integer) RETURNS double precision
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT 112.5::float8 / (1::bigint << zoom)::float8 $$;

    -- Latitude size of a cell = longitude size × this: cos(map centre latitude), see above.
    CREATE FUNCTION map_lat_factor(settings jsonb) RETURNS double precision
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT round(cos(radians(least(80, abs(round(
               CASE WHEN jsonb_typeof(settings -> 'mapCenter' -> 0) = 'number'
                    THEN (settings -> 'mapCenter' ->> 0)::float8 ELSE 51 END))))) * 1024) / 1024 $$;

    -- The cell of a coordinate on a grid of the given size.
    CREATE FUNCTION map_cell(v double precision, size double precision) RETURNS integer
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT floor(v / size)::integer $$;

    -- A coordinate in whole millionths of a degree (about 10 cm), the unit of the sums.
    CREATE FUNCTION map_e6(v double precision) RETURNS bigint
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT round(v * 1000000::float8)::bigint $$;

    CREATE FUNCTION resource_map_base_zoom() RETURNS integer
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT ${sql.lit(baseZoom)}::integer $$;

    CREATE TABLE resource_map_cell (
      network_id uuid NOT NULL REFERENCES network(id) ON DELETE CASCADE,
      gx integer NOT NULL,
      gy integer NOT NULL,
      -- above 0 in every committed state: the trigger that empties a cell deletes it, and one that
      -- would take a count below 0 (a summary out of step with resource) raises instead. Not a
      -- CHECK: PostgreSQL checks the row an upsert proposes before it finds the conflict, and
      -- that row carries the change (−1), not the result.
      n integer NOT NULL,
      sum_lat_e6 bigint NOT NULL,
      sum_lng_e6 bigint NOT NULL,
      one_id uuid,
      PRIMARY KEY (network_id, gx, gy)
    );

    -- The base cells of a network taken afresh from its resources: the backfill, a rebuild and the
    -- health check all use this one definition.
    CREATE FUNCTION resource_map_cells_of(nid uuid)
      RETURNS TABLE (gx integer, gy integer, n integer, sum_lat_e6 bigint, sum_lng_e6 bigint, one_id uuid)
      LANGUAGE sql STABLE
      AS $$
        SELECT map_cell(r.public_lng, g.cx), map_cell(r.public_lat, g.cy), count(*)::integer,
               sum(map_e6(r.public_lat))::bigint, sum(map_e6(r.public_lng))::bigint, min(r.id::text)::uuid
        FROM resource r,
             (SELECT map_cell_lng(resource_map_base_zoom()) AS cx,
                     map_cell_lng(resource_map_base_zoom()) * map_lat_factor(w.settings) AS cy
              FROM network w WHERE w.id = nid) g
        WHERE r.network_id = nid AND r.active AND r.public_lat IS NOT NULL
        GROUP BY 1, 2
      $$;

    CREATE FUNCTION resource_map_cell_rebuild(nid uuid) RETURNS void
      LANGUAGE plpgsql
      AS $$
      BEGIN
        DELETE FROM resource_map_cell WHERE network_id = nid;
        INSERT INTO resource_map_cell (network_id, gx, gy, n, sum_lat_e6, sum_lng_e6, one_id)
          SELECT nid, c.gx, c.gy, c.n, c.sum_lat_e6, c.sum_lng_e6, c.one_id FROM resource_map_cells_of(nid) c;
      END $$;

    /*
     * Applies contributions to the summary: one per resource row that leaves (d = -1) or enters
     * (d = +1) the unfiltered map with the given point. An update that moves nothing cancels out.
     *
     * Exact under concurrency (READ COMMITTED): the network rows are read FOR SHARE, so a change of
     * the grid factor (an UPDATE of network.settings, which the rebuild trigger follows) waits for
     * writers that computed cells with the old factor, and later writers see the new one. The
     * upsert locks the touched cells in key order (no deadlock between two writers); each later
     * statement here takes a fresh snapshot, so when a cell loses its smallest id, the recount sees
     * every resource committed by whoever held that cell before, and a writer still waiting for the
     * cell adds its own id after us.
     */
    CREATE FUNCTION resource_map_cell_apply(nets uuid[], ids uuid[], lats float8[], lngs float8[], ds integer[])
      RETURNS void
      LANGUAGE plpgsql
      AS $$
      DECLARE
        k_net uuid[]; k_gx integer[]; k_gy integer[]; k_id uuid[]; k_d integer[]; k_lat bigint[]; k_lng bigint[];
        k_bad record;
      BEGIN
        WITH part AS (
          SELECT * FROM unnest(nets, ids, lats, lngs, ds) AS p(network_id, id, lat, lng, d)
        ), changed AS (
          SELECT network_id, id, lat, lng, sum(d)::integer AS d FROM part
          GROUP BY network_id, id, lat, lng HAVING sum(d) <> 0
        ), grid AS (
          SELECT w.id AS network_id, map_cell_lng(resource_map_base_zoom()) AS cx,
                 map_cell_lng(resource_map_base_zoom()) * map_lat_factor(w.settings) AS cy
          FROM network w WHERE w.id IN (SELECT network_id FROM changed)
          FOR SHARE
        ), per_id AS (
          SELECT c.network_id, map_cell(c.lng, g.cx) AS gx, map_cell(c.lat, g.cy) AS gy, c.id,
                 sum(c.d)::integer AS d, sum(c.d * map_e6(c.lat))::bigint AS dlat,
                 sum(c.d * map_e6(c.lng))::bigint AS dlng
          FROM changed c JOIN grid g ON g.network_id = c.network_id
          GROUP BY 1, 2, 3, 4
        )
        SELECT array_agg(network_id), array_agg(gx), array_agg(gy), array_agg(id), array_agg(d),
               array_agg(dlat), array_agg(dlng)
          INTO k_net, k_gx, k_gy, k_id, k_d, k_lat, k_lng
        FROM per_id WHERE d <> 0 OR dlat <> 0 OR dlng <> 0;
        IF k_net IS NULL THEN
          RETURN;
        END IF;

        INSERT INTO resource_map_cell AS c (network_id, gx, gy, n, sum_lat_e6, sum_lng_e6, one_id)
          SELECT network_id, gx, gy, sum(d), sum(dlat), sum(dlng), min(id::text) FILTER (WHERE d > 0)::uuid
          FROM unnest(k_net, k_gx, k_gy, k_id, k_d, k_lat, k_lng) AS k(network_id, gx, gy, id, d, dlat, dlng)
          GROUP BY network_id, gx, gy
          ORDER BY network_id, gx, gy
        ON CONFLICT (network_id, gx, gy) DO UPDATE SET
          n = c.n + excluded.n,
          sum_lat_e6 = c.sum_lat_e6 + excluded.sum_lat_e6,
          sum_lng_e6 = c.sum_lng_e6 + excluded.sum_lng_e6,
          one_id = least(c.one_id, excluded.one_id); -- least() passes over NULL

        WITH gone AS (
          DELETE FROM resource_map_cell c
          USING (SELECT DISTINCT * FROM unnest(k_net, k_gx, k_gy) AS k(network_id, gx, gy)) k
          WHERE c.network_id = k.network_id AND c.gx = k.gx AND c.gy = k.gy AND c.n <= 0
          RETURNING c.network_id, c.gx, c.gy, c.n
        )
        SELECT network_id, gx, gy INTO k_bad FROM gone WHERE n < 0 LIMIT 1;
        IF FOUND THEN
          RAISE EXCEPTION 'resource_map_cell is out of step with resource (network %, cell %, %): repair it with SELECT resource_map_cell_rebuild(network_id)',
            k_bad.network_id, k_bad.gx, k_bad.gy;
        END IF;

        -- a cell that lost its smallest id: the smallest of those left, from the point index
        UPDATE resource_map_cell c SET one_id = (
          SELECT min(r.id::text)::uuid
          FROM resource r,
               (SELECT map_cell_lng(resource_map_base_zoom()) AS cx,
                       map_cell_lng(resource_map_base_zoom()) * map_lat_factor(w.settings) AS cy
                FROM network w WHERE w.id = c.network_id) g
          WHERE r.network_id = c.network_id AND r.active AND r.public_lat IS NOT NULL
            AND point(r.public_lng, r.public_lat) <@ box(
                  point(c.gx * g.cx - 1e-9, c.gy * g.cy - 1e-9),
                  point((c.gx + 1) * g.cx + 1e-9, (c.gy + 1) * g.cy + 1e-9))
            AND map_cell(r.public_lng, g.cx) = c.gx AND map_cell(r.public_lat, g.cy) = c.gy)
        FROM unnest(k_net, k_gx, k_gy, k_id, k_d) AS k(network_id, gx, gy, id, d)
        WHERE k.d < 0 AND c.network_id = k.network_id AND c.gx = k.gx AND c.gy = k.gy AND c.one_id = k.id;
      END $$;

    CREATE FUNCTION resource_map_cell_sync() RETURNS trigger
      LANGUAGE plpgsql
      AS $$
      DECLARE
        nets uuid[]; ids uuid[]; lats float8[]; lngs float8[]; ds integer[];
      BEGIN
        IF TG_OP = 'INSERT' THEN
          SELECT array_agg(network_id), array_agg(id), array_agg(public_lat), array_agg(public_lng), array_agg(1)
            INTO nets, ids, lats, lngs, ds
          FROM new_rows WHERE active AND public_lat IS NOT NULL;
        ELSIF TG_OP = 'DELETE' THEN
          SELECT array_agg(network_id), array_agg(id), array_agg(public_lat), array_agg(public_lng), array_agg(-1)
            INTO nets, ids, lats, lngs, ds
          FROM old_rows WHERE active AND public_lat IS NOT NULL;
        ELSE
          SELECT array_agg(network_id), array_agg(id), array_agg(public_lat), array_agg(public_lng), array_agg(d)
            INTO nets, ids, lats, lngs, ds
          FROM (
            SELECT network_id, id, public_lat, public_lng, -1 AS d FROM old_rows WHERE active AND public_lat IS NOT NULL
            UNION ALL
            SELECT network_id, id, public_lat, public_lng, 1 FROM new_rows WHERE active AND public_lat IS NOT NULL
          ) p;
        END IF;
        IF nets IS NOT NULL THEN
          PERFORM resource_map_cell_apply(nets, ids, lats, lngs, ds);
        END IF;
        RETURN NULL;
      END $$;

    CREATE TRIGGER resource_map_cell_insert AFTER INSERT ON resource
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION resource_map_cell_sync();
    CREATE TRIGGER resource_map_cell_update AFTER UPDATE ON resource
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION resource_map_cell_sync();
    CREATE TRIGGER resource_map_cell_delete AFTER DELETE ON resource
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION resource_map_cell_sync();

    CREATE FUNCTION resource_map_cell_truncate() RETURNS trigger
      LANGUAGE plpgsql
      AS $$
      BEGIN
        DELETE FROM resource_map_cell;
        RETURN NULL;
      END $$;
    CREATE TRIGGER resource_map_cell_truncate AFTER TRUNCATE ON resource
      FOR EACH STATEMENT EXECUTE FUNCTION resource_map_cell_truncate();

    -- A new map centre far enough away to change the factor moves every cell boundary.
    CREATE FUNCTION resource_map_cell_regrid() RETURNS trigger
      LANGUAGE plpgsql
      AS $$
      BEGIN
        PERFORM resource_map_cell_rebuild(NEW.id);
        RETURN NULL;
      END $$;
    CREATE TRIGGER network_map_grid AFTER UPDATE OF settings ON network
      FOR EACH ROW WHEN (map_lat_factor(OLD.settings) IS DISTINCT FROM map_lat_factor(NEW.settings))
      EXECUTE FUNCTION resource_map_cell_regrid();
  `.execute(db);
  // the backfill
  await sql`SELECT resource_map_cell_rebuild(id) FROM network`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TRIGGER network_map_grid ON network;
    DROP TRIGGER resource_map_cell_truncate ON resource;
    DROP TRIGGER resource_map_cell_delete ON resource;
    DROP TRIGGER resource_map_cell_update ON resource;
    DROP TRIGGER resource_map_cell_insert ON resource;
    DROP FUNCTION resource_map_cell_regrid();
    DROP FUNCTION resource_map_cell_truncate();
    DROP FUNCTION resource_map_cell_sync();
    DROP FUNCTION resource_map_cell_apply(uuid[], uuid[], float8[], float8[], integer[]);
    DROP FUNCTION resource_map_cell_rebuild(uuid);
    DROP FUNCTION resource_map_cells_of(uuid);
    DROP TABLE resource_map_cell;
    DROP FUNCTION resource_map_base_zoom();
    DROP FUNCTION map_e6(double precision);
    DROP FUNCTION map_cell(double precision, double precision);
    DROP FUNCTION map_lat_factor(jsonb);
    DROP FUNCTION map_cell_lng(integer);
  `.execute(db);
}
