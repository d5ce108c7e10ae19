import { sql } from 'kysely';
import { containsPattern } from '../../../../db/like.ts';
import type { DiscussionTheme, ReviewStatus } from '../../../../db/schema.ts';
import type { Executor } from '../../../../db/tx.ts';
import { hiddenSql } from '../../../../platform/moderation.ts';
import { threadCommunityLabel, threadReadable, threadWritable } from '../scope.ts';

/**
 * All SQL of discussions. A thread's `post_count` counts its visible, not deleted posts (the opening
 * post included) and `last_post_at` is when the last of them appeared; positions are taken under a
 * lock of the thread row (lockThread), so two replies at once never get the same one.
 */

export type ThreadRow = Awaited<ReturnType<typeof findThread>> & object;

const threadColumns = [
  't.id',
  't.title',
  't.theme',
  't.district_id',
  't.organisation_id',
  't.community_id',
  't.author_id',
  't.review_status',
  't.closed_at',
  't.solution_post_id',
  't.post_count',
  't.last_post_at',
  't.created_at',
  'a.display_name as author_name',
  'o.name as organisation_name',
  'o.slug as organisation_slug',
  'd.name as district_name',
] as const;

function threads(db: Executor, networkId: string) {
  return db
    .selectFrom('discussion_thread as t')
    .leftJoin('account as a', (j) =>
      j.onRef('a.network_id', '=', 't.network_id').onRef('a.id', '=', 't.author_id'),
    )
    .leftJoin('organisation as o', (j) =>
      j.onRef('o.network_id', '=', 't.network_id').onRef('o.id', '=', 't.organisation_id'),
    )
    .leftJoin('district as d', (j) =>
      j.onRef('d.network_id', '=', 't.network_id').onRef('d.id', '=', 't.district_id'),
    )
    .where('t.network_id', '=', networkId);
}

const hiddenThread = hiddenSql('discussion_thread', 't');

export async function findThread(db: Executor, networkId: string, id: string) {
  return threads(db, networkId)
    .select([...threadColumns, threadCommunityLabel('t').as('community'), hiddenThread.as('hidden')])
    .where('t.id', '=', id)
    .executeTakeFirst();
}

/** The thread row, locked until the end of the transaction: replies take their position under it. */
export async function lockThread(db: Executor, networkId: string, id: string) {
  return db
    .selectFrom('discussion_thread')
    .selectAll()
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export interface ThreadFilter {
  theme?: DiscussionTheme;
  districtId?: string;
  state?: 'unanswered' | 'solved';
  q?: string;
  /** only the threads of this community */
  communityId?: string;
  /** the viewer: their own threads in review are listed for them, a members-only community's to its members */
  viewerId: string | null;
  limit: number;
  offset: number;
}

/**
 * Threads by last activity, visible ones and the viewer's own in review, as far as the viewer may read
 * them (a members-only community's to its members, scope.ts); hidden ones left out.
 */
export async function listThreads(db: Executor, networkId: string, f: ThreadFilter) {
  let q = threads(db, networkId)
    .where(sql<boolean>`NOT ${hiddenThread}`)
    .where(threadReadable('t', f.viewerId));
  q = f.viewerId
    ? q.where((eb) =>
        eb.or([
          eb('t.review_status', '=', 'visible'),
          eb.and([eb('t.review_status', '=', 'pending'), eb('t.author_id', '=', f.viewerId)]),
        ]),
      )
    : q.where('t.review_status', '=', 'visible');
  if (f.theme) q = q.where('t.theme', '=', f.theme);
  if (f.districtId) q = q.where('t.district_id', '=', f.districtId);
  if (f.communityId) q = q.where('t.community_id', '=', f.communityId);
  if (f.state === 'solved') q = q.where('t.solution_post_id', 'is not', null);
  if (f.state === 'unanswered') q = q.where('t.post_count', '<=', 1).where('t.solution_post_id', 'is', null);
  if (f.q) {
    const like = containsPattern(f.q);
    q = q.where((eb) =>
      eb.or([
        eb('t.title', 'ilike', like),
        eb.exists(
          eb
            .selectFrom('discussion_post as p')
            .select('p.id')
            .whereRef('p.network_id', '=', 't.network_id')
            .whereRef('p.thread_id', '=', 't.id')
            .where('p.position', '=', 1)
            .where('p.deleted_at', 'is', null)
            .where('p.body', 'ilike', like),
        ),
      ]),
    );
  }
  const [items, count] = await Promise.all([
    q
      .select([
        ...threadColumns,
        threadCommunityLabel('t').as('community'),
        threadWritable('t', f.viewerId).as('may_write'),
        sql<boolean>`false`.as('hidden'),
      ])
      .orderBy('t.last_post_at', 'desc')
      .orderBy('t.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

export async function insertThread(
  db: Executor,
  networkId: string,
  t: {
    title: string;
    theme: DiscussionTheme;
    districtId: string | null;
    organisationId: string | null;
    communityId: string | null;
    authorId: string;
    reviewStatus: ReviewStatus;
  },
): Promise<string> {
  const { id } = await db
    .insertInto('discussion_thread')
    .values({
      network_id: networkId,
      title: t.title,
      theme: t.theme,
      district_id: t.districtId,
      organisation_id: t.organisationId,
      community_id: t.communityId,
      author_id: t.authorId,
      review_status: t.reviewStatus,
      post_count: 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function updateThread(
  db: Executor,
  networkId: string,
  id: string,
  set: Partial<{
    title: string;
    theme: DiscussionTheme;
    district_id: string | null;
    review_status: ReviewStatus;
    closed_at: Date | null;
    solution_post_id: string | null;
  }>,
) {
  await db
    .updateTable('discussion_thread')
    .set(set)
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .execute();
}

/** A post became visible (new, or approved): counted, and the thread's activity is now. */
export async function countPostIn(db: Executor, networkId: string, threadId: string, delta: 1 | -1) {
  await db
    .updateTable('discussion_thread')
    .set((eb) => ({
      post_count: sql`greatest(${eb.ref('post_count')} + ${delta}, 0)`,
      ...(delta > 0 ? { last_post_at: sql`now()` } : {}),
    }))
    .where('network_id', '=', networkId)
    .where('id', '=', threadId)
    .execute();
}

/** The next position in a thread; call it with the thread locked (lockThread). */
export async function nextPosition(db: Executor, networkId: string, threadId: string): Promise<number> {
  const row = await db
    .selectFrom('discussion_post')
    .select((eb) => eb.fn.max('position').as('last'))
    .where('network_id', '=', networkId)
    .where('thread_id', '=', threadId)
    .executeTakeFirst();
  return Number(row?.last ?? 0) + 1;
}

export async function insertPost(
  db: Executor,
  networkId: string,
  p: {
    threadId: string;
    position: number;
    body: string;
    quotedPostId: string | null;
    authorId: string;
    reviewStatus: ReviewStatus;
  },
): Promise<string> {
  const { id } = await db
    .insertInto('discussion_post')
    .values({
      network_id: networkId,
      thread_id: p.threadId,
      position: p.position,
      body: p.body,
      quoted_post_id: p.quotedPostId,
      author_id: p.authorId,
      review_status: p.reviewStatus,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

const postColumns = [
  'p.id',
  'p.thread_id',
  'p.position',
  'p.body',
  'p.quoted_post_id',
  'p.author_id',
  'p.review_status',
  'p.created_at',
  'p.edited_at',
  'p.deleted_at',
  'a.display_name as author_name',
] as const;

function posts(db: Executor, networkId: string) {
  return db
    .selectFrom('discussion_post as p')
    .leftJoin('account as a', (j) =>
      j.onRef('a.network_id', '=', 'p.network_id').onRef('a.id', '=', 'p.author_id'),
    )
    .where('p.network_id', '=', networkId);
}

const hiddenPost = hiddenSql('discussion_post', 'p');

export async function findPost(db: Executor, networkId: string, id: string) {
  return posts(db, networkId)
    .select([...postColumns, hiddenPost.as('hidden')])
    .where('p.id', '=', id)
    .executeTakeFirst();
}

export async function lockPost(db: Executor, networkId: string, id: string) {
  return db
    .selectFrom('discussion_post')
    .selectAll()
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export type PostRow = NonNullable<Awaited<ReturnType<typeof findPost>>>;

/**
 * A page of a thread's posts in order: the visible ones, and (for its author, or everyone for an
 * admin) those waiting for review. Deleted and hidden posts keep their place.
 */
export async function listPosts(
  db: Executor,
  networkId: string,
  threadId: string,
  viewer: { id: string | null; admin: boolean },
  page: { limit: number; offset: number },
) {
  const seen = viewer.admin
    ? sql<boolean>`p.review_status <> 'rejected'`
    : viewer.id
      ? sql<boolean>`(p.review_status = 'visible' OR (p.review_status = 'pending' AND p.author_id = ${viewer.id}))`
      : sql<boolean>`p.review_status = 'visible'`;
  // one statement: the count (of the posts alone, without their authors' names) beside the page
  const counted = db
    .selectFrom('discussion_post as p')
    .where('p.network_id', '=', networkId)
    .where('p.thread_id', '=', threadId)
    .where(seen)
    .select((eb) => eb.fn.countAll<string>().as('n'));
  const onPage = posts(db, networkId)
    .where('p.thread_id', '=', threadId)
    .where(seen)
    .select([...postColumns, hiddenPost.as('hidden')])
    .orderBy('p.position')
    .limit(page.limit)
    .offset(page.offset);
  const rows = await db
    .selectFrom(counted.as('c'))
    .leftJoin(onPage.as('x'), (j) => j.onTrue())
    .selectAll('x')
    .select('c.n')
    .orderBy('x.position')
    .execute();
  // the left join's nulls stand for an empty page only: a row with an id is a whole post
  const items = rows.flatMap(({ n: _, ...r }) => (r.id === null ? [] : [r as PostRow]));
  return { items, total: Number(rows[0]?.n ?? 0) };
}

/** How many posts the viewer sees before a position (to open the page a link points to). */
export async function postsBefore(
  db: Executor,
  networkId: string,
  threadId: string,
  position: number,
  viewer: { id: string | null; admin: boolean },
): Promise<number> {
  let q = db
    .selectFrom('discussion_post as p')
    .where('p.network_id', '=', networkId)
    .where('p.thread_id', '=', threadId)
    .where('p.position', '<', position);
  if (viewer.admin) q = q.where('p.review_status', '<>', 'rejected');
  else if (viewer.id)
    q = q.where((eb) =>
      eb.or([
        eb('p.review_status', '=', 'visible'),
        eb.and([eb('p.review_status', '=', 'pending'), eb('p.author_id', '=', viewer.id)]),
      ]),
    );
  else q = q.where('p.review_status', '=', 'visible');
  const row = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The posts a page quotes: their position and author, to link to them. */
export async function quotedPosts(db: Executor, networkId: string, ids: readonly string[]) {
  if (ids.length === 0)
    return new Map<string, { position: number; author_name: string | null; visible: boolean }>();
  const rows = await posts(db, networkId)
    .select(['p.id', 'p.position', 'a.display_name as author_name', 'p.review_status', 'p.deleted_at'])
    .where('p.id', 'in', [...ids])
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        position: r.position,
        author_name: r.author_name,
        visible: r.review_status === 'visible' && !r.deleted_at,
      },
    ]),
  );
}

export async function updatePost(
  db: Executor,
  networkId: string,
  id: string,
  set: Partial<{ body: string; edited_at: Date; deleted_at: Date; review_status: ReviewStatus }>,
) {
  await db
    .updateTable('discussion_post')
    .set(set)
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .execute();
}

/**
 * Whether the person has a visible post where anyone may read it. A post in a members-only community's
 * thread does not count: there its members vouched for them (scope.ts), and one could vouch for oneself
 * by making such a community — it frees nobody from the first-post review elsewhere.
 */
export async function hasVisiblePost(db: Executor, networkId: string, accountId: string): Promise<boolean> {
  const row = await db
    .selectFrom('discussion_post as p')
    .innerJoin('discussion_thread as t', (j) =>
      j.onRef('t.network_id', '=', 'p.network_id').onRef('t.id', '=', 'p.thread_id'),
    )
    .select('p.id')
    .where('p.network_id', '=', networkId)
    .where('p.author_id', '=', accountId)
    .where('p.review_status', '=', 'visible')
    .where(threadReadable('t', null))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function accountCreatedAt(db: Executor, networkId: string, accountId: string) {
  return db
    .selectFrom('account')
    .select(['created_at', 'display_name'])
    .where('network_id', '=', networkId)
    .where('id', '=', accountId)
    .executeTakeFirstOrThrow();
}

/** The opening post of a thread (for the search entry). */
export async function openingPost(db: Executor, networkId: string, threadId: string) {
  return db
    .selectFrom('discussion_post')
    .select(['id', 'body', 'deleted_at', 'review_status'])
    .where('network_id', '=', networkId)
    .where('thread_id', '=', threadId)
    .where('position', '=', 1)
    .executeTakeFirst();
}

/**
 * People one may @mention in a thread: who already wrote visibly there, and the staff and admins of
 * the network's organisations (people who act for an organisation in public anyway) — never a
 * search over every account; and only people who may read the thread (a members-only community's
 * thread mentions its members only).
 */
export async function mentionable(
  db: Executor,
  networkId: string,
  threadId: string,
  opts: { q?: string; ids?: readonly string[]; inText?: string; limit: number },
) {
  let q = db
    .selectFrom('account as a')
    .select(['a.id', 'a.display_name'])
    .where('a.network_id', '=', networkId)
    .where('a.blocked_at', 'is', null)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('discussion_thread as mt')
          .select('mt.id')
          .whereRef('mt.network_id', '=', 'a.network_id')
          .where('mt.id', '=', threadId)
          .where(threadReadable('mt', sql.ref('a.id'))),
      ),
    )
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('discussion_post as p')
            .select('p.id')
            .whereRef('p.network_id', '=', 'a.network_id')
            .whereRef('p.author_id', '=', 'a.id')
            .where('p.thread_id', '=', threadId)
            .where('p.review_status', '=', 'visible')
            .where('p.deleted_at', 'is', null),
        ),
        eb.exists(
          eb
            .selectFrom('membership as m')
            .select('m.account_id')
            .whereRef('m.network_id', '=', 'a.network_id')
            .whereRef('m.account_id', '=', 'a.id')
            .where('m.role', 'in', ['admin', 'staff']),
        ),
      ]),
    );
  if (opts.q) q = q.where('a.display_name', 'ilike', containsPattern(opts.q));
  if (opts.inText !== undefined) q = q.where(sql<boolean>`strpos(${opts.inText}, '@' || a.display_name) > 0`);
  if (opts.ids) {
    if (opts.ids.length === 0) return [];
    q = q.where('a.id', 'in', [...opts.ids]);
  }
  return q.orderBy('a.display_name').limit(opts.limit).execute();
}

/** Of these people, those who may read the thread (its followers are told of a reply only then). */
export async function readersAmong(
  db: Executor,
  networkId: string,
  threadId: string,
  accountIds: readonly string[],
): Promise<string[]> {
  if (accountIds.length === 0) return [];
  const rows = await db
    .selectFrom('account as a')
    .innerJoin('discussion_thread as t', (j) => j.onRef('t.network_id', '=', 'a.network_id'))
    .select('a.id')
    .where('a.network_id', '=', networkId)
    .where('t.id', '=', threadId)
    .where('a.id', 'in', [...accountIds])
    .where(threadReadable('t', sql.ref('a.id')))
    .execute();
  const readers = new Set(rows.map((r) => r.id));
  return accountIds.filter((a) => readers.has(a));
}

/** Records mentions; returns the accounts mentioned for the first time in this post. */
export async function insertMentions(
  db: Executor,
  networkId: string,
  postId: string,
  accountIds: readonly string[],
) {
  if (accountIds.length === 0) return [];
  const rows = await db
    .insertInto('discussion_mention')
    .values(accountIds.map((a) => ({ network_id: networkId, post_id: postId, account_id: a })))
    .onConflict((oc) => oc.doNothing())
    .returning('account_id')
    .execute();
  return rows.map((r) => r.account_id);
}

/** Posts waiting for review, oldest first, with their thread and how new the account is. */
export async function pendingPosts(db: Executor, networkId: string, page: { limit: number; offset: number }) {
  const q = db
    .selectFrom('discussion_post as p')
    .innerJoin('discussion_thread as t', (j) =>
      j.onRef('t.network_id', '=', 'p.network_id').onRef('t.id', '=', 'p.thread_id'),
    )
    .leftJoin('account as a', (j) =>
      j.onRef('a.network_id', '=', 'p.network_id').onRef('a.id', '=', 'p.author_id'),
    )
    .where('p.network_id', '=', networkId)
    .where('p.review_status', '=', 'pending');
  const [items, count] = await Promise.all([
    q
      .select([
        'p.id',
        'p.thread_id',
        'p.position',
        'p.body',
        'p.created_at',
        'p.author_id',
        'a.display_name as author_name',
        'a.created_at as account_created_at',
        't.title as thread_title',
        't.review_status as thread_status',
      ])
      .orderBy('p.created_at')
      .orderBy('p.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

/**
 * The demo town's history: a post written at another time (its thread's start and last activity
 * follow from its posts). Only the demo seed calls this.
 */
export async function setPostTime(db: Executor, networkId: string, postId: string, at: Date) {
  const post = await db
    .updateTable('discussion_post')
    .set({ created_at: at })
    .where('network_id', '=', networkId)
    .where('id', '=', postId)
    .returning('thread_id')
    .executeTakeFirstOrThrow();
  await db
    .updateTable('discussion_thread as t')
    .set({
      created_at: sql`(SELECT min(p.created_at) FROM discussion_post p
        WHERE p.network_id = t.network_id AND p.thread_id = t.id)`,
      last_post_at: sql`coalesce((SELECT max(p.created_at) FROM discussion_post p
        WHERE p.network_id = t.network_id AND p.thread_id = t.id AND p.review_status = 'visible'
          AND p.deleted_at IS NULL), t.created_at)`,
    })
    .where('t.network_id', '=', networkId)
    .where('t.id', '=', post.thread_id)
    .execute();
}

/**
 * The newest threads anyone may read, for the feed of new discussions: visible, not hidden, of no
 * community or of an open one (scope.ts, asked for nobody signed in), newest first, with the
 * opening post's text when it is visible too.
 */
export async function feedThreads(
  db: Executor,
  networkId: string,
  f: { theme?: DiscussionTheme; districtId?: string },
  limit: number,
) {
  let q = threads(db, networkId)
    .where(sql<boolean>`NOT ${hiddenThread}`)
    .where(threadReadable('t', null))
    .where('t.review_status', '=', 'visible');
  if (f.theme) q = q.where('t.theme', '=', f.theme);
  if (f.districtId) q = q.where('t.district_id', '=', f.districtId);
  return q
    .leftJoin('discussion_post as p', (j) =>
      j
        .onRef('p.network_id', '=', 't.network_id')
        .onRef('p.thread_id', '=', 't.id')
        .on('p.position', '=', 1)
        .on('p.review_status', '=', 'visible')
        .on('p.deleted_at', 'is', null)
        .on(sql<boolean>`NOT ${hiddenSql('discussion_post', 'p')}`),
    )
    .select([
      't.id',
      't.title',
      't.theme',
      't.created_at',
      'a.display_name as author_name',
      'p.body',
      'p.edited_at',
    ])
    .orderBy('t.created_at', 'desc')
    .orderBy('t.id')
    .limit(limit)
    .execute();
}

/**
 * The newest posts of one thread anyone may read (the caller has checked the thread): visible, not
 * deleted and not hidden, newest first.
 */
export async function feedPosts(db: Executor, networkId: string, threadId: string, limit: number) {
  return posts(db, networkId)
    .where('p.thread_id', '=', threadId)
    .where('p.review_status', '=', 'visible')
    .where('p.deleted_at', 'is', null)
    .where(sql<boolean>`NOT ${hiddenPost}`)
    .select(['p.id', 'p.position', 'p.body', 'p.created_at', 'p.edited_at', 'a.display_name as author_name'])
    .orderBy('p.position', 'desc')
    .limit(limit)
    .execute();
}
