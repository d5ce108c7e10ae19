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

/** The tally of each proposal: the count of its current stances, per stance — computed, never stored. */
export async function tallies(db: Executor, networkId: string, proposalIds: readonly string[]) {
  const out = new Map<string, Tally>(proposalIds.map((id) => [id, emptyTally()]));
  if (proposalIds.length === 0) return out;
  const rows = await db
    .selectFrom('codesign_stance')
    .select(['proposal_id', 'stance', (eb) => eb.fn.countAll<number>().as('n')])
    .where('network_id', '=', networkId)
    .where('proposal_id', 'in', proposalIds)
    .groupBy(['proposal_id', 'stance'])
    .execute();
  for (const r of rows) {
    const t = out.get(r.proposal_id);
    if (!t) continue;
    t[r.stance] = Number(r.n);
    t.total += Number(r.n);
  }
  return out;
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
    items: items.map((r) => ({
      participantId: r.participant_id,
      name: r.account_name ?? r.display_name ?? '',
      channel: r.channel,
      assistedBy: r.entered_role ? (r.entered_name ?? '') : null,
      stance: r.stance,
      reason: r.reason,
      updatedAt: r.updated_at.toISOString(),
    })),
    total: Number(total.n),
  };
}

/** The given participant's stances on the given proposals. */
export async function stancesOf(
  db: Executor,
  networkId: string,
  participantId: string | null,
  proposalIds: readonly string[],
) {
  if (!participantId || proposalIds.length === 0)
    return new Map<string, { stance: CodesignStance; reason: string; updated_at: Date }>();
  const rows = await db
    .selectFrom('codesign_stance')
    .select(['proposal_id', 'stance', 'reason', 'updated_at'])
    .where('network_id', '=', networkId)
    .where('participant_id', '=', participantId)
    .where('proposal_id', 'in', proposalIds)
    .execute();
  return new Map(rows.map((r) => [r.proposal_id, r]));
}
