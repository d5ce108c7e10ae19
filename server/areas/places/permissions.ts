import type { Case } from '../../../test/integration/access/cases.ts';
import { analyticsPermissions } from './analytics/permissions.ts';
import { bridgesPermissions } from './bridges/permissions.ts';
import { communitiesPermissions } from './communities/permissions.ts';
import { eventsPermissions } from './events/permissions.ts';
import { interactionsPermissions } from './interactions/permissions.ts';

/**
 * Räume & Brücken: its section of the access table (who may call each of the area's routes, and for
 * whom its private things do not exist), joined from its parts. test/integration/access/permissions.ts
 * joins the areas; matrix.test.ts checks every route of the API against them.
 */
export const placesPermissions: Record<string, Case | Case[]> = {
  ...interactionsPermissions,
  ...analyticsPermissions,
  ...communitiesPermissions,
  ...bridgesPermissions,
  ...eventsPermissions,
};
