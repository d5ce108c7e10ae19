import type { Case } from '../../../../test/integration/access/cases.ts';

/** Freshness: the owner and review interval of wiki pages and map reports, "still correct?" reminders, readers' "out of date" notes, the coordinator's list of stale content — its section of the access table (joined in ../permissions.ts). */
export const freshnessPermissions: Record<string, Case | Case[]> = {};
