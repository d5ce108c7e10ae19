import type { Case } from '../../../../test/integration/access/cases.ts';

/** Surveys: questions of the usual types, anonymous or named, results with the small-cell rule: its section of the access table (joined in ../permissions.ts). */
export const surveysPermissions: Record<string, Case | Case[]> = {};
