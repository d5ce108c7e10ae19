import type { FastifyInstance } from 'fastify';
import { hashSecret, newSecret } from '../../../../auth/tokens.ts';
import { executeTx } from '../../../../db/tx.ts';
import { clientIp, requireAccount } from '../../../../http/context.ts';
import { forbidden } from '../../../../http/problem.ts';
import { IdParams, NoContent, problems } from '../../../../http/schemas.ts';
import { audit } from '../../../../platform/audit.ts';
import type { Actor } from '../../../../policies/actor.ts';
import { resourcePolicy } from '../../policies/resource.ts';
import { createFeedToken, revokeFeedTokens } from '../../repositories/bookings.ts';
import { bookingFeedUrl } from '../bookings/index.ts';
import { loadResource } from './load.ts';
import { FeedView } from './schema.ts';

/** The resource's calendar feed: a secret iCalendar URL of its bookings (served by the bookings routes). */
export async function resourceFeedRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;
  const tags = ['resources'];
  const load = (id: string, actor: Actor) => loadResource(db, networkId, id, actor);

  app.post<{ Params: { id: string } }>(
    '/:id/feed',
    {
      schema: {
        tags,
        summary: 'A new secret iCalendar URL for the resource’s bookings (the previous one stops working)',
        params: IdParams,
        response: { 201: FeedView, ...problems },
      },
    },
    async (req, reply) => {
      const actorId = requireAccount(req);
      const r = await load(req.params.id, req.actor);
      if (!resourcePolicy.manageFeed(req.actor, r)) throw forbidden();
      const token = newSecret();
      await executeTx(db, async (tx) => {
        await createFeedToken(tx, networkId, {
          kind: 'resource',
          resourceId: r.id,
          tokenHash: hashSecret(token),
          createdBy: actorId,
        });
        await audit(tx, {
          networkId,
          actorId,
          action: 'resource.feed_created',
          entityType: 'resource',
          entityId: r.id,
          ip: clientIp(req),
        });
      });
      return reply.code(201).send({ url: bookingFeedUrl(app.deps.config.publicUrl, token) });
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/:id/feed',
    {
      schema: {
        tags,
        summary: 'Revoke the resource’s calendar URL',
        params: IdParams,
        response: { 204: NoContent, ...problems },
      },
    },
    async (req, reply) => {
      const actorId = requireAccount(req);
      const r = await load(req.params.id, req.actor);
      if (!resourcePolicy.manageFeed(req.actor, r)) throw forbidden();
      await executeTx(db, async (tx) => {
        await revokeFeedTokens(tx, networkId, { kind: 'resource', resourceId: r.id });
        await audit(tx, {
          networkId,
          actorId,
          action: 'resource.feed_revoked',
          entityType: 'resource',
          entityId: r.id,
          ip: clientIp(req),
        });
      });
      return reply.code(204).send();
    },
  );
}
