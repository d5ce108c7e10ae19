import type { FastifyInstance } from 'fastify';
import { invitationRoutes } from './invitations/index.ts';
import { meRoutes } from './me/index.ts';
import { organisationRoutes } from './organisations/index.ts';
import { sessionRoutes } from './session/index.ts';

/** Every resource under /api/v1, one folder each. */
export async function apiRoutes(app: FastifyInstance) {
  await app.register(sessionRoutes, { prefix: '/session' });
  await app.register(meRoutes, { prefix: '/me' });
  await app.register(organisationRoutes, { prefix: '/organisations' });
  await app.register(invitationRoutes, { prefix: '/invitations' });
}
