import type { Static } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { commandContext, requireAccount } from '../../../../../http/context.ts';
import { paging } from '../../../../../http/paging.ts';
import { forbidden } from '../../../../../http/problem.ts';
import { IdParams, NoContent, Page, problems } from '../../../../../http/schemas.ts';
import { renderMarkdown } from '../../../../../platform/markdown.ts';
import { type Actor, isSignedIn } from '../../../../../policies/actor.ts';
import { followedAmong } from '../../../digests/repositories/follows.ts';
import {
  createThread,
  decidePost,
  deletePost,
  editPost,
  editThread,
  replyTo,
  setClosed,
  setSolution,
  threadAccess,
  viewableThread,
} from '../../commands/discussions.ts';
import { postPolicy, threadPolicy } from '../../policies/discussion.ts';
import {
  listPosts,
  listThreads,
  mentionable,
  type PostRow,
  pendingPosts,
  postsBefore,
  quotedPosts,
  type ThreadRow,
} from '../../repositories/discussions.ts';
import {
  CreatedPost,
  CreatedThread,
  MentionList,
  MentionQuery,
  PostEdit,
  PostListQuery,
  PostView,
  ReplyCreate,
  ReviewItem,
  SolutionBody,
  ThreadCreate,
  ThreadEdit,
  ThreadListQuery,
  ThreadView,
} from './schema.ts';

const ref = (id: string | null, name: string | null) => (id ? { id, name: name ?? '' } : null);

/** `mayWrite`: as far as its community goes (a thread of none: true) */
function presentThread(t: ThreadRow, actor: Actor, following: boolean, mayWrite: boolean) {
  return {
    id: t.id,
    title: t.title,
    theme: t.theme,
    district: ref(t.district_id, t.district_name),
    organisation: t.organisation_id
      ? { id: t.organisation_id, name: t.organisation_name ?? '', slug: t.organisation_slug ?? '' }
      : null,
    community:
      t.community_id && t.community
        ? { id: t.community_id, name: t.community.name, slug: t.community.slug }
        : null,
    author: ref(t.author_id, t.author_name),
    reviewStatus: t.review_status,
    closed: t.closed_at !== null,
    solutionPostId: t.solution_post_id,
    postCount: t.post_count,
    replyCount: Math.max(0, t.post_count - 1),
    lastPostAt: t.last_post_at.toISOString(),
    createdAt: t.created_at.toISOString(),
    hidden: t.hidden,
    following,
    abilities: {
      reply: t.review_status !== 'rejected' && threadPolicy.reply(actor, t) && mayWrite,
      edit: threadPolicy.edit(actor, t),
      steward: threadPolicy.steward(actor, t),
      flag: isSignedIn(actor) && t.review_status === 'visible' && actor.accountId !== t.author_id,
    },
  };
}

function presentPost(
  p: PostRow,
  actor: Actor,
  solutionId: string | null,
  quoted: Map<string, { position: number; author_name: string | null; visible: boolean }>,
) {
  // hidden by a moderator: its place stays, its text goes (admins still see it)
  const gone = p.deleted_at !== null || (p.hidden && !actor.isInstanceAdmin);
  const q = p.quoted_post_id ? quoted.get(p.quoted_post_id) : undefined;
  return {
    id: p.id,
    position: p.position,
    author: gone ? null : ref(p.author_id, p.author_name),
    body: gone ? null : p.body,
    html: gone ? null : renderMarkdown(p.body),
    quoted:
      q && p.quoted_post_id && !gone
        ? { id: p.quoted_post_id, position: q.position, authorName: q.author_name, visible: q.visible }
        : null,
    reviewStatus: p.review_status,
    createdAt: p.created_at.toISOString(),
    editedAt: p.edited_at?.toISOString() ?? null,
    deleted: p.deleted_at !== null,
    hidden: p.hidden,
    solution: solutionId === p.id,
    abilities: {
      edit: !gone && postPolicy.edit(actor, p),
      delete: !gone && postPolicy.delete(actor, p),
      flag: !gone && isSignedIn(actor) && p.review_status === 'visible' && actor.accountId !== p.author_id,
    },
  };
}

/**
 * Discussions (/discussions): threads by theme and district with their posts, replies with quotes
 * and @mentions, the solution, closing, and the review of new accounts' first posts.
 */
export async function discussionRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;
  const tags = ['discussions'];
  const viewer = (actor: Actor) => ({
    id: isSignedIn(actor) ? actor.accountId : null,
    admin: isSignedIn(actor) && actor.isInstanceAdmin,
  });

  async function threadView(id: string, actor: Actor) {
    const t = await viewableThread(db, { networkId, actor }, id);
    const following = await followedAmong(db, networkId, viewer(actor).id, 'discussion_thread', [t.id]);
    const access = await threadAccess(db, { networkId, actor }, t);
    return presentThread(t, actor, following.has(t.id), access.write);
  }

  app.get<{ Querystring: Static<typeof ThreadListQuery> }>(
    '/threads',
    {
      schema: {
        tags,
        summary: 'Threads by last activity (theme, district, unanswered or solved, text)',
        querystring: ThreadListQuery,
        response: { 200: Page(ThreadView), ...problems },
      },
    },
    async (req) => {
      const page = paging(req.query);
      const me = viewer(req.actor).id;
      const { items, total } = await listThreads(db, networkId, { ...req.query, viewerId: me, ...page });
      const following = await followedAmong(
        db,
        networkId,
        me,
        'discussion_thread',
        items.map((t) => t.id),
      );
      return {
        items: items.map((t) => presentThread(t, req.actor, following.has(t.id), t.may_write)),
        total,
        ...page,
      };
    },
  );

  app.post<{ Body: Static<typeof ThreadCreate> }>(
    '/threads',
    {
      schema: {
        tags,
        summary: 'Start a thread with its opening post (a new account’s waits for review)',
        body: ThreadCreate,
        response: { 201: CreatedThread, ...problems },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const r = await createThread(db, commandContext(req, networkId), {
        title: b.title.trim(),
        theme: b.theme,
        districtId: b.districtId ?? null,
        organisationId: b.organisationId ?? null,
        body: b.body,
        mentions: b.mentions ?? [],
      });
      return reply.code(201).send({ id: r.threadId, reviewStatus: r.status });
    },
  );

  app.get<{ Params: { id: string } }>(
    '/threads/:id',
    {
      schema: { tags, summary: 'A thread', params: IdParams, response: { 200: ThreadView, ...problems } },
    },
    async (req) => threadView(req.params.id, req.actor),
  );

  app.put<{ Params: { id: string }; Body: Static<typeof ThreadEdit> }>(
    '/threads/:id',
    {
      schema: {
        tags,
        summary: 'Change title, theme and district (its author, instance admins)',
        params: IdParams,
        body: ThreadEdit,
        response: { 200: ThreadView, ...problems },
      },
    },
    async (req) => {
      await editThread(db, commandContext(req, networkId), req.params.id, {
        title: req.body.title.trim(),
        theme: req.body.theme,
        districtId: req.body.districtId ?? null,
      });
      return threadView(req.params.id, req.actor);
    },
  );

  app.get<{ Params: { id: string }; Querystring: Static<typeof PostListQuery> }>(
    '/threads/:id/posts',
    {
      schema: {
        tags,
        summary: 'A page of the thread’s posts in order (deleted and hidden ones keep their place)',
        params: IdParams,
        querystring: PostListQuery,
        response: { 200: Page(PostView), ...problems },
      },
    },
    async (req) => {
      const t = await viewableThread(db, { networkId, actor: req.actor }, req.params.id);
      const page = paging(req.query);
      if (req.query.position) {
        const before = await postsBefore(db, networkId, t.id, req.query.position, viewer(req.actor));
        page.offset = Math.floor(before / page.limit) * page.limit;
      }
      const { items, total } = await listPosts(db, networkId, t.id, viewer(req.actor), page);
      const quoted = await quotedPosts(
        db,
        networkId,
        items.flatMap((p) => (p.quoted_post_id ? [p.quoted_post_id] : [])),
      );
      return {
        items: items.map((p) => presentPost(p, req.actor, t.solution_post_id, quoted)),
        total,
        ...page,
      };
    },
  );

  app.post<{ Params: { id: string }; Body: Static<typeof ReplyCreate> }>(
    '/threads/:id/posts',
    {
      schema: {
        tags,
        summary: 'Reply (optionally quoting a post); 409 when the thread is closed',
        params: IdParams,
        body: ReplyCreate,
        response: { 201: CreatedPost, ...problems },
      },
    },
    async (req, reply) => {
      const r = await replyTo(db, commandContext(req, networkId), req.params.id, {
        body: req.body.body,
        quotedPostId: req.body.quotedPostId ?? null,
        mentions: req.body.mentions ?? [],
      });
      return reply.code(201).send({ id: r.postId, position: r.position, reviewStatus: r.status });
    },
  );

  app.get<{ Params: { id: string }; Querystring: Static<typeof MentionQuery> }>(
    '/threads/:id/mentionable',
    {
      schema: {
        tags,
        summary: 'Whom one may @mention here: who wrote in the thread, and staff of organisations',
        params: IdParams,
        querystring: MentionQuery,
        response: { 200: MentionList, ...problems },
      },
    },
    async (req) => {
      const me = requireAccount(req);
      const t = await viewableThread(db, { networkId, actor: req.actor }, req.params.id);
      const people = await mentionable(db, networkId, t.id, {
        q: req.query.q?.trim() || undefined,
        limit: 11,
      });
      return {
        items: people
          .filter((p) => p.id !== me)
          .slice(0, 10)
          .map((p) => ({ id: p.id, name: p.display_name })),
      };
    },
  );

  app.put<{ Params: { id: string }; Body: Static<typeof SolutionBody> }>(
    '/threads/:id/solution',
    {
      schema: {
        tags,
        summary: 'Mark the reply that solved it (thread author, the organisation’s staff, instance admins)',
        params: IdParams,
        body: SolutionBody,
        response: { 200: ThreadView, ...problems },
      },
    },
    async (req) => {
      await setSolution(db, commandContext(req, networkId), req.params.id, req.body.postId);
      return threadView(req.params.id, req.actor);
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/threads/:id/solution',
    {
      schema: {
        tags,
        summary: 'Unmark the solution',
        params: IdParams,
        response: { 200: ThreadView, ...problems },
      },
    },
    async (req) => {
      await setSolution(db, commandContext(req, networkId), req.params.id, null);
      return threadView(req.params.id, req.actor);
    },
  );

  app.put<{ Params: { id: string } }>(
    '/threads/:id/closed',
    {
      schema: {
        tags,
        summary: 'Close the thread: no more replies',
        params: IdParams,
        response: { 200: ThreadView, ...problems },
      },
    },
    async (req) => {
      await setClosed(db, commandContext(req, networkId), req.params.id, true);
      return threadView(req.params.id, req.actor);
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/threads/:id/closed',
    {
      schema: {
        tags,
        summary: 'Open the thread again',
        params: IdParams,
        response: { 200: ThreadView, ...problems },
      },
    },
    async (req) => {
      await setClosed(db, commandContext(req, networkId), req.params.id, false);
      return threadView(req.params.id, req.actor);
    },
  );

  app.put<{ Params: { id: string }; Body: Static<typeof PostEdit> }>(
    '/posts/:id',
    {
      schema: {
        tags,
        summary: 'Edit one’s own post (marked as edited)',
        params: IdParams,
        body: PostEdit,
        response: { 204: NoContent, ...problems },
      },
    },
    async (req, reply) => {
      await editPost(db, commandContext(req, networkId), req.params.id, {
        body: req.body.body,
        mentions: req.body.mentions ?? [],
      });
      return reply.code(204).send();
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/posts/:id',
    {
      schema: {
        tags,
        summary: 'Delete one’s own post (it keeps its place, shown as deleted)',
        params: IdParams,
        response: { 204: NoContent, ...problems },
      },
    },
    async (req, reply) => {
      await deletePost(db, commandContext(req, networkId), req.params.id);
      return reply.code(204).send();
    },
  );

  app.get<{ Querystring: { limit?: number; offset?: number } }>(
    '/review',
    {
      schema: {
        tags,
        summary: 'Posts of new accounts waiting for review, oldest first (instance admins)',
        querystring: PostListQuery,
        response: { 200: Page(ReviewItem), ...problems },
      },
    },
    async (req) => {
      requireAccount(req);
      if (!threadPolicy.review(req.actor)) throw forbidden();
      const page = paging(req.query);
      const { items, total } = await pendingPosts(db, networkId, page);
      return {
        items: items.map((p) => ({
          id: p.id,
          threadId: p.thread_id,
          threadTitle: p.thread_title,
          opening: p.position === 1,
          position: p.position,
          html: renderMarkdown(p.body),
          author: ref(p.author_id, p.author_name),
          accountCreatedAt: p.account_created_at?.toISOString() ?? null,
          createdAt: p.created_at.toISOString(),
        })),
        total,
        ...page,
      };
    },
  );

  for (const [verb, approve] of [
    ['approve', true],
    ['reject', false],
  ] as const) {
    app.post<{ Params: { id: string } }>(
      `/posts/:id/${verb}`,
      {
        schema: {
          tags,
          summary: approve
            ? 'Approve a waiting post: it appears as if posted now (instance admins)'
            : 'Reject a waiting post: it is gone for everyone (instance admins)',
          params: IdParams,
          response: { 204: NoContent, ...problems },
        },
      },
      async (req, reply) => {
        await decidePost(db, commandContext(req, networkId), req.params.id, approve);
        return reply.code(204).send();
      },
    );
  }
}
