import { type RawBuilder, sql } from 'kysely';
import type { CodesignStance } from '../../../../db/schema.ts';
import type { Executor } from '../../../../db/tx.ts';
import { toolFactsOf, toolFactsQuery } from '../../projects/repositories/access.ts';

/** A proposal with who wrote its outcome. */
export async function findProposal(db: Executor, networkId: string, id: string) {
  return db
    .selectFrom('codesign_proposal as p')
    .leftJoin('account as o', (j) =>
      j.onRef('o.network_id', '=', 'p.network_id').onRef('o.id', '=', 'p.outcome_by'),
    )
    .selectAll('p')
    .select('o.display_name as outcome_by_name')
    .where('p.network_id', '=', networkId)
    .where('p.id', '=', id)
    .executeTakeFirst();
}

export type ProposalRow = NonNullable<Awaited<ReturnType<typeof findProposal>>>;

/**
 * The proposal's row locked: `share` for a stance (many at once; a close waits for them), `update`
 * for closing it or writing its outcome (stances wait, then see it closed).
 */
export async function lockProposal(db: Executor, networkId: string, id: string, mode: 'share' | 'update') {
  const q = db
    .selectFrom('codesign_proposal')
    .select([
      'id',
      'title',
      'tool_id',
      'project_id',
      'closes_at',
      'outcome',
      'review_on',
      sql<Date>`clock_timestamp()`.as('clock'),
    ])
    .where('network_id', '=', networkId)
    .where('id', '=', id);
  return (mode === 'share' ? q.forShare() : q.forUpdate()).executeTakeFirst();
}

/**
 * The proposal's row locked for share (as lockProposal) with its tool and the project's access facts
 * for the door (toolDoor), in one round trip: what every stance reads before it writes.
 */
export async function lockProposalWithTool(
  db: Executor,
  networkId: string,
  id: string,
  accountId: string | null,
) {
  const row = await toolFactsQuery(db, networkId, accountId)
    .innerJoin('codesign_proposal as pr', (j) =>
      j.onRef('pr.network_id', '=', 't.network_id').onRef('pr.tool_id', '=', 't.id'),
    )
    .select(['pr.closes_at as pr_closes_at', sql<Date>`clock_timestamp()`.as('pr_clock')])
    .where('pr.id', '=', id)
    .forShare('pr')
    .executeTakeFirst();
  if (!row) return undefined;
  const { pr_closes_at, pr_clock, ...toolRow } = row;
  return { p: { closes_at: pr_closes_at, clock: pr_clock }, found: toolFactsOf(toolRow) };
}

/** A tool's proposals, newest first. */
export async function listProposals(
  db: Executor,
  networkId: string,
  toolId: string,
  page: { limit: number; offset: number },
) {
  const base = db
    .selectFrom('codesign_proposal as p')
    .where('p.network_id', '=', networkId)
    .where('p.tool_id', '=', toolId);
  const [items, total] = await Promise.all([
    base
      .leftJoin('account as o', (j) =>
        j.onRef('o.network_id', '=', 'p.network_id').onRef('o.id', '=', 'p.outcome_by'),
      )
      .selectAll('p')
      .select('o.display_name as outcome_by_name')
      .orderBy('p.created_at', 'desc')
      .orderBy('p.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export type Tally = Record<CodesignStance, number> & { total: number };

export const emptyTally = (): Tally => ({ agree: 0, abstain: 0, disagree: 0, block: 0, total: 0 });

export type Figures = {
  tally: Tally;
  mine: { stance: CodesignStance; reason: string; updated_at: Date } | null;
  blocks: ReturnType<typeof stanceItem>[];
};

/** The figures' columns as PostgreSQL returns them (json). */
interface FiguresColumns {
  tally: Partial<Record<CodesignStance, number>>;
  mine: { stance: CodesignStance; reason: string; updated_at: string } | null;
  blocks: StanceRow[] | null;
}

/**
 * The figures of the proposal `proposal` (an SQL expression) as three columns: the tally — the count
 * of its current stances per stance, computed, never stored —, the stance of the participant
 * `participant` (an expression, may be null) and, when `blocks` (an int expression) is above 0, that
 * many newest blocks with who took them (as listStances with `only: 'block'`) — chosen from the
 * stances before the joins, so a poll with hundreds of blocks joins only the ones shown.
 */
function figuresColumns(
  networkId: string,
  proposal: RawBuilder<unknown>,
  participant: RawBuilder<unknown>,
  blocks: RawBuilder<unknown>,
) {
  return sql`
      (SELECT coalesce(json_object_agg(t.stance, t.n), '{}') FROM (
         SELECT s.stance, count(*) AS n FROM codesign_stance s
         WHERE s.network_id = ${networkId}::uuid AND s.proposal_id = ${proposal} GROUP BY s.stance) t) AS tally,
      (SELECT json_build_object('stance', m.stance, 'reason', m.reason, 'updated_at', m.updated_at)
         FROM codesign_stance m
         WHERE m.network_id = ${networkId}::uuid AND m.proposal_id = ${proposal}
           AND m.participant_id = ${participant}) AS mine,
      CASE WHEN ${blocks} > 0 THEN (SELECT coalesce(json_agg(b), '[]') FROM (
         SELECT s.participant_id, s.stance, s.reason, s.updated_at, c.channel, c.entered_role,
                a.display_name AS account_name, pa.display_name, e.display_name AS entered_name
         FROM (SELECT s.network_id, s.participant_id, s.stance, s.reason, s.updated_at, s.contribution_id
               FROM codesign_stance s
               WHERE s.network_id = ${networkId}::uuid AND s.proposal_id = ${proposal} AND s.stance = 'block'
               ORDER BY s.updated_at DESC, s.participant_id
               LIMIT ${blocks}) s
         JOIN codesign_contribution c ON c.network_id = s.network_id AND c.id = s.contribution_id
         JOIN codesign_participant pa ON pa.network_id = s.network_id AND pa.id = s.participant_id
         LEFT JOIN account a ON a.network_id = pa.network_id AND a.id = pa.account_id
         LEFT JOIN account e ON e.network_id = c.network_id AND e.id = c.entered_by
         ORDER BY s.updated_at DESC, s.participant_id) b) END AS blocks`;
}

function figuresOf(row: FiguresColumns): Figures {
  const tally = emptyTally();
  for (const [stance, n] of Object.entries(row.tally) as [CodesignStance, number][]) {
    tally[stance] = Number(n);
    tally.total += Number(n);
  }
  return {
    tally,
    mine: row.mine ? { ...row.mine, updated_at: new Date(row.mine.updated_at) } : null,
    blocks: (row.blocks ?? []).map(stanceItem),
  };
}

/**
 * What a proposal's page shows beside the proposal, for each of the given proposals in one round trip
 * (the results page is read while votes keep coming in): the tally, the reader's own stance and,
 * when `blocks` is given, the newest blocks with who took them (figuresColumns).
 */
export async function proposalFigures(
  db: Executor,
  networkId: string,
  proposalIds: readonly string[],
  o: { participantId: string | null; blocks?: number },
) {
  const out = new Map<string, Figures>();
  if (proposalIds.length === 0) return out;
  const r = await sql<FiguresColumns & { id: string }>`
    SELECT p.id::text AS id,
      ${figuresColumns(networkId, sql`p.id`, sql`${o.participantId}::uuid`, sql`${o.blocks ?? 0}::int`)}
    FROM unnest(${proposalIds}::uuid[]) AS p(id)`.execute(db);
  for (const row of r.rows) out.set(row.id, figuresOf(row));
  return out;
}

/**
 * A proposal's page in one round trip (it is read while votes keep coming in): the proposal with who
 * wrote its outcome, its tool with the project's access facts for the door (toolDoor), and its figures
 * for the reader — their stance and, when they are an active participant (who may see names), the
 * newest `blocks` blocks. A facilitator who is not an active participant also sees names: the caller
 * asks proposalFigures for their blocks.
 */
export async function proposalPage(
  db: Executor,
  networkId: string,
  id: string,
  accountId: string | null,
  blocks: number,
) {
  const row = await toolFactsQuery(db, networkId, accountId)
    .innerJoin('codesign_proposal as pr', (j) =>
      j.onRef('pr.network_id', '=', 't.network_id').onRef('pr.tool_id', '=', 't.id'),
    )
    .leftJoin('account as o', (j) =>
      j.onRef('o.network_id', '=', 'pr.network_id').onRef('o.id', '=', 'pr.outcome_by'),
    )
    .select([
      'pr.network_id as pr_network_id',
      'pr.id as pr_id',
      'pr.project_id as pr_project_id',
      'pr.tool_id as pr_tool_id',
      'pr.title as pr_title',
      'pr.body as pr_body',
      'pr.idea_id as pr_idea_id',
      'pr.closes_at as pr_closes_at',
      'pr.outcome as pr_outcome',
      'pr.outcome_statement as pr_outcome_statement',
      'pr.outcome_by as pr_outcome_by',
      'pr.outcome_at as pr_outcome_at',
      'pr.review_on as pr_review_on',
      'pr.review_reminded_at as pr_review_reminded_at',
      'pr.reviewed_at as pr_reviewed_at',
      'pr.review_note as pr_review_note',
      'pr.created_by as pr_created_by',
      'pr.created_at as pr_created_at',
      'pr.updated_at as pr_updated_at',
      'o.display_name as pr_outcome_by_name',
      sql<FiguresColumns['tally']>`f.tally`.as('f_tally'),
      sql<FiguresColumns['mine']>`f.mine`.as('f_mine'),
      sql<FiguresColumns['blocks']>`f.blocks`.as('f_blocks'),
    ])
    .innerJoin(
      sql<FiguresColumns>`LATERAL (SELECT ${figuresColumns(
        networkId,
        sql`pr.id`,
        sql`me.id`,
        sql`CASE WHEN me.status = 'active' THEN ${blocks}::int ELSE 0 END`,
      )})`.as('f'),
      (j) => j.onTrue(),
    )
    .where('pr.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const {
    pr_network_id,
    pr_id,
    pr_project_id,
    pr_tool_id,
    pr_title,
    pr_body,
    pr_idea_id,
    pr_closes_at,
    pr_outcome,
    pr_outcome_statement,
    pr_outcome_by,
    pr_outcome_at,
    pr_review_on,
    pr_review_reminded_at,
    pr_reviewed_at,
    pr_review_note,
    pr_created_by,
    pr_created_at,
    pr_updated_at,
    pr_outcome_by_name,
    f_tally,
    f_mine,
    f_blocks,
    ...toolRow
  } = row;
  const proposal: ProposalRow = {
    network_id: pr_network_id,
    id: pr_id,
    project_id: pr_project_id,
    tool_id: pr_tool_id,
    title: pr_title,
    body: pr_body,
    idea_id: pr_idea_id,
    closes_at: pr_closes_at,
    outcome: pr_outcome,
    outcome_statement: pr_outcome_statement,
    outcome_by: pr_outcome_by,
    outcome_at: pr_outcome_at,
    review_on: pr_review_on,
    review_reminded_at: pr_review_reminded_at,
    reviewed_at: pr_reviewed_at,
    review_note: pr_review_note,
    created_by: pr_created_by,
    created_at: pr_created_at,
    updated_at: pr_updated_at,
    outcome_by_name: pr_outcome_by_name,
  };
  return {
    proposal,
    found: toolFactsOf(toolRow),
    figures: figuresOf({ tally: f_tally, mine: f_mine, blocks: f_blocks }),
    /** whether the blocks were read (the reader is an active participant) */
    blocksRead: toolRow.me_status === 'active',
  };
}

/** The tally of each proposal: the count of its current stances, per stance — computed, never stored. */
export async function tallies(db: Executor, networkId: string, proposalIds: readonly string[]) {
  const figures = await proposalFigures(db, networkId, proposalIds, { participantId: null });
  return new Map(proposalIds.map((id) => [id, figures.get(id)?.tally ?? emptyTally()]));
}

interface StanceRow {
  participant_id: string;
  stance: CodesignStance;
  reason: string;
  updated_at: Date | string;
  channel: string;
  entered_role: string | null;
  account_name: string | null;
  display_name: string | null;
  entered_name: string | null;
}

/** A stance as the pages show it: who (or who entered it for them), which, why and when. */
function stanceItem(r: StanceRow) {
  return {
    participantId: r.participant_id,
    name: r.account_name ?? r.display_name ?? '',
    channel: r.channel,
    assistedBy: r.entered_role ? (r.entered_name ?? '') : null,
    stance: r.stance,
    reason: r.reason,
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

/** The stances of one proposal with who took them and how, blocks first, then newest first. */
export async function listStances(
  db: Executor,
  networkId: string,
  proposalId: string,
  o: { limit: number; offset: number; only?: CodesignStance; count?: boolean },
) {
  let base = db
    .selectFrom('codesign_stance as s')
    .where('s.network_id', '=', networkId)
    .where('s.proposal_id', '=', proposalId);
  if (o.only) base = base.where('s.stance', '=', o.only);
  const [items, total] = await Promise.all([
    base
      .innerJoin('codesign_contribution as c', (j) =>
        j.onRef('c.network_id', '=', 's.network_id').onRef('c.id', '=', 's.contribution_id'),
      )
      .innerJoin('codesign_participant as pa', (j) =>
        j.onRef('pa.network_id', '=', 's.network_id').onRef('pa.id', '=', 's.participant_id'),
      )
      .leftJoin('account as a', (j) =>
        j.onRef('a.network_id', '=', 'pa.network_id').onRef('a.id', '=', 'pa.account_id'),
      )
      .leftJoin('account as e', (j) =>
        j.onRef('e.network_id', '=', 'c.network_id').onRef('e.id', '=', 'c.entered_by'),
      )
      .select([
        's.participant_id',
        's.stance',
        's.reason',
        's.updated_at',
        'c.channel',
        'c.entered_role',
        'a.display_name as account_name',
        'pa.display_name',
        'e.display_name as entered_name',
      ])
      .orderBy(sql`s.stance = 'block'`, 'desc')
      .orderBy('s.updated_at', 'desc')
      .orderBy('s.participant_id')
      .limit(o.limit)
      .offset(o.offset)
      .execute(),
    o.count === false
      ? { n: 0 }
      : base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: items.map(stanceItem),
    total: Number(total.n),
  };
}
