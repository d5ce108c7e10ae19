import type { Case } from '../../../../test/integration/access/cases.ts';

/** Following and digests: what a person follows, the daily or weekly email of what is new there, one-click unsubscribe — its section of the access table (joined in ../permissions.ts). */
export const digestsPermissions: Record<string, Case | Case[]> = {};
