import type { DiscussionTheme } from '../../../../db/schema.ts';
import type { Executor } from '../../../../db/tx.ts';
import { recordInteraction } from '../../../../platform/interactions.ts';
import { plainText } from '../../../../platform/markdown.ts';
import { type NewNotification, notificationInsert } from '../../../../platform/notifications.ts';
import { indexDocument, removeDocument } from '../../../../platform/search.ts';
import { webPaths } from '../../../../platform/webPaths.ts';
import { follow, followersOf } from '../../digests/repositories/follows.ts';
import {
  accountCreatedAt,
  countPostIn,
  findThread,
  insertMentions,
  mentionable,
  openingPost,
  readersAmong,
} from '../repositories/discussions.ts';
import { communityMembersOnly } from '../scope.ts';

/**
 * What happens when a post becomes visible — at once, or when a moderator approves it: the thread
 * counts it, its author follows the thread, the people it @mentions hear of it (each once per post),
 * the thread's other followers who may still read it hear of a new reply, the reply is an interaction
 * of its author with the thread's author (or the organisation it was started for), and the thread's
 * search entry is written. All in the caller's transaction.
 */

/** Theme words the search finds a thread by (the client words the filter itself). */
const themeWords: Record<DiscussionTheme, string> = {
  everyday: 'Alltag',
  family: 'Familie',
  age: 'Älter werden Senioren',
  health: 'Gesundheit',
  mobility: 'Mobilität Verkehr',
  housing: 'Wohnen',
  environment: 'Umwelt',
  culture: 'Kultur Freizeit',
  youth: 'Jugend',
  work: 'Arbeit',
  other: 'Sonstiges',
};

/**
 * The thread's search entry: only while it is visible and not rejected (hidden stays hidden), and
 * never for a members-only community's thread (the search is for what anyone may read).
 */
export async function indexThread(db: Executor, networkId: string, threadId: string) {
  const t = await findThread(db, networkId, threadId);
  if (
    t?.review_status !== 'visible' ||
    (t.community_id !== null && (await communityMembersOnly(db, networkId, t.community_id)))
  ) {
    await removeDocument(db, networkId, 'discussion_thread', threadId);
    return;
  }
  const opening = await openingPost(db, networkId, threadId);
  await indexDocument(db, {
    networkId,
    type: 'discussion_thread',
    entityType: 'discussion_thread',
    entityId: threadId,
    title: t.title,
    body: opening && !opening.deleted_at ? plainText(opening.body) : '',
    keywords: [themeWords[t.theme], t.district_name, t.organisation_name, t.community?.name]
      .filter(Boolean)
      .join(' '),
    link: webPaths.discussionThread(threadId),
  });
}

/**
 * The mentions a post may make: the ids the client picked, kept when the person may be mentioned
 * in this thread and their name stands in the text as `@Name`.
 */
export async function validMentions(
  db: Executor,
  networkId: string,
  threadId: string,
  body: string,
  ids: readonly string[],
) {
  const unique = [...new Set(ids)];
  const people = await mentionable(db, networkId, threadId, { ids: unique, limit: 50 });
  return people.filter((p) => body.includes(`@${p.display_name}`)).map((p) => p.id);
}

/** Notifies the newly mentioned (not the author) of a visible post. */
export async function notifyMentions(
  db: Executor,
  networkId: string,
  post: { id: string; threadId: string; position: number; authorId: string },
  accountIds: readonly string[],
  threadTitle: string,
) {
  const fresh = (await insertMentions(db, networkId, post.id, accountIds)).filter((a) => a !== post.authorId);
  if (fresh.length === 0) return [];
  const { display_name: name } = await accountCreatedAt(db, networkId, post.authorId);
  await notificationInsert(
    db,
    fresh.map(
      (accountId): NewNotification => ({
        networkId,
        accountId,
        kind: 'discussion.mentioned',
        params: { name, thread: threadTitle },
        link: webPaths.discussionPost(post.threadId, String(post.position)),
      }),
    ),
  )?.execute();
  return fresh;
}

/** Writes the search entries of a community's threads again (its threads became members-only, or open). */
export async function indexCommunityThreads(db: Executor, networkId: string, communityId: string) {
  const rows = await db
    .selectFrom('discussion_thread')
    .select('id')
    .where('network_id', '=', networkId)
    .where('community_id', '=', communityId)
    .execute();
  for (const r of rows) await indexThread(db, networkId, r.id);
}

export async function publishPost(
  db: Executor,
  networkId: string,
  post: { id: string; threadId: string; position: number; authorId: string; mentions: readonly string[] },
) {
  await countPostIn(db, networkId, post.threadId, 1);
  await follow(db, networkId, post.authorId, 'discussion_thread', post.threadId);
  const thread = await findThread(db, networkId, post.threadId);
  if (!thread) return;
  if (post.position === 1) {
    await indexThread(db, networkId, post.threadId);
    // mentions in an opening post: stored for a pending one, told now
    await notifyMentions(db, networkId, post, post.mentions, thread.title);
    return;
  }
  const mentioned = await notifyMentions(db, networkId, post, post.mentions, thread.title);
  const { display_name: name } = await accountCreatedAt(db, networkId, post.authorId);
  // a follower who left a members-only community no longer hears of its threads
  const followers = await readersAmong(
    db,
    networkId,
    post.threadId,
    (await followersOf(db, networkId, 'discussion_thread', post.threadId)).filter(
      (a) => a !== post.authorId && !mentioned.includes(a),
    ),
  );
  await notificationInsert(
    db,
    followers.map(
      (accountId): NewNotification => ({
        networkId,
        accountId,
        kind: 'discussion.reply',
        params: { name, thread: thread.title },
        link: webPaths.discussionPost(post.threadId, String(post.position)),
      }),
    ),
  )?.execute();
  await recordInteraction(db, {
    networkId,
    area: 'knowledge',
    kind: 'discussion_reply',
    mode: 'online',
    a: { type: 'person', id: post.authorId },
    b: thread.organisation_id
      ? { type: 'organisation', id: thread.organisation_id }
      : thread.author_id
        ? { type: 'person', id: thread.author_id }
        : { type: 'person', id: post.authorId },
    source: { type: 'discussion_post', id: post.id },
  });
}
