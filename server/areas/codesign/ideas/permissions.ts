import type { Case } from '../../../../test/integration/access/cases.ts';

/** Ideas: ideas and proposals with comments and pro/contra points; merging duplicates: its section of the access table (joined in ../permissions.ts). */
export const ideasPermissions: Record<string, Case | Case[]> = {};
