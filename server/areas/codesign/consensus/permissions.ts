import type { Case } from '../../../../test/integration/access/cases.ts';

/** Consensus: proposals decided by agree / abstain / disagree / block, outcomes and review dates: its section of the access table (joined in ../permissions.ts). */
export const consensusPermissions: Record<string, Case | Case[]> = {};
