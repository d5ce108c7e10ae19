import type { Case } from '../../../../test/integration/access/cases.ts';

/** Dossiers: evidence bundled for a political body, sent, tracked and answered — its section of the access table (joined in ../permissions.ts). */
export const dossiersPermissions: Record<string, Case | Case[]> = {};
