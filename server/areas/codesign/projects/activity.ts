import type { AreaManifest } from '../../manifest.ts';
import { activeProjectCount } from './repositories/projects.ts';

/**
 * Mitgestalten's figure for the front page: the public projects running now (the organisations'
 * public act, resting on nobody: `people` 0).
 */
export const projectsActivity: NonNullable<AreaManifest['activity']> = async (db, networkId) => [
  { key: 'codesignProjects', value: await activeProjectCount(db, networkId), people: 0 },
];
