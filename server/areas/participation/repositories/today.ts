import { type SqlBool, sql } from 'kysely';
import type { Executor } from '../../../db/tx.ts';

/**
 * Published opportunities with a shift in the next `days` days on which nobody holds a place or waits,
 * soonest first (the network's coordinator: areas/participation/today.ts), with the organisations
 * that run them.
 */
export async function opportunitiesWithoutSignups(
  db: Executor,
  networkId: string,
  now: Date,
  days: number,
  limit: number,
) {
  const until = new Date(now.getTime() + days * 86_400_000);
  const upcoming = sql<SqlBool>`s.network_id = op.network_id AND s.opportunity_id = op.id
    AND s.starts_at > ${now} AND s.starts_at < ${until}`;
  const q = db
    .selectFrom('opportunity as op')
    .where('op.network_id', '=', networkId)
    .where('op.status', '=', 'published')
    .where(sql<SqlBool>`EXISTS (SELECT 1 FROM shift s WHERE ${upcoming})`)
    .where(
      sql<SqlBool>`NOT EXISTS (SELECT 1 FROM shift s JOIN shift_signup su
        ON su.network_id = s.network_id AND su.shift_id = s.id AND su.status <> 'withdrawn'
        WHERE ${upcoming})`,
    );
  const [items, total] = await Promise.all([
    q
      .select([
        'op.id',
        'op.title',
        sql<Date>`(SELECT min(s.starts_at) FROM shift s WHERE ${upcoming})`.as('next_shift_at'),
        sql<string | null>`(SELECT string_agg(o.name, ', ' ORDER BY oo.is_lead DESC, o.name)
          FROM opportunity_organisation oo
          JOIN organisation o ON o.network_id = oo.network_id AND o.id = oo.organisation_id
          WHERE oo.network_id = op.network_id AND oo.opportunity_id = op.id AND oo.status = 'accepted')`.as(
          'organisations',
        ),
      ])
      .orderBy('next_shift_at')
      .orderBy('op.id')
      .limit(limit)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}
