import type { Case } from '../../../../test/integration/access/cases.ts';

/** News: each organisation's blog with comments, subscriptions and RSS/Atom feeds — its section of the access table (joined in ../permissions.ts). */
export const newsPermissions: Record<string, Case | Case[]> = {};
