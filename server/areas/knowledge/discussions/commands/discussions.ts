import type { DiscussionTheme } from '../../../../db/schema.ts';
import { type Executor, executeTx } from '../../../../db/tx.ts';
import type { CommandContext } from '../../../../http/context.ts';
import { forbidden, notFound, Problem } from '../../../../http/problem.ts';
import { audit } from '../../../../platform/audit.ts';
import { notify } from '../../../../platform/notifications.ts';
import { webPaths } from '../../../../platform/webPaths.ts';
import { actsFor } from '../../../../policies/actor.ts';
import { needsReview, postPolicy, threadPolicy } from '../policies/discussion.ts';
import {
  accountCreatedAt,
  countPostIn,
  findPost,
  findThread,
  hasVisiblePost,
  insertPost,
  insertThread,
  lockPost,
  lockThread,
  mentionable,
  nextPosition,
  updatePost,
  updateThread,
} from '../repositories/discussions.ts';
import { communityAccess, communityStartAccess } from '../scope.ts';
import { indexThread, notifyMentions, publishPost, validMentions } from './publish.ts';

/**
 * Starting a thread, replying, editing and deleting one's posts, the solution, closing, and the
 * first-post review. Guarantees: every step is one transaction; a reply takes the next position under
 * a lock of the thread row, so concurrent replies never collide; what waits for review has no effect
 * on anyone (no count, no notification, no search entry, no interaction) until it is approved, and
 * then has them as if posted at that moment; a thread or post someone may not see answers 404 — also
 * a members-only community's thread to everyone but its members, and a community's thread takes new
 * posts from its active members only (scope.ts).
 */

const invalid = (
  field: string,
  code: 'field.invalid' | 'discussion.quote_elsewhere' | 'discussion.organisation',
) => new Problem(422, 'validation', { fields: [{ field, code }] });

/** Someone who may read a community's thread but is no member of it (or it is archived). */
const notAMember = () => new Problem(403, 'discussion.community_members');

async function reviewStatusFor(db: Executor, ctx: CommandContext, vouched = false) {
  // the moderators of a members-only community accepted its members: they vouch for them
  if (vouched) return 'visible' as const;
  const account = await accountCreatedAt(db, ctx.networkId, ctx.actorId);
  const visible = await hasVisiblePost(db, ctx.networkId, ctx.actorId);
  return needsReview(ctx.actor, account, visible) ? ('pending' as const) : ('visible' as const);
}

/** The thread as the actor may see it, or 404 (hidden ones exist for admins only). */
export async function viewableThread(
  db: Executor,
  ctx: Pick<CommandContext, 'networkId' | 'actor'>,
  id: string,
) {
  const t = await findThread(db, ctx.networkId, id);
  if (!t || !threadPolicy.view(ctx.actor, t)) throw notFound();
  if (t.hidden && !ctx.actor.isInstanceAdmin) throw notFound();
  if (t.community_id && !(await communityAccess(db, ctx.networkId, t.id, ctx.actor.accountId)).read)
    throw notFound();
  return t;
}

/** What the actor may do with a viewable thread as far as its community goes (none: write, not vouched). */
export async function threadAccess(
  db: Executor,
  ctx: Pick<CommandContext, 'networkId' | 'actor'>,
  t: { id: string; community_id: string | null },
) {
  if (!t.community_id) return { read: true, write: true, vouched: false };
  return communityAccess(db, ctx.networkId, t.id, ctx.actor.accountId);
}

export interface NewThread {
  title: string;
  theme: DiscussionTheme;
  districtId: string | null;
  organisationId: string | null;
  /** started in a community: only its active members may (the caller says 404 or 403 first, in its words) */
  communityId?: string | null;
  body: string;
  mentions: string[];
}

export async function createThread(db: Executor, ctx: CommandContext, f: NewThread) {
  if (!threadPolicy.create(ctx.actor)) throw forbidden();
  if (f.organisationId && !actsFor(ctx.actor, f.organisationId))
    throw invalid('/organisationId', 'discussion.organisation');
  return executeTx(db, async (tx) => {
    if (f.districtId) await checkDistrict(tx, ctx.networkId, f.districtId);
    const community = f.communityId
      ? await communityStartAccess(tx, ctx.networkId, f.communityId, ctx.actorId)
      : { write: true, vouched: false };
    if (!community.write) throw notAMember();
    const status = await reviewStatusFor(tx, ctx, community.vouched);
    const threadId = await insertThread(tx, ctx.networkId, {
      title: f.title,
      theme: f.theme,
      districtId: f.districtId,
      organisationId: f.organisationId,
      communityId: f.communityId ?? null,
      authorId: ctx.actorId,
      reviewStatus: status,
    });
    const postId = await insertPost(tx, ctx.networkId, {
      threadId,
      position: 1,
      body: f.body,
      quotedPostId: null,
      authorId: ctx.actorId,
      reviewStatus: status,
    });
    // only staff of organisations can be mentioned before anyone wrote here
    const mentions = await validMentions(tx, ctx.networkId, threadId, f.body, f.mentions);
    // a pending post's mentions are read from its text again when it is approved
    if (status === 'visible')
      await publishPost(tx, ctx.networkId, {
        id: postId,
        threadId,
        position: 1,
        authorId: ctx.actorId,
        mentions,
      });
    return { threadId, postId, status };
  });
}

/**
 * Changes a thread's title, theme and district (its author, or an instance admin — whose change of
 * someone else's thread is a moderator's step, audited). Its search entry follows.
 */
export async function editThread(
  db: Executor,
  ctx: CommandContext,
  threadId: string,
  f: { title: string; theme: DiscussionTheme; districtId: string | null },
) {
  return executeTx(db, async (tx) => {
    const seen = await viewableThread(tx, ctx, threadId);
    if (!threadPolicy.edit(ctx.actor, seen)) throw forbidden();
    if (f.districtId) await checkDistrict(tx, ctx.networkId, f.districtId);
    await lockThread(tx, ctx.networkId, seen.id);
    await updateThread(tx, ctx.networkId, seen.id, {
      title: f.title,
      theme: f.theme,
      district_id: f.districtId,
    });
    await indexThread(tx, ctx.networkId, seen.id);
    if (seen.author_id !== ctx.actorId)
      await audit(tx, {
        networkId: ctx.networkId,
        actorId: ctx.actorId,
        action: 'discussion.thread_edited',
        entityType: 'discussion_thread',
        entityId: seen.id,
        details: { title: { from: seen.title, to: f.title } },
        ip: ctx.ip,
      });
  });
}

async function checkDistrict(tx: Executor, networkId: string, districtId: string) {
  const d = await tx
    .selectFrom('district')
    .select('id')
    .where('network_id', '=', networkId)
    .where('id', '=', districtId)
    .executeTakeFirst();
  if (!d) throw invalid('/districtId', 'field.invalid');
}

export async function replyTo(
  db: Executor,
  ctx: CommandContext,
  threadId: string,
  f: { body: string; quotedPostId: string | null; mentions: string[] },
) {
  return executeTx(db, async (tx) => {
    const seen = await viewableThread(tx, ctx, threadId);
    const thread = await lockThread(tx, ctx.networkId, seen.id);
    if (!thread) throw notFound();
    if (thread.closed_at) throw new Problem(409, 'discussion.closed');
    if (!threadPolicy.reply(ctx.actor, thread)) throw forbidden();
    const access = await threadAccess(tx, ctx, seen);
    if (!access.write) throw notAMember();
    if (f.quotedPostId) {
      const q = await findPost(tx, ctx.networkId, f.quotedPostId);
      if (!q || q.thread_id !== thread.id || q.review_status !== 'visible' || q.deleted_at || q.hidden)
        throw invalid('/quotedPostId', 'discussion.quote_elsewhere');
    }
    const status =
      thread.review_status === 'pending' ? 'pending' : await reviewStatusFor(tx, ctx, access.vouched);
    const position = await nextPosition(tx, ctx.networkId, thread.id);
    const postId = await insertPost(tx, ctx.networkId, {
      threadId: thread.id,
      position,
      body: f.body,
      quotedPostId: f.quotedPostId,
      authorId: ctx.actorId,
      reviewStatus: status,
    });
    const mentions = await validMentions(tx, ctx.networkId, thread.id, f.body, f.mentions);
    if (status === 'visible')
      await publishPost(tx, ctx.networkId, {
        id: postId,
        threadId: thread.id,
        position,
        authorId: ctx.actorId,
        mentions,
      });
    return { postId, position, status };
  });
}

async function ownPost(tx: Executor, ctx: CommandContext, postId: string) {
  const post = await findPost(tx, ctx.networkId, postId);
  if (!post || !postPolicy.view(ctx.actor, post) || (post.hidden && !ctx.actor.isInstanceAdmin))
    throw notFound();
  await viewableThread(tx, ctx, post.thread_id);
  return post;
}

export async function editPost(
  db: Executor,
  ctx: CommandContext,
  postId: string,
  f: { body: string; mentions: string[] },
) {
  return executeTx(db, async (tx) => {
    const post = await ownPost(tx, ctx, postId);
    if (!postPolicy.edit(ctx.actor, post)) throw forbidden();
    await lockPost(tx, ctx.networkId, post.id);
    await updatePost(tx, ctx.networkId, post.id, { body: f.body, edited_at: new Date() });
    if (post.review_status === 'visible') {
      const thread = await findThread(tx, ctx.networkId, post.thread_id);
      const mentions = await validMentions(tx, ctx.networkId, post.thread_id, f.body, f.mentions);
      await notifyMentions(
        tx,
        ctx.networkId,
        { id: post.id, threadId: post.thread_id, position: post.position, authorId: ctx.actorId },
        mentions,
        thread?.title ?? '',
      );
      if (post.position === 1) await indexThread(tx, ctx.networkId, post.thread_id);
    }
  });
}

/** Deletes one's own post: it keeps its place, shown as "deleted"; it is no longer the solution. */
export async function deletePost(db: Executor, ctx: CommandContext, postId: string) {
  return executeTx(db, async (tx) => {
    const post = await ownPost(tx, ctx, postId);
    if (!postPolicy.delete(ctx.actor, post)) throw forbidden();
    const thread = await lockThread(tx, ctx.networkId, post.thread_id);
    if (!thread) throw notFound();
    await updatePost(tx, ctx.networkId, post.id, { deleted_at: new Date() });
    if (post.review_status === 'visible') await countPostIn(tx, ctx.networkId, thread.id, -1);
    if (thread.solution_post_id === post.id)
      await updateThread(tx, ctx.networkId, thread.id, { solution_post_id: null });
    if (post.position === 1) await indexThread(tx, ctx.networkId, thread.id);
  });
}

/** Marks (or with null unmarks) the answer that solved the question. */
export async function setSolution(
  db: Executor,
  ctx: CommandContext,
  threadId: string,
  postId: string | null,
) {
  return executeTx(db, async (tx) => {
    const seen = await viewableThread(tx, ctx, threadId);
    if (!threadPolicy.steward(ctx.actor, seen)) throw forbidden();
    await lockThread(tx, ctx.networkId, seen.id);
    if (postId) {
      const post = await findPost(tx, ctx.networkId, postId);
      if (!post || post.thread_id !== seen.id) throw new Problem(422, 'discussion.solution_post');
      if (post.position === 1 || post.review_status !== 'visible' || post.deleted_at || post.hidden)
        throw new Problem(422, 'discussion.solution_post');
      await updateThread(tx, ctx.networkId, seen.id, { solution_post_id: post.id });
      if (post.author_id && post.author_id !== ctx.actorId && seen.solution_post_id !== post.id)
        await notify(tx, {
          networkId: ctx.networkId,
          accountId: post.author_id,
          kind: 'discussion.solution',
          params: { thread: seen.title },
          link: webPaths.discussionPost(seen.id, String(post.position)),
        });
    } else {
      await updateThread(tx, ctx.networkId, seen.id, { solution_post_id: null });
    }
  });
}

/** Closes a thread (no more replies) or opens it again; a moderator's step is audited. */
export async function setClosed(db: Executor, ctx: CommandContext, threadId: string, closed: boolean) {
  return executeTx(db, async (tx) => {
    const seen = await viewableThread(tx, ctx, threadId);
    if (!threadPolicy.steward(ctx.actor, seen)) throw forbidden();
    await lockThread(tx, ctx.networkId, seen.id);
    await updateThread(tx, ctx.networkId, seen.id, { closed_at: closed ? new Date() : null });
    await audit(tx, {
      networkId: ctx.networkId,
      actorId: ctx.actorId,
      action: closed ? 'discussion.closed' : 'discussion.reopened',
      entityType: 'discussion_thread',
      entityId: seen.id,
      ip: ctx.ip,
    });
  });
}

/**
 * A moderator's decision on a post waiting for review. Approving makes it visible and has every
 * effect of posting it now (the opening post approves its thread); rejecting makes it gone for
 * everyone (the opening post takes its thread with it). Both are audited.
 */
export async function decidePost(db: Executor, ctx: CommandContext, postId: string, approve: boolean) {
  if (!threadPolicy.review(ctx.actor)) throw forbidden();
  return executeTx(db, async (tx) => {
    const post = await lockPost(tx, ctx.networkId, postId);
    if (!post) throw notFound();
    if (post.review_status !== 'pending') throw new Problem(409, 'discussion.not_pending');
    const thread = await lockThread(tx, ctx.networkId, post.thread_id);
    if (!thread) throw notFound();
    if (post.position !== 1 && thread.review_status !== 'visible' && approve)
      throw new Problem(409, 'discussion.thread_pending');
    const status = approve ? ('visible' as const) : ('rejected' as const);
    await updatePost(tx, ctx.networkId, post.id, { review_status: status });
    if (post.position === 1) await updateThread(tx, ctx.networkId, thread.id, { review_status: status });
    await audit(tx, {
      networkId: ctx.networkId,
      actorId: ctx.actorId,
      action: approve ? 'discussion.approved' : 'discussion.rejected',
      entityType: 'discussion_post',
      entityId: post.id,
      details: { threadId: thread.id, position: post.position },
      ip: ctx.ip,
    });
    if (!approve) {
      if (post.position === 1) await indexThread(tx, ctx.networkId, thread.id);
      return;
    }
    if (!post.author_id) return;
    const mentions = await validMentions(
      tx,
      ctx.networkId,
      thread.id,
      post.body,
      await mentionCandidates(tx, ctx.networkId, post.body, thread.id),
    );
    await publishPost(tx, ctx.networkId, {
      id: post.id,
      threadId: thread.id,
      position: post.position,
      authorId: post.author_id,
      mentions,
    });
    await notify(tx, {
      networkId: ctx.networkId,
      accountId: post.author_id,
      kind: 'discussion.approved',
      params: { thread: thread.title },
      link: webPaths.discussionPost(thread.id, String(post.position)),
    });
  });
}

/** Whom an approved post mentions: everyone mentionable whom its text names with @. */
async function mentionCandidates(tx: Executor, networkId: string, body: string, threadId: string) {
  const people = await mentionable(tx, networkId, threadId, { inText: body, limit: 50 });
  return people.map((p) => p.id);
}
