import { type Static, Type } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { type CircleRole, type CircleVisibility, circleRoles } from '../../../../db/schema.ts';
import { executeTx } from '../../../../db/tx.ts';
import { paging } from '../../../../http/paging.ts';
import { notFound } from '../../../../http/problem.ts';
import { NoContent, Page, problems } from '../../../../http/schemas.ts';
import { notify } from '../../../../platform/notifications.ts';
import { webPaths } from '../../../../platform/webPaths.ts';
import { findAccount } from '../../../../repositories/accounts.ts';
import {
  type CircleAccess,
  circlePolicy,
  postPartAbilities,
  updateAbilities,
} from '../../policies/circle.ts';
import { findMember, membersToNotify } from '../../repositories/circles.ts';
import {
  deleteComment,
  deleteUpdate,
  findComment,
  insertComment,
  insertUpdate,
  listAttachments,
  listComments,
  listUpdates,
} from '../../repositories/circles-updates.ts';
import { CircleParams, loadCircle, loadForChange, refusal, tags } from './access.ts';
import { presentAttachment } from './attachments.ts';
import { visibleUpdate } from './helpers.ts';
import {
  CommentCreate,
  CommentParams,
  UpdateCreate,
  UpdateParams,
  UpdatesQuery,
  UpdateView,
} from './schema.ts';

const canSeeRole = (role: CircleRole, visibility: CircleVisibility) =>
  circlePolicy.seeItem({ role, live: true, scope: new Set(), preparing: false }, visibility);

/** Updates: a journal of posts and comments, each with its own visibility. */
export async function updateRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;

  const presentComment = (
    c: Awaited<ReturnType<typeof listComments>>[number],
    access: CircleAccess,
    accountId: string,
  ) => ({
    id: c.id,
    author: { id: c.author_id, name: c.author_name },
    body: c.body,
    visibility: c.visibility,
    createdAt: c.created_at.toISOString(),
    abilities: postPartAbilities(access, c.author_id === accountId),
  });

  app.get<{ Params: Static<typeof CircleParams>; Querystring: Static<typeof UpdatesQuery> }>(
    '/:id/updates',
    {
      schema: {
        tags,
        summary: 'The journal, newest first: only posts and comments I may see',
        params: CircleParams,
        querystring: UpdatesQuery,
        response: { 200: Page(UpdateView), ...problems },
      },
    },
    async (req) => {
      const { limit, offset } = paging(req.query);
      return executeTx(db, async (tx) => {
        const l = await loadCircle(app, req, tx, req.params.id, circlePolicy.viewUpdates);
        const visible = (v: Parameters<typeof circlePolicy.seeItem>[1], author: string) =>
          circlePolicy.seeItem(l.access, v, author === l.accountId);
        const all = (await listUpdates(tx, networkId, req.params.id)).filter((u) =>
          visible(u.visibility, u.author_id),
        );
        const page = all.slice(offset, offset + limit);
        const pageIds = page.map((u) => u.id);
        const comments = await listComments(tx, networkId, pageIds);
        const attachments = await listAttachments(tx, networkId, pageIds);
        return {
          items: page.map((u) => ({
            id: u.id,
            author: { id: u.author_id, name: u.author_name },
            body: u.body,
            visibility: u.visibility,
            createdAt: u.created_at.toISOString(),
            comments: comments
              .filter((c) => c.update_id === u.id && visible(c.visibility, c.author_id))
              .map((c) => presentComment(c, l.access, l.accountId)),
            attachments: attachments
              .filter((a) => a.update_id === u.id)
              .map((a) =>
                presentAttachment(
                  req.params.id,
                  a,
                  postPartAbilities(l.access, u.author_id === l.accountId || a.created_by === l.accountId),
                ),
              ),
            abilities: updateAbilities(l.access, u.author_id === l.accountId),
          })),
          total: all.length,
          limit,
          offset,
        };
      });
    },
  );

  app.post<{ Params: Static<typeof CircleParams>; Body: Static<typeof UpdateCreate> }>(
    '/:id/updates',
    {
      schema: {
        tags,
        summary: 'Post an update with a visibility',
        params: CircleParams,
        body: UpdateCreate,
        response: { 201: UpdateView, ...problems },
      },
    },
    async (req, reply) => {
      const view = await executeTx(db, async (tx) => {
        const l = await loadForChange(
          app,
          req,
          tx,
          req.params.id,
          circlePolicy.viewUpdates,
          circlePolicy.post,
        );
        const u = await insertUpdate(tx, networkId, req.params.id, l.accountId, req.body);
        const to = await membersToNotify(tx, networkId, req.params.id, [...circleRoles], 'notify_updates');
        for (const m of to) {
          if (m.account_id === l.accountId || !canSeeRole(m.role, u.visibility)) continue;
          await notify(tx, {
            networkId,
            accountId: m.account_id,
            kind: 'circle.update_posted',
            params: { name: u.author_name },
            link: webPaths.circle(req.params.id),
          });
        }
        return {
          id: u.id,
          author: { id: u.author_id, name: u.author_name },
          body: u.body,
          visibility: u.visibility,
          createdAt: u.created_at.toISOString(),
          comments: [],
          attachments: [],
          // the author of a post just made: the policy lets them delete it and comment on it
          abilities: updateAbilities(l.access, true),
        };
      });
      return reply.code(201).send(view);
    },
  );

  app.delete<{ Params: Static<typeof UpdateParams> }>(
    '/:id/updates/:updateId',
    {
      schema: {
        tags,
        summary: 'Delete an update (its author or the owner)',
        params: UpdateParams,
        response: { 204: NoContent, ...problems },
      },
    },
    async (req, reply) => {
      await executeTx(db, async (tx) => {
        const l = await loadCircle(app, req, tx, req.params.id, circlePolicy.viewUpdates);
        const u = await visibleUpdate(tx, networkId, l, req.params.id, req.params.updateId);
        if (!circlePolicy.deletePost(l.access, u.author_id === l.accountId)) throw refusal(l.access);
        await deleteUpdate(tx, networkId, req.params.id, u.id);
      });
      return reply.code(204).send();
    },
  );

  app.post<{ Params: Static<typeof UpdateParams>; Body: Static<typeof CommentCreate> }>(
    '/:id/updates/:updateId/comments',
    {
      schema: {
        tags,
        summary: 'Comment on an update (visible to at most those who see the update)',
        params: UpdateParams,
        body: CommentCreate,
        response: { 201: Type.Object({ id: Type.String() }), ...problems },
      },
    },
    async (req, reply) => {
      const id = await executeTx(db, async (tx) => {
        const l = await loadForChange(
          app,
          req,
          tx,
          req.params.id,
          circlePolicy.viewUpdates,
          circlePolicy.post,
        );
        const u = await visibleUpdate(tx, networkId, l, req.params.id, req.params.updateId);
        const visibility = req.body.visibility ?? u.visibility;
        const c = await insertComment(tx, networkId, req.params.id, u.id, l.accountId, {
          body: req.body.body,
          visibility,
        });
        // the post's author hears of it only while a member who may see the comment
        const author =
          u.author_id === l.accountId
            ? undefined
            : await findMember(tx, networkId, req.params.id, u.author_id);
        if (author && canSeeRole(author.role, visibility)) {
          const me = await findAccount(tx, networkId, l.accountId);
          await notify(tx, {
            networkId,
            accountId: u.author_id,
            kind: 'circle.comment_posted',
            params: { name: me?.display_name ?? '' },
            link: webPaths.circle(req.params.id),
          });
        }
        return c.id;
      });
      return reply.code(201).send({ id });
    },
  );

  app.delete<{ Params: Static<typeof CommentParams> }>(
    '/:id/updates/:updateId/comments/:commentId',
    {
      schema: {
        tags,
        summary: 'Delete a comment (its author or the owner)',
        params: CommentParams,
        response: { 204: NoContent, ...problems },
      },
    },
    async (req, reply) => {
      await executeTx(db, async (tx) => {
        const l = await loadCircle(app, req, tx, req.params.id, circlePolicy.viewUpdates);
        const c = await findComment(tx, networkId, req.params.id, req.params.updateId, req.params.commentId);
        if (!c || !circlePolicy.seeItem(l.access, c.visibility, c.author_id === l.accountId))
          throw notFound();
        if (!circlePolicy.deletePost(l.access, c.author_id === l.accountId)) throw refusal(l.access);
        await deleteComment(tx, networkId, req.params.id, c.id);
      });
      return reply.code(204).send();
    },
  );
}
