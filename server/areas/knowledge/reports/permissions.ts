import type { Case } from '../../../../test/integration/access/cases.ts';

/** The neighbourhood knowledge map (Bürgerwissen): reports and notes on a place, their status, "me too", GeoJSON — its section of the access table (joined in ../permissions.ts). */
export const reportsPermissions: Record<string, Case | Case[]> = {};
