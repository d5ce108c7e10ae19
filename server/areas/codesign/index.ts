/**
 * Mitgestalten: co-design of services with the people who use them — projects in phases,
 * contributions, dot voting, consensus proposals, commitments. Not built yet (issue "Mitgestalten");
 * it registers here.
 */
import type { AreaManifest } from '../manifest.ts';

export const codesignArea: AreaManifest = { id: 'codesign', routes: [] };
