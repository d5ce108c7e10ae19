import type { Case } from '../../../../test/integration/access/cases.ts';

/** Offline: assisted participation with consent, taking contributions over, meeting records, paper kits and tallies: its section of the access table (joined in ../permissions.ts). */
export const offlinePermissions: Record<string, Case | Case[]> = {};
