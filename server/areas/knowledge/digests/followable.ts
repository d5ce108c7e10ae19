import type { FollowTarget } from '../../../db/schema.ts';
import type { Executor } from '../../../db/tx.ts';
import type { Actor } from '../../../policies/actor.ts';
import { threadReadable } from '../discussions/scope.ts';

/**
 * Whether the person may follow a thing: it exists in this network and they may see it. A thing they
 * may not see answers exactly like one that does not exist (404), so following cannot probe for a
 * members-only page, a thread still in review or one of a members-only community.
 */
export async function mayFollow(
  db: Executor,
  networkId: string,
  actor: Actor & { accountId: string },
  targetType: FollowTarget,
  targetId: string,
): Promise<boolean> {
  switch (targetType) {
    case 'organisation':
    case 'district':
    case 'map_report': {
      const row = await db
        .selectFrom(targetType)
        .select('id')
        .where('network_id', '=', networkId)
        .where('id', '=', targetId)
        .executeTakeFirst();
      return row !== undefined;
    }
    case 'wiki_page': {
      const page = await db
        .selectFrom('wiki_page')
        .select(['visibility', 'organisation_id', 'archived_at'])
        .where('network_id', '=', networkId)
        .where('id', '=', targetId)
        .executeTakeFirst();
      if (!page || page.archived_at) return false;
      if (page.visibility !== 'members') return true;
      return page.organisation_id !== null && actor.roles.has(page.organisation_id);
    }
    case 'discussion_thread': {
      const thread = await db
        .selectFrom('discussion_thread as t')
        .select(['t.review_status', 't.author_id', threadReadable('t', actor.accountId).as('readable')])
        .where('t.network_id', '=', networkId)
        .where('t.id', '=', targetId)
        .executeTakeFirst();
      if (!thread?.readable) return false;
      return (
        thread.review_status === 'visible' || thread.author_id === actor.accountId || actor.isInstanceAdmin
      );
    }
  }
}
