import type { Static } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Executor } from '../../../../db/tx.ts';
import { commandContext } from '../../../../http/context.ts';
import { paging } from '../../../../http/paging.ts';
import { notFound } from '../../../../http/problem.ts';
import { IdParams, problems } from '../../../../http/schemas.ts';
import { excerpt, renderMarkdown } from '../../../../platform/markdown.ts';
import type { Actor } from '../../../../policies/actor.ts';
import { type ToolAccess, toolFor } from '../../projects/access.ts';
import { toolHeader } from '../../projects/present.ts';
import { type Contributor, contributorsOf } from '../../projects/repositories/contributors.ts';
import { toolConfig } from '../../projects/tools.ts';
import { addComment, addIdea, addPoint, mergeIdea, selectIdeas } from '../commands/ideas.ts';
import { commentsOf, findIdea, listIdeas, mergedInto, pointsOf } from '../repositories/ideas.ts';
import {
  CommentCreate,
  Created,
  IdeaCreate,
  IdeaDetail,
  IdeaList,
  IdeaListQuery,
  MergeBody,
  PointCreate,
  Selection,
  SelectionBody,
  ToolParams,
} from './schema.ts';

const nobody = { name: '', channel: 'online', assistedBy: null } as const;
const shown = (c: Contributor | undefined) =>
  c ? { name: c.name, channel: c.channel, assistedBy: c.assistedBy } : { ...nobody };

/** Whether the reader can add things to the tool now, in their own name or (facilitators) for others. */
function mayAdd(a: ToolAccess) {
  return a.open && (a.may.participate || a.may.facilitate);
}

/**
 * Ideas: a tool of kind 'ideas' — its ideas (newest or most points first, paged), one idea with its
 * pro and contra points, comments and the duplicates merged into it; adding ideas, comments and points
 * (in one's own name or, for facilitators, for a participant who consented); merging duplicates and
 * choosing the ideas for the decide phase (facilitators). Every answer starts with the tool's header.
 * A project one may not see, and what a moderator hid, answer 404.
 */
export async function ideasRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;
  const tags = ['codesign'];

  async function ideaView(tx: Executor, actor: Actor, id: string) {
    const idea = await findIdea(tx, networkId, id);
    if (!idea) throw notFound();
    const access = await toolFor(tx, networkId, actor, idea.tool_id, ['ideas'], 'view');
    if (idea.hidden && !actor.isInstanceAdmin) throw notFound();
    const target = idea.merged_into ? await findIdea(tx, networkId, idea.merged_into) : undefined;
    const merged = await mergedInto(tx, networkId, idea.id);
    const family = [idea.id, ...merged.map((m) => m.id)];
    const [points, comments] = await Promise.all([
      pointsOf(tx, networkId, family),
      commentsOf(tx, networkId, family),
    ]);
    const who = await contributorsOf(tx, networkId, [
      idea.contribution_id,
      ...merged.map((m) => m.contribution_id),
      ...points.map((p) => p.contribution_id),
      ...comments.map((c) => c.contribution_id),
    ]);
    const config = toolConfig('ideas', access.tool.config);
    const addable = mayAdd(access) && !idea.merged_into;
    return {
      tool: toolHeader(access),
      idea: {
        id: idea.id,
        title: idea.title,
        body: idea.body,
        html: renderMarkdown(idea.body),
        mark: idea.mark,
        createdAt: idea.created_at.toISOString(),
        contributor: shown(who.get(idea.contribution_id)),
        mergedInto:
          target && (!target.hidden || actor.isInstanceAdmin) ? { id: target.id, title: target.title } : null,
        mergedAt: idea.merged_at?.toISOString() ?? null,
        hidden: idea.hidden,
      },
      merged: merged.map((m) => ({
        id: m.id,
        title: m.title,
        contributor: shown(who.get(m.contribution_id)),
        mergedAt: m.merged_at?.toISOString() ?? null,
      })),
      points: points.map((p) => ({
        id: p.id,
        ideaId: p.idea_id,
        side: p.side,
        body: p.body,
        contributor: shown(who.get(p.contribution_id)),
        createdAt: p.created_at.toISOString(),
      })),
      comments: comments.map((c) => ({
        id: c.id,
        ideaId: c.idea_id,
        body: c.body,
        html: renderMarkdown(c.body),
        contributor: shown(who.get(c.contribution_id)),
        createdAt: c.created_at.toISOString(),
      })),
      abilities: {
        comment: addable,
        point: addable && config.points,
        merge: access.may.facilitate && access.project.status === 'active' && !idea.merged_into,
        facilitate: access.may.facilitate,
      },
    };
  }

  app.get<{ Params: Static<typeof ToolParams>; Querystring: Static<typeof IdeaListQuery> }>(
    '/tools/:toolId',
    {
      schema: {
        tags,
        summary: "An ideas tool's ideas: newest or most points first, merged and hidden ones left out",
        params: ToolParams,
        querystring: IdeaListQuery,
        response: { 200: IdeaList, ...problems },
      },
    },
    async (req) => {
      const access = await toolFor(db, networkId, req.actor, req.params.toolId, ['ideas'], 'view');
      const page = paging(req.query);
      const { items, total } = await listIdeas(db, networkId, access.tool.id, {
        sort: req.query.sort ?? 'newest',
        ...page,
      });
      const who = await contributorsOf(
        db,
        networkId,
        items.map((i) => i.contribution_id),
      );
      const header = toolHeader(access);
      const config = toolConfig('ideas', access.tool.config);
      return {
        tool: header,
        items: items.map((i) => ({
          id: i.id,
          title: i.title,
          excerpt: excerpt(i.body, 160),
          mark: i.mark,
          createdAt: i.created_at.toISOString(),
          contributor: shown(who.get(i.contribution_id)),
          pro: Number(i.pro),
          contra: Number(i.contra),
          comments: Number(i.comments),
          merged: Number(i.merged),
        })),
        total,
        ...page,
        abilities: {
          propose: header.may.participate && (config.participantsPropose || access.may.facilitate),
          facilitate: access.may.facilitate,
        },
      };
    },
  );

  app.post<{ Params: Static<typeof ToolParams>; Body: Static<typeof IdeaCreate> }>(
    '/tools/:toolId',
    {
      schema: {
        tags,
        summary: 'Add an idea (in one’s own name, or a facilitator for a participant who consented)',
        params: ToolParams,
        body: IdeaCreate,
        response: { 201: IdeaDetail, ...problems },
      },
    },
    async (req, reply) => {
      const { title, body, onBehalf } = req.body;
      const id = await addIdea(db, commandContext(req, networkId), req.params.toolId, {
        title,
        body: body ?? '',
        ...(onBehalf ? { onBehalf } : {}),
      });
      return reply.code(201).send(await ideaView(db, req.actor, id));
    },
  );

  app.put<{ Params: Static<typeof ToolParams>; Body: Static<typeof SelectionBody> }>(
    '/tools/:toolId/selection',
    {
      schema: {
        tags,
        summary: 'Choose the ideas for the decide phase (facilitators): exactly these are marked selected',
        params: ToolParams,
        body: SelectionBody,
        response: { 200: Selection, ...problems },
      },
    },
    async (req) => {
      const ideaIds = await selectIdeas(
        db,
        commandContext(req, networkId),
        req.params.toolId,
        req.body.ideaIds,
      );
      return { ideaIds };
    },
  );

  app.get<{ Params: Static<typeof IdParams> }>(
    '/:id',
    {
      schema: {
        tags,
        summary: 'An idea with its points, comments and the duplicates merged into it',
        params: IdParams,
        response: { 200: IdeaDetail, ...problems },
      },
    },
    async (req) => ideaView(db, req.actor, req.params.id),
  );

  app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof CommentCreate> }>(
    '/:id/comments',
    {
      schema: {
        tags,
        summary: 'Comment on an idea (409 when it was merged: the other idea takes comments)',
        params: IdParams,
        body: CommentCreate,
        response: { 201: Created, ...problems },
      },
    },
    async (req, reply) => {
      const { body, onBehalf } = req.body;
      const id = await addComment(db, commandContext(req, networkId), req.params.id, {
        body,
        ...(onBehalf ? { onBehalf } : {}),
      });
      return reply.code(201).send({ id });
    },
  );

  app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof PointCreate> }>(
    '/:id/points',
    {
      schema: {
        tags,
        summary: 'Add a point for or against an idea (when the tool collects points)',
        params: IdParams,
        body: PointCreate,
        response: { 201: Created, ...problems },
      },
    },
    async (req, reply) => {
      const { side, body, onBehalf } = req.body;
      const id = await addPoint(db, commandContext(req, networkId), req.params.id, {
        side,
        body,
        ...(onBehalf ? { onBehalf } : {}),
      });
      return reply.code(201).send({ id });
    },
  );

  app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof MergeBody> }>(
    '/:id/merge',
    {
      schema: {
        tags,
        summary: 'Merge a duplicate into another idea of the tool (facilitators); nothing is lost',
        params: IdParams,
        body: MergeBody,
        response: { 200: IdeaDetail, ...problems },
      },
    },
    async (req) => {
      const into = await mergeIdea(db, commandContext(req, networkId), req.params.id, req.body.intoId);
      return ideaView(db, req.actor, into);
    },
  );
}
