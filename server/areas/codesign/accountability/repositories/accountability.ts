import { sql } from 'kysely';
import type { CodesignDimension, CodesignOutcomeStatus, CodesignStake } from '../../../../db/schema.ts';
import type { Executor } from '../../../../db/tx.ts';
import type { Actor } from '../../../../policies/actor.ts';

/** All SQL of accountability: affected groups, the outcome and its history, reviews, reminders, methods. */

export async function listAffected(db: Executor, networkId: string, projectId: string) {
  return db
    .selectFrom('codesign_affected_group')
    .select(['dimension', 'value', 'expected_share'])
    .where('network_id', '=', networkId)
    .where('project_id', '=', projectId)
    .orderBy('dimension')
    .orderBy('value')
    .execute();
}

export interface AffectedGroup {
  dimension: CodesignDimension;
  value: string;
  expectedShare: number | null;
}

/** Replaces the project's affected groups with these (in the caller's transaction). */
export async function replaceAffected(
  db: Executor,
  networkId: string,
  projectId: string,
  groups: AffectedGroup[],
) {
  await db
    .deleteFrom('codesign_affected_group')
    .where('network_id', '=', networkId)
    .where('project_id', '=', projectId)
    .execute();
  if (groups.length === 0) return;
  await db
    .insertInto('codesign_affected_group')
    .values(
      groups.map((g) => ({
        network_id: networkId,
        project_id: projectId,
        dimension: g.dimension,
        value: g.value,
        expected_share: g.expectedShare,
      })),
    )
    .execute();
}

export async function findOutcome(db: Executor, networkId: string, projectId: string) {
  return db
    .selectFrom('codesign_outcome as o')
    .leftJoin('account as a', (j) =>
      j.onRef('a.network_id', '=', 'o.network_id').onRef('a.id', '=', 'o.updated_by'),
    )
    .select([
      'o.status',
      'o.progress',
      'o.statement',
      'o.review_on',
      'o.updated_at',
      'o.updated_by',
      'a.display_name as updated_by_name',
    ])
    .where('o.network_id', '=', networkId)
    .where('o.project_id', '=', projectId)
    .executeTakeFirst();
}

export interface OutcomeFields {
  status: CodesignOutcomeStatus;
  progress: number;
  statement: string;
  reviewOn: string | null;
}

/** Writes the outcome and its history row together; `updated_at` moves, so a stale edit is seen. */
export async function saveOutcome(
  db: Executor,
  networkId: string,
  projectId: string,
  authorId: string,
  f: OutcomeFields,
) {
  await db
    .insertInto('codesign_outcome')
    .values({
      network_id: networkId,
      project_id: projectId,
      status: f.status,
      progress: f.progress,
      statement: f.statement,
      review_on: f.reviewOn,
      updated_by: authorId,
    })
    .onConflict((oc) =>
      oc.columns(['network_id', 'project_id']).doUpdateSet({
        status: f.status,
        progress: f.progress,
        statement: f.statement,
        review_on: f.reviewOn,
        updated_by: authorId,
        updated_at: sql`now()`,
      }),
    )
    .execute();
  await db
    .insertInto('codesign_outcome_update')
    .values({
      network_id: networkId,
      project_id: projectId,
      status: f.status,
      progress: f.progress,
      statement: f.statement,
      review_on: f.reviewOn,
      author_id: authorId,
    })
    .execute();
}

export async function listOutcomeUpdates(
  db: Executor,
  networkId: string,
  projectId: string,
  page: { limit: number; offset: number },
) {
  const base = db
    .selectFrom('codesign_outcome_update as u')
    .where('u.network_id', '=', networkId)
    .where('u.project_id', '=', projectId);
  const [items, total] = await Promise.all([
    base
      .leftJoin('account as a', (j) =>
        j.onRef('a.network_id', '=', 'u.network_id').onRef('a.id', '=', 'u.author_id'),
      )
      .select([
        'u.id',
        'u.status',
        'u.progress',
        'u.statement',
        'u.review_on',
        'u.created_at',
        'a.display_name as author_name',
      ])
      .orderBy('u.created_at', 'desc')
      .orderBy('u.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export interface ReviewFields {
  heldOn: string;
  worked: string;
  didNotWork: string;
  nextSteps: string;
  judgedBy: string;
  judgedStakes: CodesignStake[];
}

export async function insertReview(
  db: Executor,
  networkId: string,
  projectId: string,
  authorId: string,
  f: ReviewFields,
) {
  const row = await db
    .insertInto('codesign_review')
    .values({
      network_id: networkId,
      project_id: projectId,
      held_on: f.heldOn,
      worked: f.worked,
      did_not_work: f.didNotWork,
      next_steps: f.nextSteps,
      judged_by: f.judgedBy,
      judged_stakes: f.judgedStakes,
      author_id: authorId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const reviewColumns = [
  'r.id',
  'r.project_id',
  'r.held_on',
  'r.worked',
  'r.did_not_work',
  'r.next_steps',
  'r.judged_by',
  'r.judged_stakes',
  'r.created_at',
  'a.display_name as author_name',
] as const;

export async function listReviews(
  db: Executor,
  networkId: string,
  projectId: string,
  page: { limit: number; offset: number },
) {
  const base = db
    .selectFrom('codesign_review as r')
    .where('r.network_id', '=', networkId)
    .where('r.project_id', '=', projectId);
  const [items, total] = await Promise.all([
    base
      .leftJoin('account as a', (j) =>
        j.onRef('a.network_id', '=', 'r.network_id').onRef('a.id', '=', 'r.author_id'),
      )
      .select(reviewColumns)
      .orderBy('r.held_on', 'desc')
      .orderBy('r.created_at', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export type ReviewRow = Awaited<ReturnType<typeof listReviews>>['items'][number];

/**
 * Projects whose review is due on `today` (a local date) and not yet reminded for that date, claimed
 * by writing their reminder rows: two sweeps at once, or one after a crash, never remind twice.
 */
export async function claimDueReviews(db: Executor, networkId: string, today: string) {
  return db
    .insertInto('codesign_review_reminder')
    .columns(['network_id', 'project_id', 'review_on'])
    .expression((eb) =>
      eb
        .selectFrom('codesign_outcome as o')
        .innerJoin('codesign_project as p', (j) =>
          j.onRef('p.network_id', '=', 'o.network_id').onRef('p.id', '=', 'o.project_id'),
        )
        .select(['o.network_id', 'o.project_id', 'o.review_on'])
        .where('o.network_id', '=', networkId)
        .where('o.review_on', '<=', today)
        .where('p.status', '<>', 'draft')
        // a review held on or after the date answers it
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('codesign_review as r')
                .select('r.id')
                .whereRef('r.network_id', '=', 'o.network_id')
                .whereRef('r.project_id', '=', 'o.project_id')
                .whereRef('r.held_on', '>=', 'o.review_on'),
            ),
          ),
        ),
    )
    .onConflict((oc) => oc.doNothing())
    .returning(['project_id', 'review_on'])
    .execute();
}

/** The people a project's review concerns: staff and admins of its running organisations, and its facilitators. */
export async function reviewAudience(db: Executor, networkId: string, projectId: string) {
  const rows = await sql<{ account_id: string }>`
    SELECT m.account_id FROM codesign_project_organisation o
      JOIN membership m ON m.network_id = o.network_id AND m.organisation_id = o.organisation_id
      JOIN account a ON a.network_id = m.network_id AND a.id = m.account_id AND a.blocked_at IS NULL
      WHERE o.network_id = ${networkId} AND o.project_id = ${projectId} AND o.status = 'accepted'
        AND m.role IN ('admin', 'staff')
    UNION
    SELECT p.account_id FROM codesign_participant p
      WHERE p.network_id = ${networkId} AND p.project_id = ${projectId} AND p.role = 'facilitator'
        AND p.status = 'active' AND p.account_id IS NOT NULL
  `.execute(db);
  return rows.rows.map((r) => r.account_id);
}

/**
 * Projects with a review due for the person (today's home): those they organise or facilitate whose
 * review date has come and that no review answered yet.
 */
export async function dueReviewsFor(
  db: Executor,
  networkId: string,
  actor: Actor & { accountId: string },
  today: string,
  limit: number,
) {
  const orgs = [...actor.roles].filter(([, r]) => r === 'admin' || r === 'staff').map(([o]) => o);
  return db
    .selectFrom('codesign_outcome as o')
    .innerJoin('codesign_project as p', (j) =>
      j.onRef('p.network_id', '=', 'o.network_id').onRef('p.id', '=', 'o.project_id'),
    )
    .select(['p.id', 'p.title', 'o.review_on'])
    .where('o.network_id', '=', networkId)
    .where('o.review_on', '<=', today)
    .where('p.status', '<>', 'draft')
    .where(({ or, exists, selectFrom, not }) =>
      or([
        exists(
          selectFrom('codesign_project_organisation as po')
            .select('po.project_id')
            .whereRef('po.network_id', '=', 'p.network_id')
            .whereRef('po.project_id', '=', 'p.id')
            .where('po.status', '=', 'accepted')
            .where('po.organisation_id', 'in', orgs.length ? orgs : ['00000000-0000-0000-0000-000000000000']),
        ),
        exists(
          selectFrom('codesign_participant as me')
            .select('me.id')
            .whereRef('me.network_id', '=', 'p.network_id')
            .whereRef('me.project_id', '=', 'p.id')
            .where('me.account_id', '=', actor.accountId)
            .where('me.role', '=', 'facilitator')
            .where('me.status', '=', 'active'),
        ),
      ]).and(
        not(
          exists(
            selectFrom('codesign_review as r')
              .select('r.id')
              .whereRef('r.network_id', '=', 'o.network_id')
              .whereRef('r.project_id', '=', 'o.project_id')
              .whereRef('r.held_on', '>=', 'o.review_on'),
          ),
        ),
      ),
    )
    .orderBy('o.review_on')
    .limit(limit)
    .execute();
}

/** A project's tools with the method each applied (its playbook page's current title), in phase order. */
export async function toolMethods(db: Executor, networkId: string, projectId: string) {
  return db
    .selectFrom('codesign_tool as t')
    .innerJoin('codesign_phase as ph', (j) =>
      j.onRef('ph.network_id', '=', 't.network_id').onRef('ph.id', '=', 't.phase_id'),
    )
    .leftJoin('playbook_page as pp', (j) =>
      j.onRef('pp.network_id', '=', 't.network_id').onRef('pp.id', '=', 't.method_page_id'),
    )
    .leftJoin('playbook_revision as pr', (j) =>
      j
        .onRef('pr.network_id', '=', 'pp.network_id')
        .onRef('pr.page_id', '=', 'pp.id')
        .onRef('pr.revision', '=', 'pp.current_revision'),
    )
    .select([
      't.id',
      't.title',
      't.kind',
      'ph.title as phase_title',
      't.method_page_id',
      'pr.title as method_title',
    ])
    .where('t.network_id', '=', networkId)
    .where('t.project_id', '=', projectId)
    .orderBy('ph.position')
    .orderBy('t.position')
    .execute();
}

/** Sets the playbook page a tool applied (null: none). */
export async function setToolMethod(db: Executor, networkId: string, toolId: string, pageId: string | null) {
  await db
    .updateTable('codesign_tool')
    .set({ method_page_id: pageId, updated_at: sql`now()` })
    .where('network_id', '=', networkId)
    .where('id', '=', toolId)
    .execute();
}

export async function playbookPageExists(db: Executor, networkId: string, pageId: string) {
  const row = await db
    .selectFrom('playbook_page')
    .select('id')
    .where('network_id', '=', networkId)
    .where('id', '=', pageId)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * The projects that applied a method (a playbook page), as far as the reader may see them — public
 * projects past their draft, members-only ones they organise or take part in — with the tools that
 * used it, the outcome and the latest review.
 */
export async function projectsUsingMethod(db: Executor, networkId: string, pageId: string, actor: Actor) {
  const orgs = [...actor.roles].filter(([, r]) => r === 'admin' || r === 'staff').map(([o]) => o);
  const none = '00000000-0000-0000-0000-000000000000';
  const rows = await sql<{
    project_id: string;
    title: string;
    status: string;
    tools: string[];
    outcome_status: string | null;
    progress: number | null;
    review_id: string | null;
    held_on: string | null;
    worked: string | null;
    did_not_work: string | null;
    judged_by: string | null;
  }>`
    SELECT p.id AS project_id, p.title, p.status,
      array_agg(t.title ORDER BY t.position) AS tools,
      o.status AS outcome_status, o.progress,
      r.id AS review_id, r.held_on, r.worked, r.did_not_work, r.judged_by
    FROM codesign_tool t
    JOIN codesign_project p ON p.network_id = t.network_id AND p.id = t.project_id
    LEFT JOIN codesign_outcome o ON o.network_id = p.network_id AND o.project_id = p.id
    LEFT JOIN LATERAL (
      SELECT * FROM codesign_review r WHERE r.network_id = p.network_id AND r.project_id = p.id
      ORDER BY r.held_on DESC, r.created_at DESC LIMIT 1
    ) r ON true
    WHERE t.network_id = ${networkId} AND t.method_page_id = ${pageId}
      AND (
        EXISTS (SELECT 1 FROM codesign_project_organisation po
                WHERE po.network_id = p.network_id AND po.project_id = p.id AND po.status = 'accepted'
                  AND po.organisation_id = ANY(${orgs.length ? orgs : [none]}::uuid[]))
        OR (p.status <> 'draft' AND (
          p.visibility = 'public'
          OR EXISTS (SELECT 1 FROM codesign_participant me
                     WHERE me.network_id = p.network_id AND me.project_id = p.id
                       AND me.account_id = ${actor.accountId ?? none}::uuid AND me.status = 'active')))
      )
    GROUP BY p.id, p.title, p.status, o.status, o.progress, r.id, r.held_on, r.worked, r.did_not_work, r.judged_by
    ORDER BY max(p.updated_at) DESC
    LIMIT 50
  `.execute(db);
  return rows.rows;
}
