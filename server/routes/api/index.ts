import type { FastifyInstance } from 'fastify';
import { hoursRoutes } from '../../areas/participation/routes/hours/index.ts';
import { opportunityRoutes } from '../../areas/participation/routes/opportunities/index.ts';
import { playbookRoutes } from '../../areas/participation/routes/playbook/index.ts';
import { shiftRoutes } from '../../areas/participation/routes/shifts/index.ts';
import { interactionRoutes } from '../../areas/places/routes/interactions/index.ts';
import { bookingRoutes } from '../../areas/sharing/routes/bookings/index.ts';
import { exchangeRoutes } from '../../areas/sharing/routes/exchange/index.ts';
import { resourceRoutes } from '../../areas/sharing/routes/resources/index.ts';
import { circleRoutes } from '../../areas/support/routes/circles/index.ts';
import { timebankRoutes } from '../../areas/timebank/routes/timebank/index.ts';
import { adminRoutes } from './admin/index.ts';
import { districtRoutes } from './districts/index.ts';
import { flagRoutes } from './flags/index.ts';
import { invitationRoutes } from './invitations/index.ts';
import { meRoutes } from './me/index.ts';
import { networkRoutes } from './network/index.ts';
import { notificationRoutes } from './notifications/index.ts';
import { organisationRoutes } from './organisations/index.ts';
import { peopleRoutes } from './people/index.ts';
import { searchRoutes } from './search/index.ts';
import { sessionRoutes } from './session/index.ts';

/** Every resource under /api/v1, one folder each. */
export async function apiRoutes(app: FastifyInstance) {
  await app.register(sessionRoutes, { prefix: '/session' });
  await app.register(meRoutes, { prefix: '/me' });
  await app.register(organisationRoutes, { prefix: '/organisations' });
  await app.register(timebankRoutes, { prefix: '/timebank' });
  await app.register(resourceRoutes, { prefix: '/resources' });
  await app.register(bookingRoutes, { prefix: '/bookings' });
  await app.register(exchangeRoutes, { prefix: '/exchange' });
  await app.register(invitationRoutes, { prefix: '/invitations' });
  await app.register(networkRoutes, { prefix: '/network' });
  await app.register(districtRoutes, { prefix: '/districts' });
  await app.register(adminRoutes, { prefix: '/admin' });
  await app.register(notificationRoutes, { prefix: '/notifications' });
  await app.register(searchRoutes, { prefix: '/search' });
  await app.register(flagRoutes, { prefix: '/flags' });
  await app.register(peopleRoutes, { prefix: '/people' });
  await app.register(interactionRoutes, { prefix: '/interactions' });
  await app.register(opportunityRoutes, { prefix: '/opportunities' });
  await app.register(shiftRoutes, { prefix: '/shifts' });
  await app.register(hoursRoutes, { prefix: '/hours' });
  await app.register(playbookRoutes, { prefix: '/playbook' });
  await app.register(circleRoutes, { prefix: '/circles' });
}
