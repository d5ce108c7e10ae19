import { sql } from 'kysely';
import type { ActivityFigure, AreaManifest } from '../manifest.ts';

/**
 * Teilen's figures for the front page: what is on offer now (the catalogue is public, so its count
 * rests on nobody), the open offers and wants of the Tauschring (counted by their authors), and the
 * bookings that began in the last whole month (counted by the people who asked for them).
 */
export const sharingActivity: NonNullable<AreaManifest['activity']> = async (db, networkId, month) => {
  const [resources, posts, bookings] = await Promise.all([
    db
      .selectFrom('resource')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('network_id', '=', networkId)
      .where('active', '=', true)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('exchange_post')
      .select([(eb) => eb.fn.countAll<string>().as('n'), sql<string>`count(DISTINCT author_id)`.as('people')])
      .where('network_id', '=', networkId)
      .where('status', '=', 'open')
      .where('expires_at', '>', sql<Date>`now()`)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('booking')
      .select([
        (eb) => eb.fn.countAll<string>().as('n'),
        sql<string>`count(DISTINCT requester_id)`.as('people'),
      ])
      .where('network_id', '=', networkId)
      .where('status', 'in', ['approved', 'handed_over', 'returned'])
      .where(sql<boolean>`lower(period) >= ${month.from} AND lower(period) < ${month.to}`)
      .executeTakeFirstOrThrow(),
  ]);
  return [
    { key: 'resources', value: Number(resources.n), people: 0 },
    { key: 'exchangePosts', value: Number(posts.n), people: Number(posts.people) },
    { key: 'bookings', value: Number(bookings.n), people: Number(bookings.people) },
  ] satisfies ActivityFigure[];
};
