import type { Static } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { executeTx } from '../../../db/tx.ts';
import { clientIp, requireAccount } from '../../../http/context.ts';
import { paging } from '../../../http/paging.ts';
import { forbidden } from '../../../http/problem.ts';
import { IdParams, NoContent, Page, problems } from '../../../http/schemas.ts';
import { requiredText } from '../../../http/validation.ts';
import { dismissFlag, hideFlagged, listFlags } from '../../../platform/moderation.ts';
import { networkPolicy } from '../../../policies/network.ts';
import { FlagItem, FlagQuery, Reason } from './schema.ts';

export async function adminFlagRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;
  const tags = ['admin', 'moderation'];

  app.get<{ Querystring: Static<typeof FlagQuery> }>(
    '/',
    {
      schema: {
        tags,
        summary: 'Flagged content, newest first (instance admins)',
        querystring: FlagQuery,
        response: { 200: Page(FlagItem), ...problems },
      },
    },
    async (req) => {
      requireAccount(req);
      if (!networkPolicy.moderate(req.actor)) throw forbidden();
      const page = paging(req.query);
      const { rows, total } = await listFlags(db, networkId, { status: req.query.status, ...page });
      return {
        items: rows.map((f) => ({
          id: f.id,
          entityType: f.entity_type,
          entityId: f.entity_id,
          reason: f.reason,
          note: f.note,
          status: f.status,
          reporterName: f.reporter_name,
          createdAt: f.created_at.toISOString(),
          title: f.title,
          link: f.link,
        })),
        total,
        ...page,
      };
    },
  );

  app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof Reason> }>(
    '/:id/hide',
    {
      schema: {
        tags,
        summary: 'Hide the flagged content and resolve every open flag on it (instance admins)',
        params: IdParams,
        body: Reason,
        response: { 204: NoContent, ...problems },
      },
    },
    async (req, reply) => {
      const actorId = requireAccount(req);
      if (!networkPolicy.moderate(req.actor)) throw forbidden();
      const reason = requiredText(req.body.reason, '/reason');
      await executeTx(db, (tx) =>
        hideFlagged(tx, { networkId, flagId: req.params.id, actorId, reason, ip: clientIp(req) }),
      );
      return reply.code(204).send();
    },
  );

  app.post<{ Params: Static<typeof IdParams> }>(
    '/:id/dismiss',
    {
      schema: {
        tags,
        summary: 'Close a flag without hiding anything (instance admins)',
        params: IdParams,
        response: { 204: NoContent, ...problems },
      },
    },
    async (req, reply) => {
      const actorId = requireAccount(req);
      if (!networkPolicy.moderate(req.actor)) throw forbidden();
      await executeTx(db, (tx) =>
        dismissFlag(tx, { networkId, flagId: req.params.id, actorId, ip: clientIp(req) }),
      );
      return reply.code(204).send();
    },
  );
}
