import type { Static } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { requireAccount } from '../../../http/context.ts';
import { paging } from '../../../http/paging.ts';
import { forbidden } from '../../../http/problem.ts';
import { problems } from '../../../http/schemas.ts';
import { networkPolicy } from '../../../policies/network.ts';
import { auditFilterChoices, listAuditLog } from '../../../repositories/admin.ts';
import { AuditFilters, AuditPage, AuditQuery } from './schema.ts';

export async function adminAuditRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;

  app.get<{ Querystring: Static<typeof AuditQuery> }>(
    '/',
    {
      schema: {
        tags: ['admin'],
        summary: 'The audit log: who did or read what, newest first (instance admins)',
        description:
          "Entries about support circles are the circle owner's (its access log): they are counted " +
          'in `confidential`, never listed.',
        querystring: AuditQuery,
        response: { 200: AuditPage, ...problems },
      },
    },
    async (req) => {
      requireAccount(req);
      if (!networkPolicy.readAuditLog(req.actor)) throw forbidden();
      const page = paging(req.query);
      const { rows, total, confidential } = await listAuditLog(db, networkId, {
        ...req.query,
        ...page,
      });
      return {
        items: rows.map((r) => ({
          id: r.id,
          actorId: r.actor_id,
          actorName: r.actor_name,
          action: r.action,
          entityType: r.entity_type,
          entityId: r.entity_id,
          details: r.details,
          at: r.at.toISOString(),
        })),
        total,
        ...page,
        confidential,
      };
    },
  );

  app.get(
    '/filters',
    {
      schema: {
        tags: ['admin'],
        summary:
          'What the audit log can be filtered by: its actions, entity types and actors (instance admins)',
        description: 'Rows about support circles are left out here too.',
        response: { 200: AuditFilters, ...problems },
      },
    },
    async (req) => {
      requireAccount(req);
      if (!networkPolicy.readAuditLog(req.actor)) throw forbidden();
      return auditFilterChoices(db, networkId);
    },
  );
}
