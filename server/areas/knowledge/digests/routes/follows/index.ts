import type { Static } from '@fastify/type-provider-typebox';
import { Type } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { followTargets } from '../../../../../db/schema.ts';
import { requireAccount } from '../../../../../http/context.ts';
import { paging } from '../../../../../http/paging.ts';
import { notFound } from '../../../../../http/problem.ts';
import { literals, Page, PageQuery, problems, Timestamp, Uuid } from '../../../../../http/schemas.ts';
import { isSignedIn } from '../../../../../policies/actor.ts';
import { mayFollow } from '../../followable.ts';
import { organisationsOf } from '../../repositories/digestItems.ts';
import { countFollows, follow, followsOf, unfollow } from '../../repositories/follows.ts';
import { followTitles } from '../../repositories/followTitles.ts';

const FollowParams = Type.Object(
  { targetType: literals(followTargets), targetId: Uuid },
  { additionalProperties: false },
);

export const FollowView = Type.Object({
  targetType: literals(followTargets),
  targetId: Type.String(),
  since: Timestamp,
  /** null: the person may no longer see it (or it is gone) — they can still stop following */
  title: Type.Union([Type.String(), Type.Null()]),
  /** its page in the web client, with the title */
  path: Type.Union([Type.String(), Type.Null()]),
});
const FollowList = Page(FollowView);
const FollowQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });

/**
 * Following (Wissen): a person follows a thread, an organisation's news, a district, a wiki page or a
 * map report, and hears of what is new there — by notification, and in the digest. Following is the
 * person's own business: nobody else sees it.
 */
export async function followRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;

  app.get<{ Querystring: Static<typeof FollowQuery> }>(
    '/',
    {
      schema: {
        tags: ['knowledge'],
        summary: 'What I follow, newest first, with each thing’s title and page while I may see it',
        querystring: FollowQuery,
        response: { 200: FollowList, ...problems },
      },
    },
    async (req) => {
      const accountId = requireAccount(req);
      const page = paging(req.query);
      const [rows, total, organisationIds] = [
        await followsOf(db, networkId, accountId, page),
        await countFollows(db, networkId, accountId),
        await organisationsOf(db, networkId, accountId),
      ];
      const titles = await followTitles(db, networkId, { accountId, organisationIds }, rows);
      return {
        items: rows.map((r) => {
          const shown = titles.get(`${r.target_type}:${r.target_id}`);
          return {
            targetType: r.target_type,
            targetId: r.target_id,
            since: r.created_at.toISOString(),
            title: shown?.title ?? null,
            path: shown?.path ?? null,
          };
        }),
        total,
        ...page,
      };
    },
  );

  app.put<{ Params: Static<typeof FollowParams> }>(
    '/:targetType/:targetId',
    {
      schema: {
        tags: ['knowledge'],
        summary: 'Follow a thread, an organisation, a district, a wiki page or a map report',
        params: FollowParams,
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (req, reply) => {
      const accountId = requireAccount(req);
      const { targetType, targetId } = req.params;
      if (
        !isSignedIn(req.actor) ||
        !(await mayFollow(db, networkId, { ...req.actor, accountId }, targetType, targetId))
      )
        throw notFound();
      await follow(db, networkId, accountId, targetType, targetId);
      return reply.code(204).send();
    },
  );

  app.delete<{ Params: Static<typeof FollowParams> }>(
    '/:targetType/:targetId',
    {
      schema: {
        tags: ['knowledge'],
        summary: 'Stop following',
        params: FollowParams,
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (req, reply) => {
      const accountId = requireAccount(req);
      await unfollow(db, networkId, accountId, req.params.targetType, req.params.targetId);
      return reply.code(204).send();
    },
  );
}
