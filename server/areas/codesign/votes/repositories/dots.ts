import { sql } from 'kysely';
import type { Executor } from '../../../../db/tx.ts';

/** One person's dots in a tool: per option (options without dots left out) and their sum. */
export async function dotsOf(db: Executor, networkId: string, toolId: string, participantId: string) {
  const rows = await db
    .selectFrom('codesign_dot')
    .select(['option_id', 'count'])
    .where('network_id', '=', networkId)
    .where('tool_id', '=', toolId)
    .where('participant_id', '=', participantId)
    .where('count', '>', 0)
    .execute();
  return {
    perOption: rows.map((r) => ({ optionId: r.option_id, count: r.count })),
    used: rows.reduce((s, r) => s + r.count, 0),
  };
}

/**
 * Adds `n` dots of a participant to an option. The row is made first with no dots (counting nothing)
 * and then raised, so the database's trigger moves the participant's budget counter exactly once.
 */
export async function addDots(
  db: Executor,
  key: { networkId: string; toolId: string; optionId: string; participantId: string },
  n: number,
  contributionId: string,
): Promise<void> {
  await db
    .insertInto('codesign_dot')
    .values({
      network_id: key.networkId,
      tool_id: key.toolId,
      option_id: key.optionId,
      participant_id: key.participantId,
      count: 0,
      contribution_id: contributionId,
    })
    .onConflict((oc) => oc.columns(['network_id', 'tool_id', 'option_id', 'participant_id']).doNothing())
    .execute();
  await db
    .updateTable('codesign_dot')
    .set((eb) => ({ count: eb('count', '+', n), contribution_id: contributionId, updated_at: new Date() }))
    .where('network_id', '=', key.networkId)
    .where('tool_id', '=', key.toolId)
    .where('option_id', '=', key.optionId)
    .where('participant_id', '=', key.participantId)
    .execute();
}

/** Takes `n` dots of a participant off an option; false when there are not that many. */
export async function takeDots(
  db: Executor,
  key: { networkId: string; toolId: string; optionId: string; participantId: string },
  n: number,
  contributionId: string,
): Promise<boolean> {
  const r = await db
    .updateTable('codesign_dot')
    .set((eb) => ({ count: eb('count', '-', n), contribution_id: contributionId, updated_at: new Date() }))
    .where('network_id', '=', key.networkId)
    .where('tool_id', '=', key.toolId)
    .where('option_id', '=', key.optionId)
    .where('participant_id', '=', key.participantId)
    .where('count', '>=', n)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export interface DotTally {
  optionId: string;
  dots: number;
  people: number;
}

/** Per option: all dots on it and how many people put at least one there. */
export async function dotTally(db: Executor, networkId: string, toolId: string): Promise<DotTally[]> {
  const { rows } = await sql<{ option_id: string; dots: number; people: number }>`
    SELECT o.id AS option_id,
      coalesce(sum(d.count), 0)::int AS dots,
      count(d.participant_id) FILTER (WHERE d.count > 0)::int AS people
    FROM codesign_vote_option o
    LEFT JOIN codesign_dot d ON d.network_id = o.network_id AND d.option_id = o.id
    WHERE o.network_id = ${networkId} AND o.tool_id = ${toolId}
    GROUP BY o.id`.execute(db);
  return rows.map((r) => ({ optionId: r.option_id, dots: Number(r.dots), people: Number(r.people) }));
}

/** How many people have at least one dot placed in the tool. */
export async function dotVoters(db: Executor, networkId: string, toolId: string): Promise<number> {
  const row = await db
    .selectFrom('codesign_dot_budget')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('network_id', '=', networkId)
    .where('tool_id', '=', toolId)
    .where('used', '>', 0)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Per option and group (the participants' declared stake): people with a dot there, and the dots. */
export async function dotTallyByStake(db: Executor, networkId: string, toolId: string) {
  const { rows } = await sql<{ option_id: string; stake: string | null; total: number; people: number }>`
    SELECT d.option_id, p.stake, sum(d.count)::int AS total, count(*)::int AS people
    FROM codesign_dot d
    JOIN codesign_participant p ON p.network_id = d.network_id AND p.id = d.participant_id
    WHERE d.network_id = ${networkId} AND d.tool_id = ${toolId} AND d.count > 0
    GROUP BY d.option_id, p.stake`.execute(db);
  return rows.map((r) => ({
    optionId: r.option_id,
    stake: r.stake,
    total: Number(r.total),
    people: Number(r.people),
  }));
}

/**
 * Makes the participant's budget row and takes its lock, before any dot row: every change of one
 * person's dots then takes the locks in the same order (budget, then dots), so a move (two options)
 * cannot deadlock with a placement.
 */
export async function lockBudget(db: Executor, networkId: string, toolId: string, participantId: string) {
  await sql`
    INSERT INTO codesign_dot_budget (network_id, tool_id, participant_id, used)
    VALUES (${networkId}, ${toolId}, ${participantId}, 0)
    ON CONFLICT (network_id, tool_id, participant_id) DO UPDATE SET updated_at = now()`.execute(db);
}
