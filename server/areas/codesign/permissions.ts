import type { Case } from '../../../test/integration/access/cases.ts';
import { accountabilityPermissions } from './accountability/permissions.ts';
import { commitmentsPermissions } from './commitments/permissions.ts';
import { consensusPermissions } from './consensus/permissions.ts';
import { ideasPermissions } from './ideas/permissions.ts';
import { offlinePermissions } from './offline/permissions.ts';
import { projectsPermissions } from './projects/permissions.ts';
import { surveysPermissions } from './surveys/permissions.ts';
import { votesPermissions } from './votes/permissions.ts';

/**
 * Mitgestalten: its section of the access table (who may call each of the area's routes, and for
 * whom its private things do not exist), joined from its parts. test/integration/access/permissions.ts
 * joins the areas; matrix.test.ts checks every route of the API against them.
 */
export const codesignPermissions: Record<string, Case | Case[]> = {
  ...projectsPermissions,
  ...ideasPermissions,
  ...consensusPermissions,
  ...votesPermissions,
  ...surveysPermissions,
  ...offlinePermissions,
  ...commitmentsPermissions,
  ...accountabilityPermissions,
};
