import { type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { containsPattern } from '../../../../db/like.ts';
import type { DB, SearchVisibility } from '../../../../db/schema.ts';
import type { Executor } from '../../../../db/tx.ts';
import { type Actor, isSignedIn } from '../../../../policies/actor.ts';

/** All SQL of the wiki's pages, revisions and links; every function takes the executor (db or tx). */

const pageColumns = [
  'p.id',
  'p.organisation_id',
  'p.slug',
  'p.title',
  'p.current_revision',
  'p.visibility',
  'p.owner_id',
  'p.review_interval_days',
  'p.reviewed_at',
  'p.created_by',
  'p.created_at',
  'p.updated_at',
  'p.archived_at',
  'o.name as organisation_name',
  'o.slug as organisation_slug',
] as const;

function pages(db: Executor, networkId: string) {
  return db
    .selectFrom('wiki_page as p')
    .leftJoin('organisation as o', (j) =>
      j.onRef('o.network_id', '=', 'p.network_id').onRef('o.id', '=', 'p.organisation_id'),
    )
    .where('p.network_id', '=', networkId);
}

/**
 * Which wiki a page is in, written as the indexes on slug and on title write it (wiki_page_slug,
 * wiki_page_title): the organisation, or the zero uuid for the network's own wiki. A lookup by slug
 * or title in one or more wikis compares this, so it reads the index instead of every page of the
 * network (2.3 ms for the link targets of one page at size M; docs/PERFORMANCE.md).
 */
const networkWiki = '00000000-0000-0000-0000-000000000000';
const wikiKey = sql<string>`COALESCE(organisation_id, ${sql.lit(networkWiki)}::uuid)`;
function inWikis(organisationIds: readonly (string | null)[]) {
  return (eb: ExpressionBuilder<DB, 'wiki_page'>) =>
    eb(
      wikiKey,
      'in',
      organisationIds.map((id) => id ?? networkWiki),
    );
}

export type PageRow = NonNullable<Awaited<ReturnType<typeof findPage>>>;

export async function findPage(db: Executor, networkId: string, id: string) {
  return pages(db, networkId).select(pageColumns).where('p.id', '=', id).executeTakeFirst();
}

/** Locks the page so two saves of it are numbered one after the other. */
export async function lockPage(db: Executor, networkId: string, id: string) {
  return db
    .selectFrom('wiki_page')
    .select(['id', 'organisation_id', 'title', 'current_revision', 'visibility', 'archived_at', 'created_by'])
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/** Page ids whose slug or title (any case) is taken in the wiki (null: the network's). */
export async function sameTitle(
  db: Executor,
  networkId: string,
  organisationId: string | null,
  title: string,
  exceptId?: string,
) {
  let q = db
    .selectFrom('wiki_page')
    .select('id')
    .where('network_id', '=', networkId)
    .where(inWikis([organisationId]))
    .where(sql<SqlBool>`lower(title) = lower(${title})`);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return q.executeTakeFirst();
}

/** The slugs in the wiki that start like this one (for a free one: base, base-2, base-3 …). */
export async function slugsLike(
  db: Executor,
  networkId: string,
  organisationId: string | null,
  base: string,
) {
  const rows = await db
    .selectFrom('wiki_page')
    .select('slug')
    .where('network_id', '=', networkId)
    .where(inWikis([organisationId]))
    .where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)]))
    .execute();
  return new Set(rows.map((r) => r.slug));
}

export interface NewPage {
  organisationId: string | null;
  slug: string;
  title: string;
  visibility: SearchVisibility;
  ownerId: string;
  reviewIntervalDays: number;
  createdBy: string;
  reviewedAt?: Date;
}

export async function insertPage(db: Executor, networkId: string, p: NewPage): Promise<string> {
  const r = await db
    .insertInto('wiki_page')
    .values({
      network_id: networkId,
      organisation_id: p.organisationId,
      slug: p.slug,
      title: p.title,
      visibility: p.visibility,
      owner_id: p.ownerId,
      review_interval_days: p.reviewIntervalDays,
      created_by: p.createdBy,
      ...(p.reviewedAt ? { reviewed_at: p.reviewedAt } : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export interface RevisionFields {
  title: string;
  body: string;
  summary: string;
  restoredFrom?: number | null;
}

/** Appends a revision and makes it the page's current one. */
export async function insertRevision(
  db: Executor,
  networkId: string,
  pageId: string,
  revision: number,
  authorId: string,
  f: RevisionFields,
) {
  await db
    .insertInto('wiki_revision')
    .values({
      network_id: networkId,
      page_id: pageId,
      revision,
      title: f.title,
      body: f.body,
      summary: f.summary,
      restored_from: f.restoredFrom ?? null,
      author_id: authorId,
    })
    .execute();
  await db
    .updateTable('wiki_page')
    .set({ current_revision: revision, title: f.title, updated_at: sql`now()` })
    .where('network_id', '=', networkId)
    .where('id', '=', pageId)
    .execute();
}

export async function updatePageSettings(
  db: Executor,
  networkId: string,
  pageId: string,
  s: { visibility?: SearchVisibility; ownerId?: string | null; reviewIntervalDays?: number },
) {
  await db
    .updateTable('wiki_page')
    .set({
      ...(s.visibility ? { visibility: s.visibility } : {}),
      ...(s.ownerId !== undefined ? { owner_id: s.ownerId } : {}),
      ...(s.reviewIntervalDays ? { review_interval_days: s.reviewIntervalDays } : {}),
      updated_at: sql`now()`,
    })
    .where('network_id', '=', networkId)
    .where('id', '=', pageId)
    .execute();
}

export async function setArchived(db: Executor, networkId: string, pageId: string, archived: boolean) {
  await db
    .updateTable('wiki_page')
    .set({ archived_at: archived ? sql`now()` : null })
    .where('network_id', '=', networkId)
    .where('id', '=', pageId)
    .execute();
}

const revisionColumns = [
  'r.page_id',
  'r.revision',
  'r.title',
  'r.body',
  'r.summary',
  'r.restored_from',
  'r.author_id',
  'r.created_at',
  'a.display_name as author_name',
] as const;

function revisions(db: Executor, networkId: string) {
  return db
    .selectFrom('wiki_revision as r')
    .leftJoin('account as a', (j) =>
      j.onRef('a.network_id', '=', 'r.network_id').onRef('a.id', '=', 'r.author_id'),
    )
    .where('r.network_id', '=', networkId);
}

export type RevisionRow = NonNullable<Awaited<ReturnType<typeof findRevision>>>;

export async function findRevision(db: Executor, networkId: string, pageId: string, revision: number) {
  return revisions(db, networkId)
    .select(revisionColumns)
    .where('r.page_id', '=', pageId)
    .where('r.revision', '=', revision)
    .executeTakeFirst();
}

/** A page's revisions, newest first, without their text. */
export async function listRevisions(
  db: Executor,
  networkId: string,
  pageId: string,
  page: { limit: number; offset: number },
) {
  const q = revisions(db, networkId).where('r.page_id', '=', pageId);
  const [items, total] = await Promise.all([
    q
      .select([
        'r.revision',
        'r.title',
        'r.summary',
        'r.restored_from',
        'r.author_id',
        'r.created_at',
        'a.display_name as author_name',
        sql<number>`length(r.body)`.as('length'),
      ])
      .orderBy('r.revision', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** The organisations the person belongs to (any role): whose members-only pages they read. */
const memberOf = (actor: Actor) => [...actor.roles.keys()];

/** The page is one the person may read by its visibility (archived or not is the caller's). */
function readable(actor: Actor) {
  const orgs = memberOf(actor);
  return (eb: ExpressionBuilder<DB & { p: DB['wiki_page'] }, 'p'>) => {
    const ors = [eb('p.visibility', '=', 'public')];
    if (isSignedIn(actor)) {
      ors.push(eb('p.visibility', '=', 'signed_in'));
      if (orgs.length > 0)
        ors.push(eb.and([eb('p.visibility', '=', 'members'), eb('p.organisation_id', 'in', orgs)]));
    }
    return eb.or(ors);
  };
}

export interface PageFilter {
  /** 'network': the network's wiki; an organisation's id: its wiki; nothing: every wiki */
  organisationId?: string | 'network';
  staleOnly?: boolean;
  q?: string;
  /** archived pages (of the wikis the person edits) instead of the current ones */
  archived?: boolean;
  /** the wikis the person edits, for `archived`: null for the network's */
  editable?: (string | null)[];
  limit: number;
  offset: number;
}

const stale = sql<SqlBool>`(p.reviewed_at + p.review_interval_days * interval '1 day' <= now()
  OR EXISTS (SELECT 1 FROM knowledge_outdated k WHERE k.network_id = p.network_id
    AND k.target_type = 'wiki_page' AND k.target_id = p.id AND k.resolved_at IS NULL))`;

/** Pages the person may read, most recently changed first; by wiki, staleness and text (German and English). */
export async function listPages(db: Executor, networkId: string, actor: Actor, f: PageFilter) {
  let q = pages(db, networkId)
    .innerJoin('wiki_revision as r', (j) =>
      j
        .onRef('r.network_id', '=', 'p.network_id')
        .onRef('r.page_id', '=', 'p.id')
        .onRef('r.revision', '=', 'p.current_revision'),
    )
    .where(readable(actor));
  if (f.archived) {
    const editable = f.editable ?? [];
    const orgs = editable.filter((e): e is string => e !== null);
    q = q.where('p.archived_at', 'is not', null).where((eb) => {
      const ors = [];
      if (editable.includes(null)) ors.push(eb('p.organisation_id', 'is', null));
      if (orgs.length > 0) ors.push(eb('p.organisation_id', 'in', orgs));
      return ors.length > 0 ? eb.or(ors) : sql<SqlBool>`false`;
    });
  } else q = q.where('p.archived_at', 'is', null);
  if (f.organisationId === 'network') q = q.where('p.organisation_id', 'is', null);
  else if (f.organisationId) q = q.where('p.organisation_id', '=', f.organisationId);
  if (f.staleOnly) q = q.where(stale);
  if (f.q) {
    const text = f.q.trim();
    const like = containsPattern(text);
    q = q.where((eb) =>
      eb.or([
        sql<boolean>`to_tsvector('german', r.title || ' ' || r.body) @@ websearch_to_tsquery('german', ${text})`,
        sql<boolean>`to_tsvector('english', r.title || ' ' || r.body) @@ websearch_to_tsquery('english', ${text})`,
        eb('r.title', 'ilike', like),
      ]),
    );
  }
  const [items, total] = await Promise.all([
    q
      .select([...pageColumns, 'r.body', 'r.author_id', 'r.created_at as revised_at'])
      .select((eb) =>
        eb
          .selectFrom('account as a')
          .select('a.display_name')
          .whereRef('a.network_id', '=', 'r.network_id')
          .whereRef('a.id', '=', 'r.author_id')
          .as('author_name'),
      )
      .orderBy('p.updated_at', 'desc')
      .orderBy('p.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/**
 * The pages `[[links]]` of a page in this wiki may lead to: the wiki's own pages first, then the
 * network's (for a network page only the network's), archived ones too (the caller prefers the others), matched by slug — so capitals and
 * punctuation do not matter, and a renamed page keeps the links written to its first title — or by
 * title.
 */
export async function linkCandidates(
  db: Executor,
  networkId: string,
  organisationId: string | null,
  slugs: string[],
  titles: string[],
) {
  if (slugs.length === 0) return [];
  return (
    db
      .selectFrom('wiki_page')
      .select(['id', 'organisation_id', 'slug', 'title', 'visibility', 'archived_at'])
      .where('network_id', '=', networkId)
      // the own wiki and the network's (resolveLinks prefers the own)
      .where(inWikis(organisationId ? [organisationId, null] : [null]))
      .where((eb) =>
        eb.or([
          eb('slug', 'in', slugs),
          eb(
            sql`lower(title)`,
            'in',
            titles.map((t) => t.toLowerCase()),
          ),
        ]),
      )
      .execute()
  );
}

/** Replaces the page's outgoing links with those of its current revision. */
export async function replaceLinks(db: Executor, networkId: string, fromId: string, toIds: string[]) {
  await db
    .deleteFrom('wiki_link')
    .where('network_id', '=', networkId)
    .where('from_page_id', '=', fromId)
    .execute();
  const targets = [...new Set(toIds)].filter((id) => id !== fromId);
  if (targets.length > 0)
    await db
      .insertInto('wiki_link')
      .values(targets.map((to) => ({ network_id: networkId, from_page_id: fromId, to_page_id: to })))
      .execute();
}

/** Pages whose current revision links to this one, that the person may read (not archived). */
export async function backlinks(db: Executor, networkId: string, pageId: string, actor: Actor) {
  return pages(db, networkId)
    .innerJoin('wiki_link as l', (j) =>
      j.onRef('l.network_id', '=', 'p.network_id').onRef('l.from_page_id', '=', 'p.id'),
    )
    .select(['p.id', 'p.title', 'p.organisation_id', 'o.name as organisation_name'])
    .where('l.to_page_id', '=', pageId)
    .where('p.archived_at', 'is', null)
    .where(readable(actor))
    .orderBy('p.title')
    .limit(200)
    .execute();
}

/** Pages that link to a title not yet written in this wiki — once it exists, their links lead to it. */
export async function pagesLinkingTo(
  db: Executor,
  networkId: string,
  organisationId: string | null,
  title: string,
) {
  // the wiki's own pages, and for a network page every wiki (organisations link to network pages)
  let q = db
    .selectFrom('wiki_page as p')
    .innerJoin('wiki_revision as r', (j) =>
      j
        .onRef('r.network_id', '=', 'p.network_id')
        .onRef('r.page_id', '=', 'p.id')
        .onRef('r.revision', '=', 'p.current_revision'),
    )
    .select(['p.id', 'p.organisation_id', 'r.body'])
    .where('p.network_id', '=', networkId)
    .where('p.archived_at', 'is', null)
    .where(sql<SqlBool>`position('[[' in r.body) > 0`)
    .where(sql<SqlBool>`strpos(lower(r.body), lower(${title})) > 0`);
  if (organisationId) q = q.where('p.organisation_id', '=', organisationId);
  return q.limit(500).execute();
}

/** The person's display name (for notifications). */
export async function displayName(db: Executor, networkId: string, accountId: string) {
  const r = await db
    .selectFrom('account')
    .select('display_name')
    .where('network_id', '=', networkId)
    .where('id', '=', accountId)
    .executeTakeFirst();
  return r?.display_name ?? '';
}

/** Whether the person could keep this wiki's page current: acts for the organisation, or for any (network wiki) or runs the instance. */
export async function mayOwn(
  db: Executor,
  networkId: string,
  organisationId: string | null,
  accountId: string,
) {
  const account = await db
    .selectFrom('account')
    .select(['is_instance_admin', 'blocked_at'])
    .where('network_id', '=', networkId)
    .where('id', '=', accountId)
    .executeTakeFirst();
  if (!account || account.blocked_at) return false;
  if (organisationId === null && account.is_instance_admin) return true;
  let q = db
    .selectFrom('membership')
    .select('organisation_id')
    .where('network_id', '=', networkId)
    .where('account_id', '=', accountId)
    .where('role', 'in', ['staff', 'admin']);
  if (organisationId) q = q.where('organisation_id', '=', organisationId);
  return (await q.executeTakeFirst()) !== undefined;
}
