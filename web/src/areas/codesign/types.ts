import type { Static } from '@fastify/type-provider-typebox';
import type { ContributorView, ToolHeader } from '../../../../server/areas/codesign/projects/present.ts';
import type { CodesignChannel, CodesignPhaseKind, CodesignToolKind } from '../../../../server/db/schema.ts';

/** Mitgestalten's shapes every part's pages share, derived from the server's schemas. */
export type { CodesignChannel, CodesignPhaseKind, CodesignToolKind };
export type ToolHeaderView = Static<typeof ToolHeader>;
export type Contributor = Static<typeof ContributorView>;
