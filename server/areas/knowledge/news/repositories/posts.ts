import { type ExpressionBuilder, sql } from 'kysely';
import type { DB, NewsStatus, SearchVisibility } from '../../../../db/schema.ts';
import type { Executor } from '../../../../db/tx.ts';
import { type Actor, actsFor, isSignedIn } from '../../../../policies/actor.ts';

/** All SQL of news posts. Every function takes the executor (db or a transaction). */

export interface PostFields {
  title: string;
  body: string;
  visibility: SearchVisibility;
  commentsOpen: boolean;
}

type PostEb = ExpressionBuilder<DB & { p: DB['news_post'] }, 'p'>;

/** Not hidden by a moderator. */
const notHidden = (eb: PostEb) =>
  eb.not(
    eb.exists(
      eb
        .selectFrom('hidden_content as h')
        .select('h.entity_id')
        .whereRef('h.network_id', '=', 'p.network_id')
        .whereRef('h.entity_id', '=', 'p.id')
        .where('h.entity_type', '=', 'news_post'),
    ),
  );

/** Published and readable by the actor (public; signed in; the organisation's members). */
function readable(eb: PostEb, actor: Actor) {
  const members = [...actor.roles.keys()];
  const ors = [eb('p.visibility', '=', 'public')];
  if (isSignedIn(actor)) {
    ors.push(eb('p.visibility', '=', 'signed_in'));
    if (members.length > 0)
      ors.push(eb.and([eb('p.visibility', '=', 'members'), eb('p.organisation_id', 'in', members)]));
  }
  return eb.and([eb('p.status', '=', 'published'), eb.or(ors)]);
}

function base(db: Executor, networkId: string) {
  return db
    .selectFrom('news_post as p')
    .innerJoin('organisation as o', (j) =>
      j.onRef('o.network_id', '=', 'p.network_id').onRef('o.id', '=', 'p.organisation_id'),
    )
    .leftJoin('account as a', (j) =>
      j.onRef('a.network_id', '=', 'p.network_id').onRef('a.id', '=', 'p.author_id'),
    )
    .where('p.network_id', '=', networkId);
}

const columns = [
  'p.id',
  'p.organisation_id',
  'o.name as organisation_name',
  'o.slug as organisation_slug',
  'p.title',
  'p.body',
  'p.status',
  'p.visibility',
  'p.comments_open',
  'p.author_id',
  'a.display_name as author_name',
  'p.published_at',
  'p.created_at',
  'p.updated_at',
] as const;

/** Comments not hidden by a moderator. */
const commentCount = (eb: PostEb) =>
  eb
    .selectFrom('news_comment as c')
    .select((e) => e.fn.countAll<string>().as('n'))
    .whereRef('c.network_id', '=', 'p.network_id')
    .whereRef('c.post_id', '=', 'p.id')
    .where((e) =>
      e.not(
        e.exists(
          e
            .selectFrom('hidden_content as hc')
            .select('hc.entity_id')
            .whereRef('hc.network_id', '=', 'c.network_id')
            .whereRef('hc.entity_id', '=', 'c.id')
            .where('hc.entity_type', '=', 'news_comment'),
        ),
      ),
    )
    .as('comment_count');

export type PostRow = {
  id: string;
  organisation_id: string;
  organisation_name: string;
  organisation_slug: string;
  title: string;
  body: string;
  status: NewsStatus;
  visibility: SearchVisibility;
  comments_open: boolean;
  author_id: string | null;
  author_name: string | null;
  published_at: Date | null;
  created_at: Date;
  updated_at: Date;
  comment_count: string | number;
};

/**
 * Posts the actor may see, newest first: the published ones their visibility lets them read, and —
 * in one organisation's list, for its staff and admins — its drafts on top. Hidden posts are left out.
 */
export async function listPosts(
  db: Executor,
  networkId: string,
  actor: Actor,
  opts: { organisationId?: string; limit: number; offset: number },
): Promise<{ items: PostRow[]; total: number }> {
  const withDrafts = opts.organisationId !== undefined && actsFor(actor, opts.organisationId);
  let q = base(db, networkId).where((eb) =>
    eb.and([
      notHidden(eb),
      withDrafts ? eb.or([readable(eb, actor), eb('p.status', '=', 'draft')]) : readable(eb, actor),
    ]),
  );
  if (opts.organisationId) q = q.where('p.organisation_id', '=', opts.organisationId);
  const [items, count] = await Promise.all([
    q
      .select([...columns, commentCount])
      .orderBy(sql`p.published_at DESC NULLS FIRST`)
      .orderBy('p.created_at', 'desc')
      .orderBy('p.id')
      .limit(opts.limit)
      .offset(opts.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: items as PostRow[], total: Number(count.n) };
}

export async function findPost(db: Executor, networkId: string, id: string): Promise<PostRow | undefined> {
  return (await base(db, networkId)
    .where('p.id', '=', id)
    .select([...columns, commentCount])
    .executeTakeFirst()) as PostRow | undefined;
}

/** The post row locked for a change (in the caller's transaction). */
export async function lockPost(db: Executor, networkId: string, id: string) {
  return db
    .selectFrom('news_post')
    .selectAll()
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function insertPost(
  db: Executor,
  networkId: string,
  organisationId: string,
  authorId: string,
  f: PostFields,
  publish: boolean,
): Promise<string> {
  const { id } = await db
    .insertInto('news_post')
    .values({
      network_id: networkId,
      organisation_id: organisationId,
      author_id: authorId,
      title: f.title,
      body: f.body,
      visibility: f.visibility,
      comments_open: f.commentsOpen,
      status: publish ? 'published' : 'draft',
      published_at: publish ? sql<Date>`now()` : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function updatePost(db: Executor, networkId: string, id: string, f: PostFields) {
  await db
    .updateTable('news_post')
    .set({
      title: f.title,
      body: f.body,
      visibility: f.visibility,
      comments_open: f.commentsOpen,
      updated_at: sql`now()`,
    })
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .execute();
}

export async function setPublished(db: Executor, networkId: string, id: string, published: boolean) {
  await db
    .updateTable('news_post')
    .set({
      status: published ? 'published' : 'draft',
      published_at: published ? sql<Date>`now()` : null,
      updated_at: sql`now()`,
    })
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .execute();
}

export async function deletePost(db: Executor, networkId: string, id: string) {
  await db.deleteFrom('news_post').where('network_id', '=', networkId).where('id', '=', id).execute();
}

/** The newest public, published posts that no moderator hid, for a feed (of one organisation or all). */
export async function feedPosts(db: Executor, networkId: string, organisationId: string | null, limit = 30) {
  let q = base(db, networkId)
    .where('p.status', '=', 'published')
    .where('p.visibility', '=', 'public')
    .where((eb) => notHidden(eb));
  if (organisationId) q = q.where('p.organisation_id', '=', organisationId);
  return (await q
    .select([...columns, commentCount])
    .orderBy('p.published_at', 'desc')
    .orderBy('p.id')
    .limit(limit)
    .execute()) as PostRow[];
}

export async function findOrganisation(db: Executor, networkId: string, id: string) {
  return db
    .selectFrom('organisation')
    .select(['id', 'name', 'slug'])
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The organisation's members among the accounts (for a members-only post's notifications). */
export async function membersAmong(
  db: Executor,
  networkId: string,
  organisationId: string,
  accountIds: readonly string[],
): Promise<Set<string>> {
  if (accountIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('membership')
    .select('account_id')
    .where('network_id', '=', networkId)
    .where('organisation_id', '=', organisationId)
    .where('account_id', 'in', [...accountIds])
    .execute();
  return new Set(rows.map((r) => r.account_id));
}

/** How many posts were published in a period (for the front page's figures). */
export async function publishedBetween(db: Executor, networkId: string, from: Date, to: Date) {
  const row = await db
    .selectFrom('news_post')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('network_id', '=', networkId)
    .where('status', '=', 'published')
    .where('published_at', '>=', from)
    .where('published_at', '<', to)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The drafts of the organisations the person acts for, most recently changed first (the personal home). */
export async function draftsFor(
  db: Executor,
  networkId: string,
  organisationIds: readonly string[],
  limit: number,
) {
  if (organisationIds.length === 0) return { items: [] as PostRow[], total: 0 };
  const q = base(db, networkId)
    .where('p.status', '=', 'draft')
    .where('p.organisation_id', 'in', [...organisationIds])
    .where((eb) => notHidden(eb));
  const [items, count] = await Promise.all([
    q
      .select([...columns, commentCount])
      .orderBy('p.updated_at', 'desc')
      .orderBy('p.id')
      .limit(limit)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: items as PostRow[], total: Number(count.n) };
}

/**
 * Posts published since `since` by the organisations the person follows, that they may read and
 * did not write themselves, newest first (the personal home's suggestions).
 */
export async function recentFromFollowed(
  db: Executor,
  networkId: string,
  actor: Actor,
  since: Date,
  limit: number,
) {
  if (!isSignedIn(actor)) return { items: [] as PostRow[], total: 0 };
  const q = base(db, networkId)
    .where((eb) => eb.and([readable(eb, actor), notHidden(eb)]))
    .where('p.published_at', '>=', since)
    .where((eb) => eb.or([eb('p.author_id', 'is', null), eb('p.author_id', '!=', actor.accountId)]))
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('knowledge_follow as f')
          .select('f.target_id')
          .whereRef('f.network_id', '=', 'p.network_id')
          .whereRef('f.target_id', '=', 'p.organisation_id')
          .where('f.target_type', '=', 'organisation')
          .where('f.account_id', '=', actor.accountId),
      ),
    );
  const [items, count] = await Promise.all([
    q
      .select([...columns, commentCount])
      .orderBy('p.published_at', 'desc')
      .orderBy('p.id')
      .limit(limit)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: items as PostRow[], total: Number(count.n) };
}
