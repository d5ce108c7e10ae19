import type { Case } from '../../../../test/integration/access/cases.ts';

/** Votes: dot voting with a budget of dots per person, and ranking: its section of the access table (joined in ../permissions.ts). */
export const votesPermissions: Record<string, Case | Case[]> = {};
