import type { Case } from '../../../../test/integration/access/cases.ts';

/** Projects: co-design projects, their organisations, phases, tools, participants and timeline: its section of the access table (joined in ../permissions.ts). */
export const projectsPermissions: Record<string, Case | Case[]> = {};
