import { sql, type Updateable } from 'kysely';
import type { BridgeStatus, DB } from '../../../../db/schema.ts';
import type { Executor } from '../../../../db/tx.ts';
import type { Actor } from '../../../../policies/actor.ts';
import type { Candidate, PartyType } from '../match.ts';

/** A side of a suggestion as the database names it: 'a' is always an organisation. */
export type Side = 'a' | 'b';

/** The reason of a candidate as the table keeps it. */
function reasonColumns(c: Candidate) {
  return {
    theme: c.theme,
    giver: c.giver,
    offer_type: c.offer.type,
    offer_id: c.offer.id,
    offer_title: c.offer.title.slice(0, 200),
    offer_idle: c.offer.idle,
    need_type: c.need.type,
    need_id: c.need.id,
    need_title: c.need.title.slice(0, 200),
    different_sector: c.differentSector,
    different_district: c.differentDistrict,
    steps: c.steps,
    score: c.score,
  };
}

const otherColumns = (c: Candidate) =>
  c.b.type === 'organisation'
    ? { other_organisation_id: c.b.id, other_community_id: null }
    : { other_organisation_id: null, other_community_id: c.b.id };

/** Serialises the generation runs of a network (two servers, or a run and the demo seed). */
export async function lockGeneration(tx: Executor, networkId: string) {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`bridges:${networkId}`}))`.execute(tx);
}

/** Every suggestion of the network, as the generation needs them. */
export async function allSuggestions(db: Executor, networkId: string) {
  return db
    .selectFrom('bridge_suggestion')
    .select([
      'id',
      'organisation_id',
      'other_organisation_id',
      'other_community_id',
      'status',
      'hidden_until',
    ])
    .where('network_id', '=', networkId)
    .execute();
}

/** A new suggestion for a pair that has none (false when a concurrent run wrote one first). */
export async function insertSuggestion(db: Executor, networkId: string, c: Candidate, now: Date) {
  const r = await db
    .insertInto('bridge_suggestion')
    .values({
      network_id: networkId,
      organisation_id: c.a.id,
      ...otherColumns(c),
      ...reasonColumns(c),
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.columns(['network_id', 'organisation_id', 'other_id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/**
 * The reason of a waiting suggestion, brought up to date (its state untouched); true when it changed.
 * An unchanged reason is not written, so `updated_at` says when the suggestion last changed.
 */
export async function refreshReason(db: Executor, networkId: string, id: string, c: Candidate, now: Date) {
  const r = reasonColumns(c);
  const res = await db
    .updateTable('bridge_suggestion')
    .set({ ...r, updated_at: now })
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .where('status', 'in', ['open', 'accepted'])
    .where(
      sql<boolean>`(theme, giver, offer_type, offer_id, offer_title, offer_idle, need_type, need_id, need_title,
        different_sector, different_district, steps, score)
        IS DISTINCT FROM (${r.theme}, ${r.giver}, ${r.offer_type}, ${r.offer_id}::uuid, ${r.offer_title},
        ${r.offer_idle}, ${r.need_type}, ${r.need_id}::uuid, ${r.need_title}, ${r.different_sector},
        ${r.different_district}, ${r.steps}::smallint, ${r.score}::integer)`,
    )
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/** A suggestion set aside whose time is over opens again, as new, with today's reason. */
export async function reopen(db: Executor, networkId: string, id: string, c: Candidate, now: Date) {
  const r = await db
    .updateTable('bridge_suggestion')
    .set({
      ...reasonColumns(c),
      status: 'open',
      a_accepted_at: null,
      a_accepted_by: null,
      b_accepted_at: null,
      b_accepted_by: null,
      ...notSetAside,
      updated_at: now,
    })
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .where('status', '=', 'not_now')
    .where('hidden_until', '<=', now)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/**
 * A suggestion that no longer holds goes — only while nobody has said yes to it (open) or once its
 * time set aside is over; one a side accepted stays for the other side to answer.
 */
export async function removeStale(db: Executor, networkId: string, id: string, now: Date) {
  const r = await db
    .deleteFrom('bridge_suggestion')
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .where((eb) =>
      eb.or([
        eb('status', '=', 'open'),
        eb.and([eb('status', '=', 'not_now'), eb('hidden_until', '<=', now)]),
      ]),
    )
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

// ---- Reading one or many, with both sides -------------------------------------------------------

const columns = [
  's.id',
  's.status',
  's.organisation_id',
  's.other_organisation_id',
  's.other_community_id',
  's.theme',
  's.giver',
  's.offer_type',
  's.offer_id',
  's.offer_title',
  's.offer_idle',
  's.need_type',
  's.need_id',
  's.need_title',
  's.different_sector',
  's.different_district',
  's.steps',
  's.created_at',
  's.updated_at',
  's.a_accepted_at',
  's.a_accepted_by',
  's.b_accepted_at',
  's.b_accepted_by',
  's.not_now_at',
  's.not_now_side',
  's.not_now_reason',
  's.hidden_until',
  's.introduced_at',
  's.introduced_via',
  's.follow_up_due_at',
  's.follow_up_asked_at',
  's.a_met',
  's.b_met',
  's.outcome',
  'oa.name as a_name',
  'oa.slug as a_slug',
  'oa.sector as a_sector',
  'da.name as a_district',
] as const;

function base(db: Executor, networkId: string) {
  return db
    .selectFrom('bridge_suggestion as s')
    .innerJoin('organisation as oa', (j) =>
      j.onRef('oa.network_id', '=', 's.network_id').onRef('oa.id', '=', 's.organisation_id'),
    )
    .leftJoin('district as da', (j) =>
      j.onRef('da.network_id', '=', 'oa.network_id').onRef('da.id', '=', 'oa.district_id'),
    )
    .leftJoin('organisation as ob', (j) =>
      j.onRef('ob.network_id', '=', 's.network_id').onRef('ob.id', '=', 's.other_organisation_id'),
    )
    .leftJoin('community as cb', (j) =>
      j.onRef('cb.network_id', '=', 's.network_id').onRef('cb.id', '=', 's.other_community_id'),
    )
    .leftJoin('district as db', (j) =>
      j
        .onRef('db.network_id', '=', 's.network_id')
        .on((eb) =>
          eb.or([eb('db.id', '=', eb.ref('ob.district_id')), eb('db.id', '=', eb.ref('cb.district_id'))]),
        ),
    )
    .where('s.network_id', '=', networkId);
}

const otherColumnsSelected = [
  sql<string>`coalesce(ob.name, cb.name)`.as('b_name'),
  sql<string>`coalesce(ob.slug, cb.slug)`.as('b_slug'),
  sql<string>`coalesce(ob.sector, 'community')`.as('b_sector'),
  'db.name as b_district',
] as const;

export type SuggestionRow = NonNullable<Awaited<ReturnType<typeof findSuggestion>>>;

export async function findSuggestion(db: Executor, networkId: string, id: string, lock = false) {
  if (lock)
    await db
      .selectFrom('bridge_suggestion')
      .select('id')
      .where('network_id', '=', networkId)
      .where('id', '=', id)
      .forUpdate()
      .execute();
  return base(db, networkId)
    .select([...columns, ...otherColumnsSelected])
    .where('s.id', '=', id)
    .executeTakeFirst();
}

export interface SuggestionFilter {
  /** only suggestions concerning these organisations or communities (null: all, for the coordinator) */
  sides: { organisations: string[]; communities: string[] } | null;
  status?: BridgeStatus;
  limit: number;
  offset: number;
}

/** Suggestions, those waiting for an answer first, newest first among them. */
export async function listSuggestions(db: Executor, networkId: string, f: SuggestionFilter) {
  let q = base(db, networkId);
  if (f.sides) {
    const { organisations, communities } = f.sides;
    if (organisations.length === 0 && communities.length === 0) return { rows: [], total: 0 };
    q = q.where((eb) =>
      eb.or([
        ...(organisations.length > 0
          ? [eb('s.organisation_id', 'in', organisations), eb('s.other_organisation_id', 'in', organisations)]
          : []),
        ...(communities.length > 0 ? [eb('s.other_community_id', 'in', communities)] : []),
      ]),
    );
  }
  if (f.status) q = q.where('s.status', '=', f.status);
  const [rows, total] = await Promise.all([
    q
      .select([...columns, ...otherColumnsSelected])
      .orderBy(
        sql`CASE s.status WHEN 'accepted' THEN 0 WHEN 'open' THEN 1 WHEN 'introduced' THEN 2 ELSE 3 END`,
      )
      .orderBy('s.updated_at', 'desc')
      .orderBy('s.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

// ---- Who acts for a side ---------------------------------------------------------------------------

/** The communities a person keeps (owner or moderator, active). */
export async function communitiesKeptBy(db: Executor, networkId: string, accountId: string) {
  const rows = await db
    .selectFrom('community_member as m')
    .innerJoin('community as c', (j) =>
      j.onRef('c.network_id', '=', 'm.network_id').onRef('c.id', '=', 'm.community_id'),
    )
    .select('m.community_id')
    .where('m.network_id', '=', networkId)
    .where('m.account_id', '=', accountId)
    .where('m.status', '=', 'active')
    .where('m.role', 'in', ['owner', 'moderator'])
    .where('c.archived_at', 'is', null)
    .execute();
  return rows.map((r) => r.community_id);
}

/** The organisations and communities the actor acts for: staff and admins; owners and moderators. */
export async function sidesOfActor(db: Executor, networkId: string, actor: Actor) {
  const organisations = [...actor.roles]
    .filter(([, role]) => role === 'admin' || role === 'staff')
    .map(([id]) => id);
  const communities = actor.accountId ? await communitiesKeptBy(db, networkId, actor.accountId) : [];
  return { organisations, communities };
}

/** The owners and moderators of a community (for the policy of a suggestion that concerns it). */
export async function communityKeepers(db: Executor, networkId: string, communityId: string) {
  const rows = await db
    .selectFrom('community_member')
    .select('account_id')
    .where('network_id', '=', networkId)
    .where('community_id', '=', communityId)
    .where('status', '=', 'active')
    .where('role', 'in', ['owner', 'moderator'])
    .execute();
  return rows.map((r) => r.account_id);
}

/** The people who act for a side (not blocked), with where and how to tell them. */
export async function peopleOfSide(db: Executor, networkId: string, side: { type: PartyType; id: string }) {
  const q =
    side.type === 'organisation'
      ? db
          .selectFrom('membership as m')
          .innerJoin('account as a', (j) =>
            j.onRef('a.network_id', '=', 'm.network_id').onRef('a.id', '=', 'm.account_id'),
          )
          .where('m.organisation_id', '=', side.id)
          .where('m.role', 'in', ['admin', 'staff'])
          .where('m.network_id', '=', networkId)
      : db
          .selectFrom('community_member as m')
          .innerJoin('account as a', (j) =>
            j.onRef('a.network_id', '=', 'm.network_id').onRef('a.id', '=', 'm.account_id'),
          )
          .where('m.community_id', '=', side.id)
          .where('m.status', '=', 'active')
          .where('m.role', 'in', ['owner', 'moderator'])
          .where('m.network_id', '=', networkId);
  return q
    .select(['a.id', 'a.email', 'a.display_name', 'a.locale'])
    .where('a.blocked_at', 'is', null)
    .orderBy('a.id')
    .execute();
}

// ---- The changes of state (each under the row lock its command took) ----------------------------

/** Writes a suggestion's new state; the command that calls it holds the row lock and checks the rule. */
export async function updateSuggestion(
  db: Executor,
  networkId: string,
  id: string,
  set: Updateable<DB['bridge_suggestion']>,
) {
  await db
    .updateTable('bridge_suggestion')
    .set(set)
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .execute();
}

/** The fields that clear a "not now". */
export const notSetAside = {
  not_now_at: null,
  not_now_side: null,
  not_now_reason: '',
  not_now_by: null,
  hidden_until: null,
} as const;

// ---- Follow-up -----------------------------------------------------------------------------------

/**
 * The introductions whose follow-up is due and that no run has taken yet, claimed in one statement
 * (followed_up_at set), so two runs at once never take the same one.
 */
export async function claimDueFollowUps(db: Executor, networkId: string, now: Date) {
  return db
    .updateTable('bridge_suggestion')
    .set({ followed_up_at: now })
    .where('network_id', '=', networkId)
    .where('status', '=', 'introduced')
    .where('followed_up_at', 'is', null)
    .where('follow_up_due_at', '<=', now)
    .returning([
      'id',
      'organisation_id',
      'other_organisation_id',
      'other_community_id',
      'introduced_at',
      'outcome',
    ])
    .execute();
}

/** Introductions asked about and not answered yet, within `days` of the introduction: looked at again. */
export async function askedWithoutOutcome(db: Executor, networkId: string, now: Date, days: number) {
  return db
    .selectFrom('bridge_suggestion')
    .select(['id', 'organisation_id', 'other_organisation_id', 'other_community_id', 'introduced_at'])
    .where('network_id', '=', networkId)
    .where('status', '=', 'introduced')
    .where('outcome', 'is', null)
    .where('follow_up_asked_at', 'is not', null)
    .where('introduced_at', '>', new Date(now.getTime() - days * 86_400_000))
    .execute();
}

export async function setOutcomeFound(
  db: Executor,
  networkId: string,
  id: string,
  interactionId: string,
  now: Date,
) {
  const r = await db
    .updateTable('bridge_suggestion')
    .set({ outcome: 'interaction', outcome_at: now, outcome_interaction_id: interactionId, updated_at: now })
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .where('outcome', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function setAsked(db: Executor, networkId: string, id: string, now: Date) {
  await db
    .updateTable('bridge_suggestion')
    .set({ follow_up_asked_at: now, updated_at: now })
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .where('outcome', 'is', null)
    .execute();
}

// ---- The hit rate ----------------------------------------------------------------------------------

/**
 * The introductions since `from`, with what came of them and the people behind them: who accepted,
 * who introduced, who answered the follow-up, and the people of the interaction that counted.
 */
export async function introductionsSince(db: Executor, networkId: string, from: Date) {
  return db
    .selectFrom('bridge_suggestion as s')
    .leftJoin('interaction as i', (j) =>
      j.onRef('i.network_id', '=', 's.network_id').onRef('i.id', '=', 's.outcome_interaction_id'),
    )
    .select([
      's.introduced_at',
      's.outcome',
      's.follow_up_due_at',
      's.a_accepted_by',
      's.b_accepted_by',
      's.introduced_by',
      's.a_met_by',
      's.b_met_by',
      sql<string | null>`CASE WHEN i.a_type = 'person' THEN i.a_id END`.as('person_a'),
      sql<string | null>`CASE WHEN i.b_type = 'person' THEN i.b_id END`.as('person_b'),
    ])
    .where('s.network_id', '=', networkId)
    .where('s.status', '=', 'introduced')
    .where('s.introduced_at', '>=', from)
    .execute();
}
