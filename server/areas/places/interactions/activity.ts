import { sql } from 'kysely';
import type { AreaManifest } from '../../manifest.ts';

/**
 * Räume & Brücken's figures for the front page: the confirmed interactions of the last whole month
 * (the record every area adds to), resting on the people in them, and how many of them joined two
 * organisations of different sectors — the bridges the network is for.
 */
export const placesActivity: NonNullable<AreaManifest['activity']> = async (db, networkId, month) => {
  const r = await sql<{ n: string; people: string; bridges: string }>`
    WITH done AS (
      SELECT a_type, a_id, b_type, b_id FROM interaction
      WHERE network_id = ${networkId}::uuid AND status = 'confirmed'
        AND occurred_at >= ${month.from} AND occurred_at < ${month.to})
    SELECT
      (SELECT count(*) FROM done) AS n,
      (SELECT count(DISTINCT id) FROM (
         SELECT a_id AS id FROM done WHERE a_type = 'person'
         UNION SELECT b_id FROM done WHERE b_type = 'person') AS p) AS people,
      (SELECT count(*) FROM done
         JOIN organisation oa ON oa.network_id = ${networkId}::uuid AND oa.id = done.a_id
         JOIN organisation ob ON ob.network_id = ${networkId}::uuid AND ob.id = done.b_id
         WHERE done.a_type = 'organisation' AND done.b_type = 'organisation' AND oa.sector <> ob.sector) AS bridges`.execute(
    db,
  );
  const row = r.rows[0];
  return [
    { key: 'interactions', value: Number(row?.n ?? 0), people: Number(row?.people ?? 0) },
    { key: 'bridges', value: Number(row?.bridges ?? 0), people: 0 },
  ];
};
