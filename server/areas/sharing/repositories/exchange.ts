import { sql } from 'kysely';
import { containsPattern } from '../../../db/like.ts';
import type { ExchangeCategory } from '../../../db/schema.ts';
import type { Executor } from '../../../db/tx.ts';

const columns = [
  'e.id',
  'e.kind',
  'e.author_id',
  'e.organisation_id',
  'e.category',
  'e.title',
  'e.description',
  'e.district_id',
  'e.time_credit_minutes',
  'e.status',
  'e.expires_at',
  'e.created_at',
] as const;

function base(db: Executor, networkId: string) {
  return db
    .selectFrom('exchange_post as e')
    .innerJoin('account as a', (j) =>
      j.onRef('a.network_id', '=', 'e.network_id').onRef('a.id', '=', 'e.author_id'),
    )
    .leftJoin('organisation as o', (j) =>
      j.onRef('o.network_id', '=', 'e.network_id').onRef('o.id', '=', 'e.organisation_id'),
    )
    .where('e.network_id', '=', networkId);
}

const select = [...columns, 'a.display_name as author_name', 'o.name as organisation_name'] as const;

export type ExchangePostRow = NonNullable<Awaited<ReturnType<typeof findPost>>>;

export async function findPost(db: Executor, networkId: string, id: string) {
  return base(db, networkId).select(select).where('e.id', '=', id).executeTakeFirst();
}

export interface PostFields {
  kind: 'offer' | 'want';
  category: ExchangeCategory;
  title: string;
  description?: string;
  districtId?: string | null;
  timeCreditMinutes?: number | null;
}

export async function insertPost(
  db: Executor,
  networkId: string,
  authorId: string,
  organisationId: string | null,
  f: PostFields,
  days: number,
) {
  return db
    .insertInto('exchange_post')
    .values({
      network_id: networkId,
      kind: f.kind,
      author_id: authorId,
      organisation_id: organisationId,
      category: f.category,
      title: f.title,
      description: f.description ?? '',
      district_id: f.districtId ?? null,
      time_credit_minutes: f.timeCreditMinutes ?? null,
      expires_at: sql<Date>`now() + make_interval(days => ${days})`,
    })
    .returning(['id', 'expires_at'])
    .executeTakeFirstOrThrow();
}

export async function updatePost(db: Executor, networkId: string, id: string, f: Partial<PostFields>) {
  const set: Record<string, unknown> = { updated_at: sql`now()` };
  if (f.kind !== undefined) set.kind = f.kind;
  if (f.category !== undefined) set.category = f.category;
  if (f.title !== undefined) set.title = f.title;
  if (f.description !== undefined) set.description = f.description;
  if (f.districtId !== undefined) set.district_id = f.districtId;
  if (f.timeCreditMinutes !== undefined) set.time_credit_minutes = f.timeCreditMinutes;
  await db
    .updateTable('exchange_post')
    .set(set)
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .execute();
}

/** Open again for `days` from now; the reminder may come again before the new expiry. */
export async function renewPost(db: Executor, networkId: string, id: string, days: number) {
  return db
    .updateTable('exchange_post')
    .set({
      status: 'open',
      expires_at: sql<Date>`now() + make_interval(days => ${days})`,
      reminded_at: null,
      updated_at: sql`now()`,
    })
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .returning('expires_at')
    .executeTakeFirstOrThrow();
}

export async function closePost(db: Executor, networkId: string, id: string) {
  await db
    .updateTable('exchange_post')
    .set({ status: 'closed', updated_at: sql`now()` })
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .execute();
}

export interface PostFilter {
  kind?: 'offer' | 'want';
  category?: ExchangeCategory;
  districtId?: string;
  authorId?: string;
  /** posted for this organisation */
  organisationId?: string;
  q?: string;
  limit: number;
  offset: number;
}

/** Open, unexpired posts (an author's own list also shows closed and expired ones). */
export async function listPosts(db: Executor, networkId: string, f: PostFilter) {
  let q = base(db, networkId);
  if (f.authorId) q = q.where('e.author_id', '=', f.authorId);
  else q = q.where('e.status', '=', 'open').where('e.expires_at', '>', sql<Date>`now()`);
  if (f.kind) q = q.where('e.kind', '=', f.kind);
  if (f.category) q = q.where('e.category', '=', f.category);
  if (f.districtId) q = q.where('e.district_id', '=', f.districtId);
  if (f.organisationId) q = q.where('e.organisation_id', '=', f.organisationId);
  if (f.q) {
    const text = f.q.trim();
    const like = containsPattern(text);
    q = q.where((eb) =>
      eb.or([
        sql<boolean>`to_tsvector('german', e.title || ' ' || e.description) @@ websearch_to_tsquery('german', ${text})`,
        sql<boolean>`to_tsvector('english', e.title || ' ' || e.description) @@ websearch_to_tsquery('english', ${text})`,
        sql<boolean>`e.title % ${text}`,
        eb('e.title', 'ilike', like),
      ]),
    );
  }
  const [items, total] = await Promise.all([
    q
      .select(select)
      .orderBy('e.created_at', 'desc')
      .orderBy('e.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n };
}

/**
 * Suggestions for a post: open posts of the other kind (offers for a want, wants for an offer) by
 * other people, ranked by shared words (German and English stemming), title similarity, the same
 * category and the same district.
 */
export async function matchesFor(db: Executor, networkId: string, post: ExchangePostRow, limit: number) {
  const text = `${post.title} ${post.description}`;
  // any shared stemmed word counts: OR the words instead of requiring all of them
  const words = text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 3)
    .slice(0, 30);
  const orQuery = words.join(' or ');
  const score = sql<number>`(
      ts_rank(to_tsvector('german', e.title || ' ' || e.description), websearch_to_tsquery('german', ${orQuery}))
    + ts_rank(to_tsvector('english', e.title || ' ' || e.description), websearch_to_tsquery('english', ${orQuery}))
    + similarity(e.title, ${post.title})
    + CASE WHEN e.category = ${post.category} THEN 0.3 ELSE 0 END
    + CASE WHEN e.district_id IS NOT DISTINCT FROM ${post.district_id}::uuid AND e.district_id IS NOT NULL THEN 0.1 ELSE 0 END
  )::float8`;
  return base(db, networkId)
    .select([...select, score.as('score')])
    .where('e.kind', '=', post.kind === 'offer' ? 'want' : 'offer')
    .where('e.status', '=', 'open')
    .where('e.expires_at', '>', sql<Date>`now()`)
    .where('e.author_id', '<>', post.author_id)
    .where(
      sql<boolean>`(e.category = ${post.category}
        OR to_tsvector('german', e.title || ' ' || e.description) @@ websearch_to_tsquery('german', ${orQuery})
        OR to_tsvector('english', e.title || ' ' || e.description) @@ websearch_to_tsquery('english', ${orQuery})
        OR similarity(e.title, ${post.title}) > 0.3)`,
    )
    .orderBy('score', 'desc')
    .orderBy('e.created_at', 'desc')
    .limit(limit)
    .execute();
}

export async function insertMessage(
  db: Executor,
  networkId: string,
  m: { postId: string; senderId: string; recipientId: string; body: string },
) {
  return db
    .insertInto('exchange_message')
    .values({
      network_id: networkId,
      post_id: m.postId,
      sender_id: m.senderId,
      recipient_id: m.recipientId,
      body: m.body,
    })
    .returning(['id', 'created_at'])
    .executeTakeFirstOrThrow();
}

/** Messages on a post that `accountId` sent or received (the author sees every conversation). */
export async function messagesFor(db: Executor, networkId: string, postId: string, accountId: string) {
  return db
    .selectFrom('exchange_message as m')
    .innerJoin('account as s', (j) =>
      j.onRef('s.network_id', '=', 'm.network_id').onRef('s.id', '=', 'm.sender_id'),
    )
    .select([
      'm.id',
      'm.sender_id',
      'm.recipient_id',
      'm.body',
      'm.created_at',
      's.display_name as sender_name',
    ])
    .where('m.network_id', '=', networkId)
    .where('m.post_id', '=', postId)
    .where((eb) => eb.or([eb('m.sender_id', '=', accountId), eb('m.recipient_id', '=', accountId)]))
    .orderBy('m.created_at')
    .orderBy('m.id')
    .execute();
}

/** Posts about to expire whose author has not been reminded yet; marks them reminded. */
export async function takeExpiringPosts(db: Executor, networkId: string, withinDays: number) {
  return db
    .updateTable('exchange_post')
    .set({ reminded_at: sql`now()` })
    .where('network_id', '=', networkId)
    .where('status', '=', 'open')
    .where('reminded_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .where('expires_at', '<=', sql<Date>`now() + make_interval(days => ${withinDays})`)
    .returning(['id', 'author_id', 'title', 'expires_at'])
    .execute();
}
