import { sql } from 'kysely';
import { containsPattern } from '../../../../db/like.ts';
import type {
  CommunityJoining,
  CommunityMemberStatus,
  CommunityRole,
  CommunitySpace,
} from '../../../../db/schema.ts';
import type { Executor } from '../../../../db/tx.ts';
import { hiddenSql } from '../../../../platform/moderation.ts';

/**
 * All SQL of communities and their members. A member row is `requested` until an owner or moderator
 * accepts it (then `active`, with `joined_at`); only active members count, see names or write. Changes
 * to a community's people are made with its row locked (lockCommunity), so two of them are decided one
 * after the other (the database's community_keeps_an_owner trigger relies on the same lock).
 */

const hiddenCommunity = hiddenSql('community', 'c');

function communities(db: Executor, networkId: string, viewerId: string | null) {
  return db
    .selectFrom('community as c')
    .leftJoin('district as d', (j) =>
      j.onRef('d.network_id', '=', 'c.network_id').onRef('d.id', '=', 'c.district_id'),
    )
    .leftJoin('community_member as me', (j) =>
      j
        .onRef('me.network_id', '=', 'c.network_id')
        .onRef('me.community_id', '=', 'c.id')
        .on('me.account_id', '=', viewerId ?? sql<string>`NULL::uuid`),
    )
    .where('c.network_id', '=', networkId);
}

const columns = [
  'c.id',
  'c.slug',
  'c.name',
  'c.summary',
  'c.space',
  'c.towns',
  'c.district_id',
  'd.name as district_name',
  'c.joining',
  'c.archived_at',
  'c.created_at',
  'me.role as me_role',
  'me.status as me_status',
] as const;

/** active members, counted in the same query */
const memberCount = sql<number>`(SELECT count(*)::int FROM community_member m
  WHERE m.network_id = c.network_id AND m.community_id = c.id AND m.status = 'active')`;

export async function findCommunity(
  db: Executor,
  networkId: string,
  idOrSlug: string,
  viewerId: string | null,
) {
  const byId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(idOrSlug);
  return communities(db, networkId, viewerId)
    .select([
      ...columns,
      'c.description',
      'c.updated_at',
      memberCount.as('member_count'),
      hiddenCommunity.as('hidden'),
      sql<number>`(SELECT count(*)::int FROM community_member m
        WHERE m.network_id = c.network_id AND m.community_id = c.id AND m.status = 'requested')`.as(
        'request_count',
      ),
    ])
    .where(byId ? 'c.id' : 'c.slug', '=', idOrSlug)
    .executeTakeFirst();
}

export type CommunityRow = NonNullable<Awaited<ReturnType<typeof findCommunity>>>;

/** The community row, locked until the end of the transaction: every change to its people waits for it. */
export async function lockCommunity(db: Executor, networkId: string, id: string) {
  return db
    .selectFrom('community')
    .selectAll()
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export interface CommunityFilter {
  q?: string;
  space?: CommunitySpace;
  districtId?: string;
  /** only those the viewer belongs to (or asked to join) */
  mine?: boolean;
  viewerId: string | null;
  limit: number;
  offset: number;
}

/** Communities not archived and not hidden, by name; with `mine`, those the viewer is in or asked to join. */
export async function listCommunities(db: Executor, networkId: string, f: CommunityFilter) {
  let q = communities(db, networkId, f.viewerId)
    .where('c.archived_at', 'is', null)
    .where(sql<boolean>`NOT ${hiddenCommunity}`);
  if (f.q) {
    const like = containsPattern(f.q);
    q = q.where((eb) => eb.or([eb('c.name', 'ilike', like), eb('c.summary', 'ilike', like)]));
  }
  if (f.space) q = q.where('c.space', '=', f.space);
  if (f.districtId) q = q.where('c.district_id', '=', f.districtId);
  if (f.mine) q = q.where('me.account_id', 'is not', null);
  const [items, count] = await Promise.all([
    q
      .select([...columns, memberCount.as('member_count')])
      .orderBy(sql`lower(c.name)`)
      .orderBy('c.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

export type CommunityListRow = Awaited<ReturnType<typeof listCommunities>>['items'][number];

export interface CommunityFields {
  name: string;
  summary: string;
  description: string;
  space: CommunitySpace;
  towns: string[];
  districtId: string | null;
  joining: CommunityJoining;
}

/** A new community under `slug`, or null when the slug is taken (the caller tries the next). */
export async function insertCommunity(
  db: Executor,
  networkId: string,
  slug: string,
  f: CommunityFields,
  createdBy: string,
): Promise<string | null> {
  const row = await db
    .insertInto('community')
    .values({
      network_id: networkId,
      slug,
      name: f.name,
      summary: f.summary,
      description: f.description,
      space: f.space,
      towns: f.towns,
      district_id: f.districtId,
      joining: f.joining,
      created_by: createdBy,
    })
    .onConflict((oc) => oc.columns(['network_id', 'slug']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function updateCommunity(
  db: Executor,
  networkId: string,
  id: string,
  set: Partial<{
    name: string;
    summary: string;
    description: string;
    space: CommunitySpace;
    towns: string[];
    district_id: string | null;
    joining: CommunityJoining;
    archived_at: Date;
  }>,
) {
  await db
    .updateTable('community')
    .set({ ...set, updated_at: sql`now()` })
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .execute();
}

export async function memberRow(db: Executor, networkId: string, communityId: string, accountId: string) {
  return db
    .selectFrom('community_member as m')
    .innerJoin('account as a', (j) =>
      j.onRef('a.network_id', '=', 'm.network_id').onRef('a.id', '=', 'm.account_id'),
    )
    .select(['m.account_id', 'm.role', 'm.status', 'm.created_at', 'm.joined_at', 'a.display_name'])
    .where('m.network_id', '=', networkId)
    .where('m.community_id', '=', communityId)
    .where('m.account_id', '=', accountId)
    .executeTakeFirst();
}

export async function insertMember(
  db: Executor,
  networkId: string,
  communityId: string,
  m: { accountId: string; role: CommunityRole; status: CommunityMemberStatus; note?: string },
) {
  await db
    .insertInto('community_member')
    .values({
      network_id: networkId,
      community_id: communityId,
      account_id: m.accountId,
      role: m.role,
      status: m.status,
      request_note: m.note ?? '',
      joined_at: m.status === 'active' ? sql<Date>`now()` : null,
    })
    .execute();
}

export async function updateMember(
  db: Executor,
  networkId: string,
  communityId: string,
  accountId: string,
  set: Partial<{ role: CommunityRole; status: CommunityMemberStatus; joined_at: Date }>,
) {
  await db
    .updateTable('community_member')
    .set(set)
    .where('network_id', '=', networkId)
    .where('community_id', '=', communityId)
    .where('account_id', '=', accountId)
    .execute();
}

export async function deleteMember(db: Executor, networkId: string, communityId: string, accountId: string) {
  await db
    .deleteFrom('community_member')
    .where('network_id', '=', networkId)
    .where('community_id', '=', communityId)
    .where('account_id', '=', accountId)
    .execute();
}

/** Requests to join that nobody answered, taken back when the community is archived. */
export async function deleteRequests(db: Executor, networkId: string, communityId: string) {
  await db
    .deleteFrom('community_member')
    .where('network_id', '=', networkId)
    .where('community_id', '=', communityId)
    .where('status', '=', 'requested')
    .execute();
}

/** How many active owners the community has (call it with the community locked). */
export async function ownerCount(db: Executor, networkId: string, communityId: string): Promise<number> {
  const row = await db
    .selectFrom('community_member')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('network_id', '=', networkId)
    .where('community_id', '=', communityId)
    .where('role', '=', 'owner')
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The active owners and moderators: who answers requests. */
export async function stewardsOf(db: Executor, networkId: string, communityId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('community_member')
    .select('account_id')
    .where('network_id', '=', networkId)
    .where('community_id', '=', communityId)
    .where('status', '=', 'active')
    .where('role', 'in', ['owner', 'moderator'])
    .orderBy('account_id')
    .execute();
  return rows.map((r) => r.account_id);
}

/** A page of the active members (owners first, then moderators, then by name) or of the open requests (oldest first). */
export async function listMembers(
  db: Executor,
  networkId: string,
  communityId: string,
  status: CommunityMemberStatus,
  page: { limit: number; offset: number },
) {
  const q = db
    .selectFrom('community_member as m')
    .innerJoin('account as a', (j) =>
      j.onRef('a.network_id', '=', 'm.network_id').onRef('a.id', '=', 'm.account_id'),
    )
    .where('m.network_id', '=', networkId)
    .where('m.community_id', '=', communityId)
    .where('m.status', '=', status);
  const ordered =
    status === 'active'
      ? q
          .orderBy(sql`array_position(ARRAY['owner', 'moderator', 'member'], m.role)`)
          .orderBy(sql`lower(a.display_name)`)
      : q.orderBy('m.created_at');
  const [items, count] = await Promise.all([
    ordered
      .select(['m.account_id', 'a.display_name', 'm.role', 'm.request_note', 'm.created_at', 'm.joined_at'])
      .orderBy('m.account_id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

export async function districtExists(db: Executor, networkId: string, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('district')
    .select('id')
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row !== undefined;
}

export async function districtName(db: Executor, networkId: string, id: string | null): Promise<string> {
  if (!id) return '';
  const row = await db
    .selectFrom('district')
    .select('name')
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.name ?? '';
}

export async function displayName(db: Executor, networkId: string, accountId: string): Promise<string> {
  const row = await db
    .selectFrom('account')
    .select('display_name')
    .where('network_id', '=', networkId)
    .where('id', '=', accountId)
    .executeTakeFirstOrThrow();
  return row.display_name;
}

// ---- The personal home -----------------------------------------------------------------------------

/** Requests to join communities the person owns or moderates (not archived), oldest first. */
export async function requestsForSteward(db: Executor, networkId: string, accountId: string, limit: number) {
  const q = db
    .selectFrom('community_member as r')
    .innerJoin('community as c', (j) =>
      j.onRef('c.network_id', '=', 'r.network_id').onRef('c.id', '=', 'r.community_id'),
    )
    .innerJoin('community_member as s', (j) =>
      j.onRef('s.network_id', '=', 'r.network_id').onRef('s.community_id', '=', 'r.community_id'),
    )
    .innerJoin('account as a', (j) =>
      j.onRef('a.network_id', '=', 'r.network_id').onRef('a.id', '=', 'r.account_id'),
    )
    .where('r.network_id', '=', networkId)
    .where('r.status', '=', 'requested')
    .where('s.account_id', '=', accountId)
    .where('s.status', '=', 'active')
    .where('s.role', 'in', ['owner', 'moderator'])
    .where('c.archived_at', 'is', null);
  const [rows, count] = await Promise.all([
    q
      .select(['c.id', 'c.slug', 'c.name', 'r.account_id', 'a.display_name', 'r.created_at'])
      .orderBy('r.created_at')
      .orderBy('r.account_id')
      .limit(limit)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** The person's own requests still waiting for an answer. */
export async function myRequests(db: Executor, networkId: string, accountId: string, limit: number) {
  return db
    .selectFrom('community_member as r')
    .innerJoin('community as c', (j) =>
      j.onRef('c.network_id', '=', 'r.network_id').onRef('c.id', '=', 'r.community_id'),
    )
    .select(['c.id', 'c.slug', 'c.name', 'r.created_at'])
    .where('r.network_id', '=', networkId)
    .where('r.account_id', '=', accountId)
    .where('r.status', '=', 'requested')
    .where('c.archived_at', 'is', null)
    .orderBy('r.created_at')
    .limit(limit)
    .execute();
}

/**
 * Communities the person is not in that match what they said about themselves: one of their interests
 * stands in the name or the summary, or the community meets in one of their districts. Each with the
 * reason (the interest, or the district), so the suggestion can say why.
 */
export async function suggestionsFor(db: Executor, networkId: string, accountId: string, limit: number) {
  const profile = await db
    .selectFrom('profile')
    .select(['interests', 'district_ids'])
    .where('network_id', '=', networkId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  const interests = (profile?.interests ?? []).map((i) => i.trim()).filter((i) => i.length >= 3);
  const districts = profile?.district_ids ?? [];
  if (interests.length === 0 && districts.length === 0) return [];
  const interestMatch =
    interests.length > 0
      ? sql<string | null>`(SELECT i FROM unnest(${interests}::text[]) AS i
          WHERE c.name ILIKE '%' || i || '%' OR c.summary ILIKE '%' || i || '%' ORDER BY i LIMIT 1)`
      : sql<string | null>`NULL::text`;
  const inDistrict =
    districts.length > 0 ? sql<boolean>`(c.district_id = ANY(${districts}::uuid[]))` : sql<boolean>`false`;
  return (
    db
      .selectFrom('community as c')
      .leftJoin('district as d', (j) =>
        j.onRef('d.network_id', '=', 'c.network_id').onRef('d.id', '=', 'c.district_id'),
      )
      .select([
        'c.id',
        'c.slug',
        'c.name',
        'c.joining',
        'd.name as district_name',
        interestMatch.as('interest'),
        inDistrict.as('in_district'),
      ])
      .where('c.network_id', '=', networkId)
      .where('c.archived_at', 'is', null)
      .where(sql<boolean>`NOT ${hiddenCommunity}`)
      .where(sql<boolean>`(${interestMatch} IS NOT NULL OR ${inDistrict})`)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('community_member as m')
              .select('m.account_id')
              .whereRef('m.network_id', '=', 'c.network_id')
              .whereRef('m.community_id', '=', 'c.id')
              .where('m.account_id', '=', accountId),
          ),
        ),
      )
      // what matches an interest first, then by name
      .orderBy(sql`${interestMatch} IS NULL`)
      .orderBy('c.name')
      .orderBy('c.id')
      .limit(limit)
      .execute()
  );
}
