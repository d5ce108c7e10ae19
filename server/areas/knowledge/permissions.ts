import type { Case } from '../../../test/integration/access/cases.ts';
import { digestsPermissions } from './digests/permissions.ts';
import { discussionsPermissions } from './discussions/permissions.ts';
import { dossiersPermissions } from './dossiers/permissions.ts';
import { freshnessPermissions } from './freshness/permissions.ts';
import { newsPermissions } from './news/permissions.ts';
import { reportsPermissions } from './reports/permissions.ts';
import { wikiPermissions } from './wiki/permissions.ts';

/**
 * Wissen: its section of the access table — who may call each of the area's routes, and for whom its
 * private things do not exist — joined from its parts. test/integration/access/permissions.ts joins
 * the areas; matrix.test.ts checks every route of the API against them.
 */
export const knowledgePermissions: Record<string, Case | Case[]> = {
  ...wikiPermissions,
  ...freshnessPermissions,
  ...newsPermissions,
  ...discussionsPermissions,
  ...reportsPermissions,
  ...dossiersPermissions,
  ...digestsPermissions,
};
