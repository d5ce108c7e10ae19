import type { Case } from '../../../../test/integration/access/cases.ts';

/** Accountability: who is affected vs who took part, the outcome, the review, the method library: its section of the access table (joined in ../permissions.ts). */
export const accountabilityPermissions: Record<string, Case | Case[]> = {};
