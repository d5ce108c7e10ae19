import { type ExpressionBuilder, sql } from 'kysely';
import type { CommunityRole, DB, PlaceEventVisibility } from '../../../../db/schema.ts';
import type { Executor } from '../../../../db/tx.ts';
import { type Actor, isSignedIn } from '../../../../policies/actor.ts';

/** The reader's role in the event's host community while an active member, else null. */
const communityRoleOf = (readerId: string | null) =>
  sql<CommunityRole | null>`(SELECT cm.role FROM community_member cm
    WHERE cm.network_id = e.network_id AND cm.community_id = e.community_id
      AND cm.account_id = ${readerId ?? '00000000-0000-0000-0000-000000000000'}::uuid AND cm.status = 'active')`;

/** Registrations waiting for a place. */
const waitlisted = sql<number>`(SELECT count(*)::int FROM place_event_registration w
  WHERE w.network_id = e.network_id AND w.event_id = e.id AND w.status = 'waitlisted')`;

function selectEvents(db: Executor, networkId: string, readerId: string | null) {
  return db
    .selectFrom('place_event as e')
    .leftJoin('organisation as o', (j) =>
      j.onRef('o.network_id', '=', 'e.network_id').onRef('o.id', '=', 'e.organisation_id'),
    )
    .leftJoin('community as c', (j) =>
      j.onRef('c.network_id', '=', 'e.network_id').onRef('c.id', '=', 'e.community_id'),
    )
    .leftJoin('district as d', (j) =>
      j.onRef('d.network_id', '=', 'e.network_id').onRef('d.id', '=', 'e.district_id'),
    )
    .select([
      'e.id',
      'e.organisation_id',
      'e.community_id',
      'e.title',
      'e.description',
      'e.starts_at',
      'e.ends_at',
      'e.venue',
      'e.lat',
      'e.lng',
      'e.district_id',
      'e.online_url',
      'e.step_free',
      'e.free',
      'e.price',
      'e.visibility',
      'e.registration',
      'e.capacity',
      'e.signed_up',
      'e.waitlist_enabled',
      'e.status',
      'e.cancelled_at',
      'e.cancel_reason',
      'e.created_at',
      'e.updated_at',
      'o.name as organisation_name',
      'c.name as community_name',
      'c.slug as community_slug',
      'd.name as district_name',
      communityRoleOf(readerId).as('community_role'),
      waitlisted.as('waitlisted'),
    ])
    .where('e.network_id', '=', networkId);
}

export type EventRow = Awaited<ReturnType<ReturnType<typeof selectEvents>['execute']>>[number];

/** The event as the reader (for their place in a host community) sees its facts, or undefined. */
export async function findEvent(db: Executor, networkId: string, id: string, readerId: string | null) {
  return selectEvents(db, networkId, readerId).where('e.id', '=', id).executeTakeFirst();
}

/**
 * What the reader may see, as SQL (the events policy's `view`, for a list): public events, and the
 * members-only events of organisations they belong to and of communities they are an active member of.
 */
function visibleTo(actor: Actor) {
  return (eb: ExpressionBuilder<DB & { e: DB['place_event'] }, 'e'>) => {
    if (!isSignedIn(actor)) return eb('e.visibility', '=', 'public');
    const organisations = [...actor.roles.keys()];
    return eb.or([
      eb('e.visibility', '=', 'public'),
      ...(organisations.length > 0 ? [eb('e.organisation_id', 'in', organisations)] : []),
      eb.exists(
        eb
          .selectFrom('community_member as cm')
          .select(sql`1`.as('one'))
          .whereRef('cm.network_id', '=', 'e.network_id')
          .whereRef('cm.community_id', '=', 'e.community_id')
          .where('cm.account_id', '=', actor.accountId)
          .where('cm.status', '=', 'active'),
      ),
    ]);
  };
}

export interface EventFilter {
  from: Date;
  to: Date;
  districtId?: string;
  communityId?: string;
  accessible?: boolean;
  free?: boolean;
  online?: boolean;
  limit: number;
}

/** The events the reader may see that overlap [from, to) and pass the filters, earliest first. */
export async function listEvents(db: Executor, networkId: string, actor: Actor, f: EventFilter) {
  let q = selectEvents(db, networkId, actor.accountId)
    .where(visibleTo(actor))
    .where('e.starts_at', '<', f.to)
    .where('e.ends_at', '>', f.from);
  if (f.districtId) q = q.where('e.district_id', '=', f.districtId);
  if (f.communityId) q = q.where('e.community_id', '=', f.communityId);
  if (f.accessible) q = q.where('e.step_free', '=', true).where('e.venue', '<>', '');
  if (f.free) q = q.where('e.free', '=', true);
  if (f.online) q = q.where('e.online_url', 'is not', null);
  return q.orderBy('e.starts_at').orderBy('e.id').limit(f.limit).execute();
}

export interface EventValues {
  title: string;
  description: string;
  startsAt: Date;
  endsAt: Date;
  venue: string;
  lat: number | null;
  lng: number | null;
  districtId: string | null;
  onlineUrl: string | null;
  stepFree: boolean;
  free: boolean;
  price: string;
  visibility: PlaceEventVisibility;
  registration: boolean;
  capacity: number | null;
  waitlistEnabled: boolean;
}

const columnsOf = (v: EventValues) => ({
  title: v.title,
  description: v.description,
  starts_at: v.startsAt,
  ends_at: v.endsAt,
  venue: v.venue,
  lat: v.lat,
  lng: v.lng,
  district_id: v.districtId,
  online_url: v.onlineUrl,
  step_free: v.stepFree,
  free: v.free,
  price: v.price,
  visibility: v.visibility,
  registration: v.registration,
  capacity: v.capacity,
  waitlist_enabled: v.waitlistEnabled,
});

export async function insertEvent(
  db: Executor,
  networkId: string,
  host: { organisationId: string | null; communityId: string | null },
  v: EventValues,
  createdBy: string,
) {
  return db
    .insertInto('place_event')
    .values({
      network_id: networkId,
      organisation_id: host.organisationId,
      community_id: host.communityId,
      created_by: createdBy,
      ...columnsOf(v),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function updateEvent(db: Executor, networkId: string, id: string, v: EventValues) {
  await db
    .updateTable('place_event')
    .set({ ...columnsOf(v), updated_at: sql<Date>`now()` })
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .execute();
}

export async function markCancelled(db: Executor, networkId: string, id: string, reason: string) {
  await db
    .updateTable('place_event')
    .set({
      status: 'cancelled',
      cancelled_at: sql<Date>`now()`,
      cancel_reason: reason,
      updated_at: sql<Date>`now()`,
    })
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .execute();
}

/** The hosts the person may invite for: organisations they act for, communities they own or moderate. */
export async function hostOptions(db: Executor, networkId: string, actor: Actor) {
  if (!isSignedIn(actor)) return { organisations: [], communities: [] };
  const acting = [...actor.roles.entries()]
    .filter(([, role]) => role === 'admin' || role === 'staff')
    .map(([id]) => id);
  const organisations =
    acting.length === 0
      ? []
      : await db
          .selectFrom('organisation')
          .select(['id', 'name'])
          .where('network_id', '=', networkId)
          .where('id', 'in', acting)
          .orderBy('name')
          .execute();
  const communities = await db
    .selectFrom('community as c')
    .innerJoin('community_member as cm', (j) =>
      j.onRef('cm.network_id', '=', 'c.network_id').onRef('cm.community_id', '=', 'c.id'),
    )
    .select(['c.id', 'c.name'])
    .where('c.network_id', '=', networkId)
    .where('c.archived_at', 'is', null)
    .where('cm.account_id', '=', actor.accountId)
    .where('cm.status', '=', 'active')
    .where('cm.role', 'in', ['owner', 'moderator'])
    .orderBy('c.name')
    .execute();
  return { organisations, communities };
}

/** The host as the policies see it, for a new event: its existence and the person's place in a community. */
export async function hostFacts(
  db: Executor,
  networkId: string,
  host: { type: 'organisation' | 'community'; id: string },
  accountId: string,
) {
  if (host.type === 'organisation') {
    const o = await db
      .selectFrom('organisation')
      .select('id')
      .where('network_id', '=', networkId)
      .where('id', '=', host.id)
      .executeTakeFirst();
    return o ? { organisation_id: o.id, community_id: null, community_role: null } : undefined;
  }
  const c = await db
    .selectFrom('community as c')
    .leftJoin('community_member as cm', (j) =>
      j
        .onRef('cm.network_id', '=', 'c.network_id')
        .onRef('cm.community_id', '=', 'c.id')
        .on('cm.account_id', '=', accountId)
        .on('cm.status', '=', 'active'),
    )
    .select(['c.id', 'cm.role'])
    .where('c.network_id', '=', networkId)
    .where('c.id', '=', host.id)
    .where('c.archived_at', 'is', null)
    .executeTakeFirst();
  return c ? { organisation_id: null, community_id: c.id, community_role: c.role ?? null } : undefined;
}

/** Communities whose events the reader may see from `from` on (the calendar's community filter). */
export async function communitiesWithEvents(db: Executor, networkId: string, actor: Actor, from: Date) {
  return db
    .selectFrom('place_event as e')
    .innerJoin('community as c', (j) =>
      j.onRef('c.network_id', '=', 'e.network_id').onRef('c.id', '=', 'e.community_id'),
    )
    .select(['c.id', 'c.name', 'c.slug'])
    .distinct()
    .where('e.network_id', '=', networkId)
    .where(visibleTo(actor))
    .where('e.ends_at', '>', from)
    .orderBy('c.name')
    .limit(200)
    .execute();
}

/** The events the person registered for (a place, or waiting; cancelled ones too), overlapping [from, to). */
export async function eventsRegisteredBy(
  db: Executor,
  networkId: string,
  accountId: string,
  f: { from: Date; to: Date; limit: number },
) {
  return selectEvents(db, networkId, accountId)
    .innerJoin('place_event_registration as r', (j) =>
      j.onRef('r.network_id', '=', 'e.network_id').onRef('r.event_id', '=', 'e.id'),
    )
    .select('r.status as my_status')
    .where('r.account_id', '=', accountId)
    .where('r.status', 'in', ['signed_up', 'waitlisted', 'checked_in'])
    .where('e.starts_at', '<', f.to)
    .where('e.ends_at', '>', f.from)
    .orderBy('e.starts_at')
    .orderBy('e.id')
    .limit(f.limit)
    .execute();
}
