import { sql } from 'kysely';
import type { ActivityFigure, AreaManifest } from '../manifest.ts';

/**
 * Mitmachen's figures for the front page: the published opportunities and, of them, the mini tasks
 * (both listed publicly, so resting on nobody), and the hours of engagement confirmed for the last
 * whole month (resting on the people who gave them).
 */
export const participationActivity: NonNullable<AreaManifest['activity']> = async (db, networkId, month) => {
  const [open, hours] = await Promise.all([
    db
      .selectFrom('opportunity')
      .select([
        (eb) => eb.fn.countAll<string>().as('n'),
        sql<string>`count(*) FILTER (WHERE level = 'mini')`.as('mini'),
      ])
      .where('network_id', '=', networkId)
      .where('status', '=', 'published')
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('hours_entry')
      .select([
        sql<string>`coalesce(sum(minutes), 0)`.as('minutes'),
        sql<string>`count(DISTINCT account_id)`.as('people'),
      ])
      .where('network_id', '=', networkId)
      .where('status', '=', 'confirmed')
      .where('occurred_on', '>=', month.firstDay)
      .where('occurred_on', '<=', month.lastDay)
      .executeTakeFirstOrThrow(),
  ]);
  return [
    { key: 'opportunities', value: Number(open.n), people: 0 },
    { key: 'miniTasks', value: Number(open.mini), people: 0 },
    { key: 'hours', value: Math.round(Number(hours.minutes) / 60), people: Number(hours.people) },
  ] satisfies ActivityFigure[];
};
