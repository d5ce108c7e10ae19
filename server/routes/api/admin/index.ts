import type { FastifyInstance } from 'fastify';
import { adminAccountRoutes } from './accounts.ts';
import { adminAuditRoutes } from './audit.ts';
import { adminFlagRoutes } from './flags.ts';
import { adminOutboxRoutes } from './outbox.ts';

/** The instance admin's pages: email outbox, audit log, moderation queue and accounts. */
export async function adminRoutes(app: FastifyInstance) {
  await app.register(adminOutboxRoutes, { prefix: '/outbox' });
  await app.register(adminAuditRoutes, { prefix: '/audit' });
  await app.register(adminFlagRoutes, { prefix: '/flags' });
  await app.register(adminAccountRoutes, { prefix: '/accounts' });
}
