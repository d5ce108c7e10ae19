import { type SqlBool, sql } from 'kysely';
import { containsPattern } from '../../../db/like.ts';
import type { Executor } from '../../../db/tx.ts';

/** The home's questions to Teilen (areas/sharing/today.ts): small, bounded reads. */

const bookingColumns = [
  'b.id',
  'b.requester_id',
  'b.status',
  'b.note',
  'b.created_at',
  'a.display_name as requester_name',
  'r.title as resource_title',
  'r.owner_type',
  'r.organisation_id as owner_organisation_id',
  'r.person_id as owner_person_id',
  'o.name as owner_organisation_name',
] as const;

function bookings(db: Executor, networkId: string) {
  return db
    .selectFrom('booking as b')
    .innerJoin('resource as r', (j) =>
      j.onRef('r.network_id', '=', 'b.network_id').onRef('r.id', '=', 'b.resource_id'),
    )
    .innerJoin('account as a', (j) =>
      j.onRef('a.network_id', '=', 'b.network_id').onRef('a.id', '=', 'b.requester_id'),
    )
    .leftJoin('organisation as o', (j) =>
      j.onRef('o.network_id', '=', 'r.network_id').onRef('o.id', '=', 'r.organisation_id'),
    )
    .where('b.network_id', '=', networkId);
}

export type TodayBookingRow = Awaited<ReturnType<typeof upcomingBookingsOf>>['items'][number];

async function paged<Q extends ReturnType<typeof bookings>>(q: Q, limit: number) {
  const [items, total] = await Promise.all([
    q
      .select([
        ...bookingColumns,
        sql<Date>`lower(b.period)`.as('starts_at'),
        sql<Date>`upper(b.period)`.as('ends_at'),
      ])
      .orderBy(sql`lower(b.period)`)
      .orderBy('b.id')
      .limit(limit)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** Requests for the resources of this person or these organisations that have not ended. */
export async function requestsToDecide(
  db: Executor,
  networkId: string,
  owner: { personId: string; organisationIds: string[] },
  now: Date,
  limit: number,
) {
  const q = bookings(db, networkId)
    .where('b.status', '=', 'requested')
    .where(sql<SqlBool>`upper(b.period) > ${now}`)
    .where((eb) =>
      eb.or([
        eb('r.person_id', '=', owner.personId),
        ...(owner.organisationIds.length > 0 ? [eb('r.organisation_id', 'in', owner.organisationIds)] : []),
      ]),
    );
  return paged(q, limit);
}

/** The person's own bookings still ahead: asked for, approved or handed over. */
export async function upcomingBookingsOf(
  db: Executor,
  networkId: string,
  accountId: string,
  now: Date,
  limit: number,
) {
  const q = bookings(db, networkId)
    .where('b.requester_id', '=', accountId)
    .where('b.status', 'in', ['requested', 'approved', 'handed_over'])
    .where(sql<SqlBool>`upper(b.period) > ${now}`);
  return paged(q, limit);
}

/** Requests nobody has decided for `days` days, that have not ended yet (the network's coordinator). */
export async function longWaitingRequests(
  db: Executor,
  networkId: string,
  now: Date,
  days: number,
  limit: number,
) {
  const q = bookings(db, networkId)
    .where('b.status', '=', 'requested')
    .where(sql<SqlBool>`upper(b.period) > ${now}`)
    .where('b.created_at', '<=', new Date(now.getTime() - days * 86_400_000));
  return paged(q, limit);
}

const postColumns = [
  'e.id',
  'e.kind',
  'e.title',
  'e.category',
  'e.author_id',
  'e.expires_at',
  'e.created_at',
  'a.display_name as author_name',
] as const;

function openPosts(db: Executor, networkId: string, now: Date) {
  return db
    .selectFrom('exchange_post as e')
    .innerJoin('account as a', (j) =>
      j.onRef('a.network_id', '=', 'e.network_id').onRef('a.id', '=', 'e.author_id'),
    )
    .where('e.network_id', '=', networkId)
    .where('e.status', '=', 'open')
    .where('e.expires_at', '>', now);
}

/** Messages others wrote about the post (the answers its author got). */
const answers = sql<number>`(SELECT count(*)::int FROM exchange_message m
  WHERE m.network_id = e.network_id AND m.post_id = e.id AND m.sender_id <> e.author_id)`;

/** The person's own open posts (not their organisations'), newest first, with how many answers each got. */
export async function openPostsOf(
  db: Executor,
  networkId: string,
  accountId: string,
  now: Date,
  limit: number,
) {
  const q = openPosts(db, networkId, now).where('e.author_id', '=', accountId);
  const [items, total] = await Promise.all([
    q
      .select([...postColumns, answers.as('answers')])
      .orderBy('e.created_at', 'desc')
      .orderBy('e.id')
      .limit(limit)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** Open wants nobody has answered for `days` days, oldest first (the network's coordinator). */
export async function unansweredWants(
  db: Executor,
  networkId: string,
  now: Date,
  days: number,
  limit: number,
) {
  const q = openPosts(db, networkId, now)
    .where('e.kind', '=', 'want')
    .where('e.created_at', '<=', new Date(now.getTime() - days * 86_400_000))
    .where(sql<SqlBool>`${answers} = 0`);
  const [items, total] = await Promise.all([
    q.select(postColumns).orderBy('e.created_at').orderBy('e.id').limit(limit).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/**
 * Open wants of other people whose title names one of the skills (a skill of four letters or more,
 * case-insensitive, so "Nähen" finds "Knopf annähen"), newest first. The title only: a skill named in
 * passing in a description ("für meine Ausbildung") says nothing about what is wanted.
 */
export async function wantsForSkills(
  db: Executor,
  networkId: string,
  accountId: string,
  skills: string[],
  now: Date,
  limit: number,
) {
  const words = skills.map((s) => s.trim().toLowerCase()).filter((s) => s.length >= 4);
  if (words.length === 0) return [];
  return openPosts(db, networkId, now)
    .select(postColumns)
    .where('e.kind', '=', 'want')
    .where('e.author_id', '<>', accountId)
    .where((eb) => eb.or(words.map((w) => eb(sql<string>`lower(e.title)`, 'like', containsPattern(w)))))
    .orderBy('e.created_at', 'desc')
    .orderBy('e.id')
    .limit(limit)
    .execute();
}

/** Unread notifications of one kind, newest first, to group by the thing they link to. */
export async function unreadNotifications(
  db: Executor,
  networkId: string,
  accountId: string,
  kind: 'exchange.message',
) {
  return db
    .selectFrom('notification')
    .select(['id', 'link', 'params', 'created_at'])
    .where('network_id', '=', networkId)
    .where('account_id', '=', accountId)
    .where('read_at', 'is', null)
    .where('kind', '=', kind)
    .orderBy('created_at', 'desc')
    .limit(200)
    .execute();
}

/**
 * Open offers of other people that fit a want, for the home's suggestions — stricter than the post
 * page's matches (which take any shared word): the same category, a word of the want's title found in
 * the offer (German stemming), or a similar title. Best first: same category, then text rank.
 */
export async function offersForWant(
  db: Executor,
  networkId: string,
  want: { id: string; author_id: string; title: string; category: string },
  now: Date,
  limit: number,
) {
  const words = want.title
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 4)
    .slice(0, 12);
  const query = words.length > 0 ? words.join(' or ') : want.title;
  const text = sql`to_tsvector('german', e.title || ' ' || e.description)`;
  const tsq = sql`websearch_to_tsquery('german', ${query})`;
  return openPosts(db, networkId, now)
    .select(postColumns)
    .where('e.kind', '=', 'offer')
    .where('e.author_id', '<>', want.author_id)
    .where(
      sql<SqlBool>`(e.category = ${want.category} OR ${text} @@ ${tsq} OR similarity(e.title, ${want.title}) > 0.3)`,
    )
    .orderBy(sql`CASE WHEN e.category = ${want.category} THEN 0 ELSE 1 END`)
    .orderBy(sql`ts_rank(${text}, ${tsq})`, 'desc')
    .orderBy('e.created_at', 'desc')
    .limit(limit)
    .execute();
}
