import { sql } from 'kysely';
import type { CodesignStance } from '../../../../db/schema.ts';
import type { Executor } from '../../../../db/tx.ts';

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

/**
 * What a proposal's page shows beside the proposal, for each of the given proposals in one round trip
 * (the results page is read while votes keep coming in): the tally — the count of its current stances
 * per stance, computed, never stored —, the reader's own stance and, when `blocks` is given, the
 * newest blocks with who took them (as listStances with `only: 'block'`).
 */
export async function proposalFigures(
  db: Executor,
  networkId: string,
  proposalIds: readonly string[],
  o: { participantId: string | null; blocks?: number },
) {
  const out = new Map<
    string,
    {
      tally: Tally;
      mine: { stance: CodesignStance; reason: string; updated_at: Date } | null;
      blocks: ReturnType<typeof stanceItem>[];
    }
  >();
  if (proposalIds.length === 0) return out;
  const r = await sql<{
    id: string;
    tally: Partial<Record<CodesignStance, number>>;
    mine: { stance: CodesignStance; reason: string; updated_at: string } | null;
    blocks: StanceRow[] | null;
  }>`
    SELECT p.id::text AS id,
      (SELECT coalesce(json_object_agg(t.stance, t.n), '{}') FROM (
         SELECT s.stance, count(*) AS n FROM codesign_stance s
         WHERE s.network_id = ${networkId}::uuid AND s.proposal_id = p.id GROUP BY s.stance) t) AS tally,
      (SELECT json_build_object('stance', m.stance, 'reason', m.reason, 'updated_at', m.updated_at)
         FROM codesign_stance m
         WHERE m.network_id = ${networkId}::uuid AND m.proposal_id = p.id
           AND m.participant_id = ${o.participantId}::uuid) AS mine,
      CASE WHEN ${o.blocks ?? 0}::int > 0 THEN (SELECT coalesce(json_agg(b), '[]') FROM (
         SELECT s.participant_id, s.stance, s.reason, s.updated_at, c.channel, c.entered_role,
                a.display_name AS account_name, pa.display_name, e.display_name AS entered_name
         FROM codesign_stance s
         JOIN codesign_contribution c ON c.network_id = s.network_id AND c.id = s.contribution_id
         JOIN codesign_participant pa ON pa.network_id = s.network_id AND pa.id = s.participant_id
         LEFT JOIN account a ON a.network_id = pa.network_id AND a.id = pa.account_id
         LEFT JOIN account e ON e.network_id = c.network_id AND e.id = c.entered_by
         WHERE s.network_id = ${networkId}::uuid AND s.proposal_id = p.id AND s.stance = 'block'
         ORDER BY s.updated_at DESC, s.participant_id
         LIMIT ${o.blocks ?? 0}::int) b) END AS blocks
    FROM unnest(${proposalIds}::uuid[]) AS p(id)`.execute(db);
  for (const row of r.rows) {
    const tally = emptyTally();
    for (const [stance, n] of Object.entries(row.tally) as [CodesignStance, number][]) {
      tally[stance] = Number(n);
      tally.total += Number(n);
    }
    out.set(row.id, {
      tally,
      mine: row.mine ? { ...row.mine, updated_at: new Date(row.mine.updated_at) } : null,
      blocks: (row.blocks ?? []).map(stanceItem),
    });
  }
  return out;
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
