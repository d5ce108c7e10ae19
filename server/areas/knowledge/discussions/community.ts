import type { DiscussionTheme } from '../../../db/schema.ts';
import type { Executor } from '../../../db/tx.ts';
import type { CommandContext } from '../../../http/context.ts';
import { createThread } from './commands/discussions.ts';
import { indexCommunityThreads } from './commands/publish.ts';
import { listThreads } from './repositories/discussions.ts';

/**
 * What Wissen's discussions offer the area that owns communities (through ../index.ts): start a thread
 * in a community and list a community's threads. The threads are Wissen's own in every other way —
 * read, replied to, followed and moderated on Wissen's pages — and who may read and write them is the
 * rule that area registered (scope.ts), which these functions apply as well.
 */

/** A page of the community's threads the viewer may read, by last activity. */
export async function communityThreads(
  db: Executor,
  networkId: string,
  communityId: string,
  viewerId: string | null,
  page: { limit: number; offset: number },
) {
  return listThreads(db, networkId, { communityId, viewerId, ...page });
}

/**
 * Starts a thread in the community with its opening post, as any thread (one transaction; a new
 * account's first post waits for review unless the community's moderators accepted them). Only an
 * active member of a community that is not archived may (403 otherwise).
 */
export async function startCommunityThread(
  db: Executor,
  ctx: CommandContext,
  communityId: string,
  f: { title: string; body: string; districtId: string | null; theme?: DiscussionTheme },
) {
  return createThread(db, ctx, {
    title: f.title,
    theme: f.theme ?? 'other',
    districtId: f.districtId,
    organisationId: null,
    communityId,
    body: f.body,
    mentions: [],
  });
}

/**
 * Writes the search entries of the community's threads again, in the caller's transaction: call it when
 * its threads became members-only (they leave the search) or open to everyone (they enter it).
 */
export const reindexCommunityThreads = indexCommunityThreads;
