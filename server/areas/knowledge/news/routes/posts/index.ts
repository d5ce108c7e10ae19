import type { Static } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { commandContext } from '../../../../../http/context.ts';
import { paging } from '../../../../../http/paging.ts';
import { notFound } from '../../../../../http/problem.ts';
import { IdParams, NoContent, Page, problems } from '../../../../../http/schemas.ts';
import { latestRemotePosts, remoteOrigin } from '../../../../../interop/activitypub/remoteContent.ts';
import { excerpt, renderMarkdown } from '../../../../../platform/markdown.ts';
import { isHidden } from '../../../../../platform/moderation.ts';
import { abilitiesOf } from '../../../../../policies/abilities.ts';
import type { Actor } from '../../../../../policies/actor.ts';
import { followedAmong } from '../../../digests/repositories/follows.ts';
import { addComment, editComment, removeComment } from '../../commands/comments.ts';
import { changePost, createPost, publishPost, removePost, unpublishPost } from '../../commands/posts.ts';
import { commentPolicy, newsPolicy } from '../../policies/news.ts';
import { type CommentRow, findComment, listComments } from '../../repositories/comments.ts';
import { findPost, listPosts, type PostRow } from '../../repositories/posts.ts';
import {
  CommentListQuery,
  CommentSave,
  CommentView,
  PostChange,
  PostCreate,
  PostListQuery,
  PostSummary,
  PostView,
  RemotePostList,
  RemotePostQuery,
} from './schema.ts';

const person = (id: string | null, name: string | null) => (id ? { id, name: name ?? '' } : null);

export function summary(p: PostRow) {
  return {
    id: p.id,
    organisation: { id: p.organisation_id, name: p.organisation_name, slug: p.organisation_slug },
    title: p.title,
    excerpt: excerpt(p.body),
    status: p.status,
    visibility: p.visibility,
    commentsOpen: p.comments_open,
    publishedAt: p.published_at?.toISOString() ?? null,
    createdAt: p.created_at.toISOString(),
    updatedAt: p.updated_at.toISOString(),
    author: person(p.author_id, p.author_name),
    commentCount: Number(p.comment_count),
  };
}

function present(p: PostRow, actor: Actor, following: boolean, hidden: boolean) {
  return {
    ...summary(p),
    body: p.body,
    html: renderMarkdown(p.body),
    following,
    hidden,
    abilities: abilitiesOf(newsPolicy, ['edit', 'publish', 'unpublish', 'delete', 'comment'], actor, p),
  };
}

function presentComment(c: CommentRow, p: PostRow, actor: Actor) {
  return {
    id: c.id,
    postId: c.post_id,
    body: c.body,
    html: renderMarkdown(c.body),
    author: person(c.author_id, c.author_name),
    createdAt: c.created_at.toISOString(),
    editedAt: c.edited_at?.toISOString() ?? null,
    hidden: c.hidden,
    abilities: abilitiesOf(commentPolicy, ['edit', 'remove'], actor, p, c),
  };
}

/**
 * News: each organisation's blog. Lists (network-wide or one organisation's, newest first, only what
 * the caller may read; drafts for the organisation's staff and admins), a post with its comments
 * (oldest first), and writing, publishing, taking back and deleting by the organisation's staff and
 * admins. Comments by signed-in people while comments are open. What a moderator hid answers 404 to
 * everyone but moderators. The feeds are in ../feeds.
 */
export async function newsRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;
  const tags = ['news'];

  /** The post as the actor may see it, or a 404. */
  async function visiblePost(actor: Actor, id: string) {
    const p = await findPost(db, networkId, id);
    if (!p || !newsPolicy.view(actor, p)) throw notFound();
    const hidden = await isHidden(db, networkId, 'news_post', id);
    if (hidden && !actor.isInstanceAdmin) throw notFound();
    return { p, hidden };
  }

  async function postView(actor: Actor, id: string) {
    const { p, hidden } = await visiblePost(actor, id);
    const following = await followedAmong(db, networkId, actor.accountId, 'organisation', [
      p.organisation_id,
    ]);
    return present(p, actor, following.has(p.organisation_id), hidden);
  }

  app.get<{ Querystring: Static<typeof RemotePostQuery> }>(
    '/remote',
    {
      schema: {
        tags,
        summary:
          'Posts from elsewhere, newest first: what groups the town follows published (by ActivityPub), each with its origin and original address; none while federation is off',
        querystring: RemotePostQuery,
        response: { 200: RemotePostList, ...problems },
      },
    },
    async (req) => {
      if (!app.deps.config.federation.enabled) return { items: [] };
      const rows = await latestRemotePosts(db, networkId, req.query.limit ?? 5);
      return {
        items: rows.flatMap((r) => {
          const remote = remoteOrigin(r);
          return remote
            ? [
                {
                  id: r.id,
                  title: r.title,
                  excerpt: excerpt(r.summary),
                  publishedAt: r.published_at.toISOString(),
                  remote,
                },
              ]
            : [];
        }),
      };
    },
  );

  app.get<{ Querystring: Static<typeof PostListQuery> }>(
    '/',
    {
      schema: {
        tags,
        summary: "Posts, newest first: the network's or one organisation's (drafts for its staff and admins)",
        querystring: PostListQuery,
        response: { 200: Page(PostSummary), ...problems },
      },
    },
    async (req) => {
      const page = paging(req.query);
      const { items, total } = await listPosts(db, networkId, req.actor, {
        ...(req.query.organisationId ? { organisationId: req.query.organisationId } : {}),
        ...page,
      });
      return { items: items.map(summary), total, ...page };
    },
  );

  app.post<{ Body: Static<typeof PostCreate> }>(
    '/',
    {
      schema: {
        tags,
        summary: 'Write a post for an organisation (its staff and admins), as a draft or published at once',
        body: PostCreate,
        response: { 201: PostView, ...problems },
      },
    },
    async (req, reply) => {
      const { organisationId, publish, ...f } = req.body;
      const id = await createPost(
        db,
        commandContext(req, networkId),
        organisationId,
        { ...f, title: f.title.trim() },
        publish,
      );
      return reply.code(201).send(await postView(req.actor, id));
    },
  );

  app.get<{ Params: { id: string } }>(
    '/:id',
    {
      schema: {
        tags,
        summary: 'A post (404 for a draft, a members-only post or a hidden one to those who may not see it)',
        params: IdParams,
        response: { 200: PostView, ...problems },
      },
    },
    async (req) => postView(req.actor, req.params.id),
  );

  app.put<{ Params: { id: string }; Body: Static<typeof PostChange> }>(
    '/:id',
    {
      schema: {
        tags,
        summary: 'Change a post (the organisation’s staff and admins)',
        params: IdParams,
        body: PostChange,
        response: { 200: PostView, ...problems },
      },
    },
    async (req) => {
      const { baseUpdatedAt, ...f } = req.body;
      await changePost(
        db,
        commandContext(req, networkId),
        req.params.id,
        { ...f, title: f.title.trim() },
        baseUpdatedAt ? new Date(baseUpdatedAt) : null,
      );
      return postView(req.actor, req.params.id);
    },
  );

  app.post<{ Params: { id: string } }>(
    '/:id/publish',
    {
      schema: {
        tags,
        summary: 'Publish a draft: listed, in the feeds and the search; followers are told',
        params: IdParams,
        response: { 200: PostView, ...problems },
      },
    },
    async (req) => {
      await publishPost(db, commandContext(req, networkId), req.params.id);
      return postView(req.actor, req.params.id);
    },
  );

  app.post<{ Params: { id: string } }>(
    '/:id/unpublish',
    {
      schema: {
        tags,
        summary: 'Take a post back to a draft',
        params: IdParams,
        response: { 200: PostView, ...problems },
      },
    },
    async (req) => {
      await unpublishPost(db, commandContext(req, networkId), req.params.id);
      return postView(req.actor, req.params.id);
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/:id',
    {
      schema: {
        tags,
        summary: 'Delete a post with its comments',
        params: IdParams,
        response: { 204: NoContent, ...problems },
      },
    },
    async (req, reply) => {
      await removePost(db, commandContext(req, networkId), req.params.id);
      return reply.code(204).send();
    },
  );

  app.get<{ Params: { id: string }; Querystring: Static<typeof CommentListQuery> }>(
    '/:id/comments',
    {
      schema: {
        tags,
        summary: 'The comments under a post, oldest first',
        params: IdParams,
        querystring: CommentListQuery,
        response: { 200: Page(CommentView), ...problems },
      },
    },
    async (req) => {
      const { p } = await visiblePost(req.actor, req.params.id);
      const page = paging(req.query);
      const { items, total } = await listComments(db, networkId, p.id, {
        ...page,
        withHidden: req.actor.isInstanceAdmin,
      });
      return { items: items.map((c) => presentComment(c, p, req.actor)), total, ...page };
    },
  );

  app.post<{ Params: { id: string }; Body: Static<typeof CommentSave> }>(
    '/:id/comments',
    {
      schema: {
        tags,
        summary: 'Comment on a published post that is open for comments (signed in)',
        params: IdParams,
        body: CommentSave,
        response: { 201: CommentView, ...problems },
      },
    },
    async (req, reply) => {
      const id = await addComment(db, commandContext(req, networkId), req.params.id, req.body.body);
      const { p } = await visiblePost(req.actor, req.params.id);
      const c = await findComment(db, networkId, id);
      if (!c) throw notFound();
      return reply.code(201).send(presentComment(c, p, req.actor));
    },
  );

  app.put<{ Params: { id: string }; Body: Static<typeof CommentSave> }>(
    '/comments/:id',
    {
      schema: {
        tags,
        summary: 'Change one’s own comment',
        params: IdParams,
        body: CommentSave,
        response: { 200: CommentView, ...problems },
      },
    },
    async (req) => {
      await editComment(db, commandContext(req, networkId), req.params.id, req.body.body);
      const c = await findComment(db, networkId, req.params.id);
      if (!c) throw notFound();
      const { p } = await visiblePost(req.actor, c.post_id);
      return presentComment(c, p, req.actor);
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/comments/:id',
    {
      schema: {
        tags,
        summary: 'Delete a comment (its author; the organisation’s staff and admins; instance admins)',
        params: IdParams,
        response: { 204: NoContent, ...problems },
      },
    },
    async (req, reply) => {
      await removeComment(db, commandContext(req, networkId), req.params.id);
      return reply.code(204).send();
    },
  );
}
