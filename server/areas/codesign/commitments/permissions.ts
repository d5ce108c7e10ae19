import type { Case } from '../../../../test/integration/access/cases.ts';

/** Commitments: the agreed measures as named commitments (a room or a loan, shifts, time credits, a task), linked both ways: its section of the access table (joined in ../permissions.ts). */
export const commitmentsPermissions: Record<string, Case | Case[]> = {};
