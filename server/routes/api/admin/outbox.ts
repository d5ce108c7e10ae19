import type { Static } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { executeTx } from '../../../db/tx.ts';
import { clientIp, requireAccount } from '../../../http/context.ts';
import { paging } from '../../../http/paging.ts';
import { forbidden } from '../../../http/problem.ts';
import { problems } from '../../../http/schemas.ts';
import { audit } from '../../../platform/audit.ts';
import { networkPolicy } from '../../../policies/network.ts';
import { listOutbox } from '../../../repositories/admin.ts';
import { OutboxPage, OutboxQuery } from './schema.ts';

export async function adminOutboxRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;

  app.get<{ Querystring: Static<typeof OutboxQuery> }>(
    '/',
    {
      schema: {
        tags: ['admin'],
        summary: 'Emails the network sent or holds, newest first (instance admins)',
        description:
          'Without SMTP configured every email stays here as "held", so an admin can see what a person ' +
          'was sent. Secrets (the tokens of sign-in and invitation links) are redacted, and the mails of ' +
          'support circles are only counted. The messages contain personal data: every reading is ' +
          'written to the audit log.',
        querystring: OutboxQuery,
        response: { 200: OutboxPage, ...problems },
      },
    },
    async (req) => {
      const actorId = requireAccount(req);
      if (!networkPolicy.readOutbox(req.actor)) throw forbidden();
      const page = paging(req.query);
      const { rows, total, confidential } = await executeTx(db, async (tx) => {
        const listed = await listOutbox(tx, networkId, { status: req.query.status, ...page });
        await audit(tx, {
          networkId,
          actorId,
          action: 'outbox.read',
          entityType: 'outbox_email',
          details: {
            status: req.query.status ?? null,
            limit: page.limit,
            offset: page.offset,
            ids: listed.rows.map((r) => r.id),
          },
          ip: clientIp(req),
        });
        return listed;
      });
      return {
        items: rows.map((m) => ({
          id: m.id,
          to: m.to_address,
          subject: m.subject,
          body: m.body_shown,
          status: m.status,
          attempts: m.attempts,
          lastError: m.last_error,
          createdAt: m.created_at.toISOString(),
          sentAt: m.sent_at?.toISOString() ?? null,
        })),
        total,
        ...page,
        confidential,
      };
    },
  );
}
