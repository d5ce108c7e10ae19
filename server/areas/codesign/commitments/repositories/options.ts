import { sql } from 'kysely';
import type { Executor } from '../../../../db/tx.ts';

/**
 * What the commitment form offers to pick from, for one actor: only things of their own
 * organisations (and their own bookings; a neighbour's booking of their room is not theirs to commit). The other areas' rules decide again when the commitment is
 * made; these lists only save typing ids.
 */
export async function bookingOptions(db: Executor, networkId: string, accountId: string, orgIds: string[]) {
  const orgs = orgIds.length > 0 ? orgIds : ['00000000-0000-0000-0000-000000000000'];
  return db
    .selectFrom('booking as b')
    .innerJoin('resource as r', (j) =>
      j.onRef('r.network_id', '=', 'b.network_id').onRef('r.id', '=', 'b.resource_id'),
    )
    .select([
      'b.id',
      'b.status',
      'r.title as resource_title',
      'r.kind as resource_kind',
      sql<Date>`lower(b.period)`.as('starts_at'),
      sql<Date>`upper(b.period)`.as('ends_at'),
    ])
    .where('b.network_id', '=', networkId)
    .where('b.status', 'in', ['requested', 'approved', 'handed_over'])
    .where(sql<boolean>`upper(b.period) > now()`)
    .where((eb) => eb.or([eb('b.requester_id', '=', accountId), eb('b.organisation_id', 'in', orgs)]))
    .orderBy(sql`lower(b.period)`)
    .limit(100)
    .execute();
}

/** Active resources of the actor's organisations and of the organisations running the project. */
export async function resourceOptions(db: Executor, networkId: string, orgIds: string[]) {
  if (orgIds.length === 0) return [];
  return db
    .selectFrom('resource as r')
    .innerJoin('organisation as o', (j) =>
      j.onRef('o.network_id', '=', 'r.network_id').onRef('o.id', '=', 'r.organisation_id'),
    )
    .select(['r.id', 'r.title', 'r.kind', 'o.name as owner_name'])
    .where('r.network_id', '=', networkId)
    .where('r.active', '=', true)
    .where('r.owner_type', '=', 'organisation')
    .where('r.organisation_id', 'in', orgIds)
    .where('r.kind', 'in', ['room', 'equipment', 'vehicle'])
    .orderBy('o.name')
    .orderBy('r.title')
    .limit(100)
    .execute();
}

/** Opportunities the actor's organisations run (not closed), with their coming shifts. */
export async function opportunityOptions(db: Executor, networkId: string, orgIds: string[]) {
  if (orgIds.length === 0) return [];
  return db
    .selectFrom('opportunity as op')
    .select([
      'op.id',
      'op.title',
      'op.status',
      sql<
        { id: string; starts_at: string; ends_at: string; capacity: number; signed_up: number }[]
      >`coalesce((
        SELECT json_agg(json_build_object('id', s.id, 'starts_at', s.starts_at, 'ends_at', s.ends_at,
          'capacity', s.capacity, 'signed_up', s.signed_up) ORDER BY s.starts_at, s.id)
        FROM shift s WHERE s.network_id = op.network_id AND s.opportunity_id = op.id AND s.ends_at > now()), '[]'::json)`.as(
        'shifts',
      ),
    ])
    .where('op.network_id', '=', networkId)
    .where('op.status', '<>', 'closed')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('opportunity_organisation as x')
          .select('x.opportunity_id')
          .whereRef('x.network_id', '=', 'op.network_id')
          .whereRef('x.opportunity_id', '=', 'op.id')
          .where('x.status', '=', 'accepted')
          .where('x.organisation_id', 'in', orgIds),
      ),
    )
    .orderBy('op.title')
    .limit(100)
    .execute();
}
