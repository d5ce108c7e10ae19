import type { Static } from '@fastify/type-provider-typebox';
import { Type } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { followTargets } from '../../../../../db/schema.ts';
import { requireAccount } from '../../../../../http/context.ts';
import { notFound } from '../../../../../http/problem.ts';
import { literals, problems, Timestamp, Uuid } from '../../../../../http/schemas.ts';
import { isSignedIn } from '../../../../../policies/actor.ts';
import { mayFollow } from '../../followable.ts';
import { follow, followsOf, unfollow } from '../../repositories/follows.ts';

const FollowParams = Type.Object(
  { targetType: literals(followTargets), targetId: Uuid },
  { additionalProperties: false },
);

const FollowList = Type.Object({
  items: Type.Array(
    Type.Object({ targetType: literals(followTargets), targetId: Type.String(), since: Timestamp }),
  ),
});

/**
 * Following (Wissen): a person follows a thread, an organisation's news, a district, a wiki page or a
 * map report, and hears of what is new there — by notification, and in the digest. Following is the
 * person's own business: nobody else sees it.
 */
export async function followRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;

  app.get(
    '/',
    {
      schema: {
        tags: ['knowledge'],
        summary: 'What I follow',
        response: { 200: FollowList, ...problems },
      },
    },
    async (req) => {
      const accountId = requireAccount(req);
      const rows = await followsOf(db, networkId, accountId);
      return {
        items: rows.map((r) => ({
          targetType: r.target_type,
          targetId: r.target_id,
          since: r.created_at.toISOString(),
        })),
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
