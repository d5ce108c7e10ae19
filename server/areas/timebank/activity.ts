import { sql } from 'kysely';
import type { AreaManifest } from '../manifest.ts';

/**
 * The time bank's figure for the front page: the hours that changed hands in the last whole month,
 * resting on the people who paid or were paid (an organisation's account or the pool is nobody).
 */
export const timebankActivity: NonNullable<AreaManifest['activity']> = async (db, networkId, month) => {
  const r = await sql<{ minutes: string; people: string }>`
    WITH done AS (
      SELECT payer_account_id, payee_account_id, minutes
      FROM timebank_transfer
      WHERE network_id = ${networkId}::uuid AND status = 'completed'
        AND coalesce(decided_at, created_at) >= ${month.from} AND coalesce(decided_at, created_at) < ${month.to})
    SELECT
      (SELECT coalesce(sum(minutes), 0) FROM done) AS minutes,
      (SELECT count(DISTINCT a.person_id)
         FROM (SELECT payer_account_id AS id FROM done UNION SELECT payee_account_id FROM done) AS side
         JOIN timebank_account a ON a.network_id = ${networkId}::uuid AND a.id = side.id
         WHERE a.owner_type = 'person') AS people`.execute(db);
  const row = r.rows[0];
  return [
    {
      key: 'timebankHours',
      value: Math.round(Number(row?.minutes ?? 0) / 60),
      people: Number(row?.people ?? 0),
    },
  ];
};
