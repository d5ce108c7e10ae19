import type { Case } from '../../../../test/integration/access/cases.ts';

/** Wiki: pages of the network and of each organisation, revisions with diff and restore, links and backlinks, attachments — its section of the access table (joined in ../permissions.ts). */
export const wikiPermissions: Record<string, Case | Case[]> = {};
