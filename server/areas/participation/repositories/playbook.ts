import { type SqlBool, sql } from 'kysely';
import { containsPattern } from '../../../db/like.ts';
import type { PlaybookChannel } from '../../../db/schema.ts';
import type { Executor } from '../../../db/tx.ts';

export interface RevisionFields {
  title: string;
  body: string;
  tags: string[];
  channels: PlaybookChannel[];
  summary: string;
  organisationId: string | null;
}

const revisionColumns = [
  'r.page_id',
  'r.revision',
  'r.title',
  'r.body',
  'r.tags',
  'r.channels',
  'r.summary',
  'r.author_id',
  'r.organisation_id',
  'r.created_at',
  'a.display_name as author_name',
  'o.name as organisation_name',
] as const;

function revisions(db: Executor, networkId: string) {
  return db
    .selectFrom('playbook_revision as r')
    .leftJoin('account as a', (j) =>
      j.onRef('a.network_id', '=', 'r.network_id').onRef('a.id', '=', 'r.author_id'),
    )
    .leftJoin('organisation as o', (j) =>
      j.onRef('o.network_id', '=', 'r.network_id').onRef('o.id', '=', 'r.organisation_id'),
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

export async function findPage(db: Executor, networkId: string, id: string) {
  return db
    .selectFrom('playbook_page')
    .select(['id', 'current_revision', 'created_at', 'updated_at'])
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Locks the page so two saves of it are numbered one after the other. */
export async function lockPage(db: Executor, networkId: string, id: string) {
  return db
    .selectFrom('playbook_page')
    .select(['id', 'current_revision'])
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function insertPage(db: Executor, networkId: string, createdBy: string): Promise<string> {
  const r = await db
    .insertInto('playbook_page')
    .values({ network_id: networkId, created_by: createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function insertRevision(
  db: Executor,
  networkId: string,
  pageId: string,
  revision: number,
  authorId: string,
  f: RevisionFields,
) {
  await db
    .insertInto('playbook_revision')
    .values({
      network_id: networkId,
      page_id: pageId,
      revision,
      title: f.title,
      body: f.body,
      tags: f.tags,
      channels: JSON.stringify(f.channels),
      summary: f.summary,
      author_id: authorId,
      organisation_id: f.organisationId,
    })
    .execute();
  await db
    .updateTable('playbook_page')
    .set({ current_revision: revision, updated_at: sql`now()` })
    .where('network_id', '=', networkId)
    .where('id', '=', pageId)
    .execute();
}

export async function listRevisions(db: Executor, networkId: string, pageId: string) {
  return revisions(db, networkId)
    .select(revisionColumns)
    .where('r.page_id', '=', pageId)
    .orderBy('r.revision', 'desc')
    .limit(500)
    .execute();
}

/** Pages with their current revision, newest change first; by tag and text. */
export async function listPages(
  db: Executor,
  networkId: string,
  f: { tag?: string; q?: string; limit: number; offset: number },
) {
  let q = revisions(db, networkId).innerJoin('playbook_page as p', (j) =>
    j
      .onRef('p.network_id', '=', 'r.network_id')
      .onRef('p.id', '=', 'r.page_id')
      .onRef('p.current_revision', '=', 'r.revision'),
  );
  if (f.tag) q = q.where(sql<SqlBool>`${f.tag} = ANY(r.tags)`);
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
      .select([...revisionColumns, 'p.updated_at'])
      .orderBy('p.updated_at', 'desc')
      .orderBy('p.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n };
}
