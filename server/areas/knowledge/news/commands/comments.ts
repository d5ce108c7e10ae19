import { type Executor, executeTx } from '../../../../db/tx.ts';
import type { CommandContext } from '../../../../http/context.ts';
import { forbidden, notFound, Problem } from '../../../../http/problem.ts';
import { audit } from '../../../../platform/audit.ts';
import { recordInteraction } from '../../../../platform/interactions.ts';
import { isHidden } from '../../../../platform/moderation.ts';
import { notify } from '../../../../platform/notifications.ts';
import { webPaths } from '../../../../platform/webPaths.ts';
import { isSignedIn } from '../../../../policies/actor.ts';
import { commentPolicy, newsPolicy } from '../policies/news.ts';
import { deleteComment, findComment, insertComment, updateComment } from '../repositories/comments.ts';
import { findPost, lockPost } from '../repositories/posts.ts';

/**
 * Comments under a news post. Guarantees: only a signed-in, unblocked person who may read the post
 * comments, and only while it is published and open for comments; each comment writes one edge of the
 * interaction record (the commenter with the organisation, recorded once by its source) and tells the
 * post's author, in the same transaction; a comment is edited only by its author, removed by its
 * author, the organisation's staff and admins or an instance admin — the removal by someone else is
 * audited. A post or comment a moderator hid does not exist for anyone but moderators.
 */

async function readablePost(db: Executor, ctx: CommandContext, postId: string) {
  const p = await findPost(db, ctx.networkId, postId);
  if (!p || !newsPolicy.view(ctx.actor, p)) throw notFound();
  if (!ctx.actor.isInstanceAdmin && (await isHidden(db, ctx.networkId, 'news_post', postId)))
    throw notFound();
  return p;
}

export async function addComment(db: Executor, ctx: CommandContext, postId: string, body: string) {
  const text = body.trim();
  if (!text) throw new Problem(422, 'validation', { fields: [{ field: '/body', code: 'field.required' }] });
  return executeTx(db, async (tx) => {
    // the post row is locked so that taking it back or closing comments cannot cross a new comment
    await lockPost(tx, ctx.networkId, postId);
    const p = await readablePost(tx, ctx, postId);
    if (!isSignedIn(ctx.actor)) throw forbidden();
    if (p.status !== 'published') throw new Problem(409, 'news.not_published');
    if (!p.comments_open) throw new Problem(409, 'news.comments_closed');
    if (!newsPolicy.comment(ctx.actor, p)) throw forbidden();
    const id = await insertComment(tx, ctx.networkId, postId, ctx.actorId, text);
    await recordInteraction(tx, {
      networkId: ctx.networkId,
      area: 'knowledge',
      kind: 'news_comment',
      mode: 'online',
      a: { type: 'person', id: ctx.actorId },
      b: { type: 'organisation', id: p.organisation_id },
      source: { type: 'news_comment', id },
    });
    if (p.author_id && p.author_id !== ctx.actorId) {
      const me = await tx
        .selectFrom('account')
        .select('display_name')
        .where('network_id', '=', ctx.networkId)
        .where('id', '=', ctx.actorId)
        .executeTakeFirstOrThrow();
      await notify(tx, {
        networkId: ctx.networkId,
        accountId: p.author_id,
        kind: 'news.commented',
        params: { name: me.display_name, title: p.title },
        link: webPaths.newsComments(postId),
      });
    }
    return id;
  });
}

async function commentForChange(db: Executor, ctx: CommandContext, commentId: string) {
  const c = await findComment(db, ctx.networkId, commentId);
  if (!c) throw notFound();
  const p = await readablePost(db, ctx, c.post_id);
  if (c.hidden && !ctx.actor.isInstanceAdmin) throw notFound();
  return { c, p };
}

export async function editComment(db: Executor, ctx: CommandContext, commentId: string, body: string) {
  const text = body.trim();
  if (!text) throw new Problem(422, 'validation', { fields: [{ field: '/body', code: 'field.required' }] });
  await executeTx(db, async (tx) => {
    const { c, p } = await commentForChange(tx, ctx, commentId);
    if (!commentPolicy.edit(ctx.actor, p, c)) throw forbidden();
    await updateComment(tx, ctx.networkId, commentId, text);
  });
}

export async function removeComment(db: Executor, ctx: CommandContext, commentId: string) {
  await executeTx(db, async (tx) => {
    const { c, p } = await commentForChange(tx, ctx, commentId);
    if (!commentPolicy.remove(ctx.actor, p, c)) throw forbidden();
    await deleteComment(tx, ctx.networkId, commentId);
    if (c.author_id !== ctx.actorId)
      await audit(tx, {
        networkId: ctx.networkId,
        actorId: ctx.actorId,
        action: 'news.comment_removed',
        entityType: 'news_comment',
        entityId: commentId,
        details: { postId: p.id, authorId: c.author_id },
        ip: ctx.ip,
      });
  });
}
