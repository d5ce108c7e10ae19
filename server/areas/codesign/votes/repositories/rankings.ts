import { sql } from 'kysely';
import type { Executor } from '../../../../db/tx.ts';

/** A participant's ranking in a tool: the option ids from the first place on (empty: none). */
export async function rankingOf(db: Executor, networkId: string, toolId: string, participantId: string) {
  const rows = await db
    .selectFrom('codesign_ranking as r')
    .innerJoin('codesign_ranking_place as p', (j) =>
      j.onRef('p.network_id', '=', 'r.network_id').onRef('p.ranking_id', '=', 'r.id'),
    )
    .select(['p.option_id', 'p.place'])
    .where('r.network_id', '=', networkId)
    .where('r.tool_id', '=', toolId)
    .where('r.participant_id', '=', participantId)
    .orderBy('p.place')
    .execute();
  return rows.map((r) => r.option_id);
}

/**
 * Puts a participant's ranking in place of the one they had: the ranking row (one per participant,
 * its row lock queueing the same person's parallel saves) and its places, 1 to n.
 */
export async function replaceRanking(
  db: Executor,
  key: { networkId: string; toolId: string; participantId: string },
  optionIds: readonly string[],
  contributionId: string,
): Promise<void> {
  if (optionIds.length === 0) {
    await db
      .deleteFrom('codesign_ranking')
      .where('network_id', '=', key.networkId)
      .where('tool_id', '=', key.toolId)
      .where('participant_id', '=', key.participantId)
      .execute();
    return;
  }
  const r = await db
    .insertInto('codesign_ranking')
    .values({
      network_id: key.networkId,
      tool_id: key.toolId,
      participant_id: key.participantId,
      contribution_id: contributionId,
    })
    .onConflict((oc) =>
      oc
        .columns(['network_id', 'tool_id', 'participant_id'])
        .doUpdateSet({ contribution_id: contributionId, updated_at: new Date() }),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .deleteFrom('codesign_ranking_place')
    .where('network_id', '=', key.networkId)
    .where('ranking_id', '=', r.id)
    .execute();
  await db
    .insertInto('codesign_ranking_place')
    .values(
      optionIds.map((optionId, i) => ({
        network_id: key.networkId,
        ranking_id: r.id,
        tool_id: key.toolId,
        option_id: optionId,
        place: i + 1,
      })),
    )
    .execute();
}

export interface RankingTally {
  optionId: string;
  /** Borda points: with `places` places, a first place gives `places` points, the last one 1 */
  points: number;
  firsts: number;
  people: number;
}

/** Per option: Borda points, first places and how many people ranked it at all. */
export async function rankingTally(
  db: Executor,
  networkId: string,
  toolId: string,
  places: number,
): Promise<RankingTally[]> {
  const { rows } = await sql<{ option_id: string; points: number; firsts: number; people: number }>`
    SELECT o.id AS option_id,
      coalesce(sum(${places} + 1 - p.place) FILTER (WHERE p.place <= ${places}), 0)::int AS points,
      count(*) FILTER (WHERE p.place = 1)::int AS firsts,
      count(p.ranking_id)::int AS people
    FROM codesign_vote_option o
    LEFT JOIN codesign_ranking_place p ON p.network_id = o.network_id AND p.option_id = o.id
    WHERE o.network_id = ${networkId} AND o.tool_id = ${toolId}
    GROUP BY o.id`.execute(db);
  return rows.map((r) => ({
    optionId: r.option_id,
    points: Number(r.points),
    firsts: Number(r.firsts),
    people: Number(r.people),
  }));
}

export async function rankingVoters(db: Executor, networkId: string, toolId: string): Promise<number> {
  const row = await db
    .selectFrom('codesign_ranking')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('network_id', '=', networkId)
    .where('tool_id', '=', toolId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Per option and group (stake): people who ranked it, and its Borda points from them. */
export async function rankingTallyByStake(db: Executor, networkId: string, toolId: string, places: number) {
  const { rows } = await sql<{ option_id: string; stake: string | null; total: number; people: number }>`
    SELECT p.option_id, pa.stake,
      coalesce(sum(${places} + 1 - p.place) FILTER (WHERE p.place <= ${places}), 0)::int AS total,
      count(*)::int AS people
    FROM codesign_ranking_place p
    JOIN codesign_ranking r ON r.network_id = p.network_id AND r.id = p.ranking_id
    JOIN codesign_participant pa ON pa.network_id = r.network_id AND pa.id = r.participant_id
    WHERE p.network_id = ${networkId} AND p.tool_id = ${toolId}
    GROUP BY p.option_id, pa.stake`.execute(db);
  return rows.map((r) => ({
    optionId: r.option_id,
    stake: r.stake,
    total: Number(r.total),
    people: Number(r.people),
  }));
}
