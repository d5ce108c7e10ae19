import { sql } from 'kysely';
import type { Executor } from '../../../../db/tx.ts';

/** The most options one vote has: more do not fit on a sheet of paper or a phone screen. */
export const maxOptions = 40;

export interface OptionRow {
  id: string;
  tool_id: string;
  title: string;
  description: string;
  position: number;
  source_idea_id: string | null;
}

const optionColumns = ['id', 'tool_id', 'title', 'description', 'position', 'source_idea_id'] as const;

/** The options of a tool, in their order. */
export function listOptions(db: Executor, networkId: string, toolId: string): Promise<OptionRow[]> {
  return db
    .selectFrom('codesign_vote_option')
    .select(optionColumns)
    .where('network_id', '=', networkId)
    .where('tool_id', '=', toolId)
    .orderBy('position')
    .orderBy('created_at')
    .execute();
}

export function findOption(db: Executor, networkId: string, id: string): Promise<OptionRow | undefined> {
  return db
    .selectFrom('codesign_vote_option')
    .select(optionColumns)
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/**
 * Appends options at the end of the tool's list; an idea taken over before is skipped (the partial
 * unique index on source_idea_id). Returns the ids of the options made.
 */
export async function insertOptions(
  db: Executor,
  networkId: string,
  toolId: string,
  createdBy: string | null,
  options: readonly { title: string; description: string; sourceIdeaId: string | null }[],
): Promise<string[]> {
  if (options.length === 0) return [];
  // the tool's row lock queues parallel additions, so positions stay distinct
  await sql`SELECT 1 FROM codesign_tool WHERE network_id = ${networkId} AND id = ${toolId} FOR UPDATE`.execute(
    db,
  );
  const last = await db
    .selectFrom('codesign_vote_option')
    .select((eb) => eb.fn.max('position').as('max'))
    .where('network_id', '=', networkId)
    .where('tool_id', '=', toolId)
    .executeTakeFirst();
  const start = Number(last?.max ?? 0);
  const rows = await db
    .insertInto('codesign_vote_option')
    .values(
      options.map((o, i) => ({
        network_id: networkId,
        tool_id: toolId,
        title: o.title,
        description: o.description,
        source_idea_id: o.sourceIdeaId,
        position: start + i + 1,
        created_by: createdBy,
      })),
    )
    .onConflict((oc) =>
      oc
        .columns(['network_id', 'tool_id', 'source_idea_id'])
        .where('source_idea_id', 'is not', null)
        .doNothing(),
    )
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

export async function countOptions(db: Executor, networkId: string, toolId: string): Promise<number> {
  const row = await db
    .selectFrom('codesign_vote_option')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('network_id', '=', networkId)
    .where('tool_id', '=', toolId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function updateOption(
  db: Executor,
  networkId: string,
  id: string,
  f: { title: string; description: string },
): Promise<void> {
  await db
    .updateTable('codesign_vote_option')
    .set({ title: f.title, description: f.description, updated_at: new Date() })
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .execute();
}

export async function deleteOption(db: Executor, networkId: string, id: string): Promise<void> {
  await db
    .deleteFrom('codesign_vote_option')
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .execute();
}

/** Whether anybody put a dot on the option or ranked it. */
export async function optionHasVotes(db: Executor, networkId: string, id: string): Promise<boolean> {
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .or([
          eb.exists(
            eb
              .selectFrom('codesign_dot')
              .select('count')
              .where('network_id', '=', networkId)
              .where('option_id', '=', id)
              .where('count', '>', 0),
          ),
          eb.exists(
            eb
              .selectFrom('codesign_ranking_place')
              .select('place')
              .where('network_id', '=', networkId)
              .where('option_id', '=', id),
          ),
        ])
        .as('has'),
    ])
    .executeTakeFirstOrThrow();
  return Boolean(row.has);
}
