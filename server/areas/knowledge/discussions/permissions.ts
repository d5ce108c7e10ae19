import type { Case } from '../../../../test/integration/access/cases.ts';

/** Discussions: threads by theme and district, replies, quotes, @mentions, following, solutions, first-post review — its section of the access table (joined in ../permissions.ts). */
export const discussionsPermissions: Record<string, Case | Case[]> = {};
