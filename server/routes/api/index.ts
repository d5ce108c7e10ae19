import type { FastifyInstance } from 'fastify';
import { areas } from '../../areas/index.ts';
import { hsdsRoutes } from '../../interop/hsds/routes.ts';
import { adminRoutes } from './admin/index.ts';
import { districtRoutes } from './districts/index.ts';
import { enquiryRoutes } from './enquiries/index.ts';
import { federationRoutes } from './federation/index.ts';
import { organisationFederationRoutes } from './federation/organisation.ts';
import { flagRoutes } from './flags/index.ts';
import { geocodeRoutes } from './geocode/index.ts';
import { invitationRoutes } from './invitations/index.ts';
import { markdownRoutes } from './markdown/index.ts';
import { meRoutes } from './me/index.ts';
import { myInvitationRoutes } from './me/invitations.ts';
import { todayRoutes } from './me/today.ts';
import { networkActivityRoutes } from './network/activity.ts';
import { networkRoutes } from './network/index.ts';
import { notificationRoutes } from './notifications/index.ts';
import { organisationRoutes } from './organisations/index.ts';
import { peopleRoutes } from './people/index.ts';
import { searchRoutes } from './search/index.ts';
import { serviceRoutes } from './services/index.ts';
import { sessionRoutes } from './session/index.ts';
import { oidcRoutes } from './session/oidc.ts';
import { registrationRoutes } from './session/register.ts';

/** Every resource under /api/v1: the foundation's here, one folder each, then each area's (its manifest). */
export async function apiRoutes(app: FastifyInstance) {
  await app.register(sessionRoutes, { prefix: '/session' });
  await app.register(registrationRoutes, { prefix: '/session/register' });
  await app.register(oidcRoutes, { prefix: '/session/oidc' });
  await app.register(meRoutes, { prefix: '/me' });
  await app.register(todayRoutes, { prefix: '/me/today' });
  await app.register(myInvitationRoutes, { prefix: '/me/invitations' });
  await app.register(organisationRoutes, { prefix: '/organisations' });
  await app.register(invitationRoutes, { prefix: '/invitations' });
  await app.register(networkRoutes, { prefix: '/network' });
  await app.register(networkActivityRoutes, { prefix: '/network/activity' });
  await app.register(districtRoutes, { prefix: '/districts' });
  await app.register(geocodeRoutes, { prefix: '/geocode' });
  await app.register(markdownRoutes, { prefix: '/markdown' });
  await app.register(adminRoutes, { prefix: '/admin' });
  await app.register(federationRoutes, { prefix: '/federation' });
  await app.register(organisationFederationRoutes);
  await app.register(notificationRoutes, { prefix: '/notifications' });
  await app.register(searchRoutes, { prefix: '/search' });
  await app.register(flagRoutes, { prefix: '/flags' });
  await app.register(peopleRoutes, { prefix: '/people' });
  // under /organisations/{id}/enquiries and /me/enquiries: a resource of its own, beside both
  await app.register(enquiryRoutes);
  // under /organisations/{id}/services: an organisation's services and their hours
  await app.register(serviceRoutes);
  // open standards: the directory as Open Referral HSDS (server/interop/hsds)
  await app.register(hsdsRoutes, { prefix: '/hsds' });
  for (const area of areas)
    for (const { prefix, plugin } of area.routes) await app.register(plugin, { prefix });
}
