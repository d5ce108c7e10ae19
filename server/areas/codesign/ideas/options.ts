import { sql } from 'kysely';
import type { Executor } from '../../../db/tx.ts';
import { hiddenSql } from '../../../platform/moderation.ts';

export interface IdeaOption {
  id: string;
  title: string;
}

/**
 * The ideas of an ideas tool as options for the other parts (the votes part's dots and rankings, a
 * consensus proposal): the ideas not merged into another and not hidden by a moderator, oldest first
 * so that a list of options keeps its order while new ideas come in. `selectedOnly`: only those the
 * facilitators marked 'selected' for the decide phase. Empty for a tool of another kind or another
 * network. The caller checks access to the tool (projects/access.ts toolFor).
 */
export async function ideaOptions(
  db: Executor,
  networkId: string,
  toolId: string,
  o: { selectedOnly?: boolean } = {},
): Promise<IdeaOption[]> {
  return db
    .selectFrom('codesign_idea as i')
    .select(['i.id', 'i.title'])
    .where('i.network_id', '=', networkId)
    .where('i.tool_id', '=', toolId)
    .where('i.merged_into', 'is', null)
    .where(sql<boolean>`NOT ${hiddenSql('codesign_idea', 'i')}`)
    .$if(o.selectedOnly === true, (q) => q.where('i.mark', '=', 'selected'))
    .orderBy('i.created_at')
    .orderBy('i.id')
    .execute();
}

/**
 * The same for every ideas tool of a project (its ideas phase may have several), each option with the
 * tool it comes from.
 */
export async function projectIdeaOptions(
  db: Executor,
  networkId: string,
  projectId: string,
  o: { selectedOnly?: boolean } = {},
): Promise<(IdeaOption & { toolId: string })[]> {
  const rows = await db
    .selectFrom('codesign_idea as i')
    .select(['i.id', 'i.title', 'i.tool_id'])
    .where('i.network_id', '=', networkId)
    .where('i.project_id', '=', projectId)
    .where('i.merged_into', 'is', null)
    .where(sql<boolean>`NOT ${hiddenSql('codesign_idea', 'i')}`)
    .$if(o.selectedOnly === true, (q) => q.where('i.mark', '=', 'selected'))
    .orderBy('i.created_at')
    .orderBy('i.id')
    .execute();
  return rows.map((r) => ({ id: r.id, title: r.title, toolId: r.tool_id }));
}
