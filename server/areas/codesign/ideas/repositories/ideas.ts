import { sql } from 'kysely';
import type { CodesignIdeaMark, CodesignPointSide } from '../../../../db/schema.ts';
import type { Executor } from '../../../../db/tx.ts';
import { hiddenSql } from '../../../../platform/moderation.ts';

/**
 * The ideas of a tool, as the ideas part reads them. An idea merged into another is not listed on its
 * own: its points, comments and proposers count and show with the idea it went into. What a moderator
 * hid (hidden_content) is left out everywhere here.
 */

export type IdeaSort = 'newest' | 'points';

const hiddenIdea = (alias: string) => hiddenSql('codesign_idea', alias);

/** the ideas whose things count for idea `i`: itself and those merged into it */
const family = (alias: string) =>
  sql`(SELECT f.id FROM codesign_idea f WHERE f.network_id = ${sql.raw(alias)}.network_id
    AND (f.id = ${sql.raw(alias)}.id OR f.merged_into = ${sql.raw(alias)}.id)
    AND NOT ${hiddenIdea('f')})`;

const countOf = (table: 'codesign_idea_point' | 'codesign_idea_comment', alias: string, side?: string) =>
  sql<string>`(SELECT count(*) FROM ${sql.table(table)} x WHERE x.network_id = ${sql.raw(alias)}.network_id
    AND x.idea_id IN ${family(alias)} ${side ? sql`AND x.side = ${side}` : sql``}
    AND NOT ${hiddenSql(table, 'x')})`;

export async function listIdeas(
  db: Executor,
  networkId: string,
  toolId: string,
  o: { sort: IdeaSort; limit: number; offset: number },
) {
  const base = db
    .selectFrom('codesign_idea as i')
    .where('i.network_id', '=', networkId)
    .where('i.tool_id', '=', toolId)
    .where('i.merged_into', 'is', null)
    .where(sql<boolean>`NOT ${hiddenIdea('i')}`);
  let q = base
    .select([
      'i.id',
      'i.title',
      'i.body',
      'i.mark',
      'i.contribution_id',
      'i.created_at',
      countOf('codesign_idea_point', 'i', 'pro').as('pro'),
      countOf('codesign_idea_point', 'i', 'contra').as('contra'),
      countOf('codesign_idea_comment', 'i').as('comments'),
      sql<string>`(SELECT count(*) FROM codesign_idea m WHERE m.network_id = i.network_id
        AND m.merged_into = i.id AND NOT ${hiddenIdea('m')})`.as('merged'),
    ])
    .limit(o.limit)
    .offset(o.offset);
  if (o.sort === 'points') q = q.orderBy(countOf('codesign_idea_point', 'i'), 'desc');
  q = q.orderBy('i.created_at', 'desc').orderBy('i.id');
  const [items, total] = await Promise.all([
    q.execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export type IdeaListRow = Awaited<ReturnType<typeof listIdeas>>['items'][number];

/** One idea of a tool (merged or not), or undefined; `hidden` says whether a moderator hid it. */
export async function findIdea(db: Executor, networkId: string, ideaId: string, lock = false) {
  let q = db
    .selectFrom('codesign_idea as i')
    .selectAll('i')
    .select(hiddenIdea('i').as('hidden'))
    .where('i.network_id', '=', networkId)
    .where('i.id', '=', ideaId);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export type IdeaRow = NonNullable<Awaited<ReturnType<typeof findIdea>>>;

/** The ideas merged into `ideaId` (not hidden), oldest first. */
export async function mergedInto(db: Executor, networkId: string, ideaId: string) {
  return db
    .selectFrom('codesign_idea as i')
    .select(['i.id', 'i.title', 'i.contribution_id', 'i.merged_at', 'i.created_at'])
    .where('i.network_id', '=', networkId)
    .where('i.merged_into', '=', ideaId)
    .where(sql<boolean>`NOT ${hiddenIdea('i')}`)
    .orderBy('i.merged_at')
    .orderBy('i.id')
    .execute();
}

/** The points of an idea and of those merged into it (not hidden), oldest first. */
export async function pointsOf(db: Executor, networkId: string, ideaIds: readonly string[]) {
  if (ideaIds.length === 0) return [];
  return db
    .selectFrom('codesign_idea_point as p')
    .select(['p.id', 'p.idea_id', 'p.side', 'p.body', 'p.contribution_id', 'p.created_at'])
    .where('p.network_id', '=', networkId)
    .where('p.idea_id', 'in', ideaIds)
    .where(sql<boolean>`NOT ${hiddenSql('codesign_idea_point', 'p')}`)
    .orderBy('p.created_at')
    .orderBy('p.id')
    .execute();
}

/** The comments of an idea and of those merged into it (not hidden), oldest first. */
export async function commentsOf(db: Executor, networkId: string, ideaIds: readonly string[]) {
  if (ideaIds.length === 0) return [];
  return db
    .selectFrom('codesign_idea_comment as c')
    .select(['c.id', 'c.idea_id', 'c.body', 'c.contribution_id', 'c.created_at'])
    .where('c.network_id', '=', networkId)
    .where('c.idea_id', 'in', ideaIds)
    .where(sql<boolean>`NOT ${hiddenSql('codesign_idea_comment', 'c')}`)
    .orderBy('c.created_at')
    .orderBy('c.id')
    .execute();
}

export async function insertIdea(
  db: Executor,
  v: {
    networkId: string;
    projectId: string;
    toolId: string;
    contributionId: string;
    title: string;
    body: string;
  },
) {
  const row = await db
    .insertInto('codesign_idea')
    .values({
      network_id: v.networkId,
      project_id: v.projectId,
      tool_id: v.toolId,
      contribution_id: v.contributionId,
      title: v.title,
      body: v.body,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertComment(
  db: Executor,
  v: { networkId: string; ideaId: string; contributionId: string; body: string },
) {
  const row = await db
    .insertInto('codesign_idea_comment')
    .values({
      network_id: v.networkId,
      idea_id: v.ideaId,
      contribution_id: v.contributionId,
      body: v.body,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertPoint(
  db: Executor,
  v: { networkId: string; ideaId: string; contributionId: string; side: CodesignPointSide; body: string },
) {
  const row = await db
    .insertInto('codesign_idea_point')
    .values({
      network_id: v.networkId,
      idea_id: v.ideaId,
      contribution_id: v.contributionId,
      side: v.side,
      body: v.body,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Merges `fromId` into `intoId` (both locked by the caller): the ideas merged into `fromId` before
 * now point at `intoId` too (merges never chain), and a mark moves with it.
 */
export async function mergeIdeas(
  db: Executor,
  networkId: string,
  fromId: string,
  intoId: string,
  by: string,
  mark: CodesignIdeaMark | null,
) {
  await db
    .updateTable('codesign_idea')
    .set({ merged_into: intoId })
    .where('network_id', '=', networkId)
    .where('merged_into', '=', fromId)
    .execute();
  await db
    .updateTable('codesign_idea')
    .set({ merged_into: intoId, merged_by: by, merged_at: sql`now()`, mark: null })
    .where('network_id', '=', networkId)
    .where('id', '=', fromId)
    .execute();
  if (mark)
    await db
      .updateTable('codesign_idea')
      .set({ mark })
      .where('network_id', '=', networkId)
      .where('id', '=', intoId)
      .execute();
}

/** The ids of a tool's ideas that can be chosen: not merged, not hidden. */
export async function candidateIds(db: Executor, networkId: string, toolId: string, lock = false) {
  let q = db
    .selectFrom('codesign_idea as i')
    .select(['i.id', 'i.mark'])
    .where('i.network_id', '=', networkId)
    .where('i.tool_id', '=', toolId)
    .where('i.merged_into', 'is', null)
    .where(sql<boolean>`NOT ${hiddenIdea('i')}`);
  if (lock) q = q.forUpdate();
  return q.execute();
}

/** Sets which of a tool's ideas are selected: exactly `ids` (checked by the caller). */
export async function setSelected(db: Executor, networkId: string, toolId: string, ids: readonly string[]) {
  await db
    .updateTable('codesign_idea')
    .set({ mark: null })
    .where('network_id', '=', networkId)
    .where('tool_id', '=', toolId)
    .where('mark', '=', 'selected')
    .$if(ids.length > 0, (q) => q.where('id', 'not in', ids))
    .execute();
  if (ids.length > 0)
    await db
      .updateTable('codesign_idea')
      .set({ mark: 'selected' })
      .where('network_id', '=', networkId)
      .where('tool_id', '=', toolId)
      .where('id', 'in', ids)
      .execute();
}
