/**
 * What the wiki's API answers, derived from the server's response schemas
 * (server/areas/knowledge/wiki/routes/pages/schema.ts). Type-only imports: nothing reaches the bundle.
 */
import type { Static } from '@fastify/type-provider-typebox';
import type {
  AttachmentView,
  ConflictView,
  DiffView,
  PageList,
  PageListItem,
  PageView,
  RevisionList,
  Visibility,
} from '../../../../../server/areas/knowledge/wiki/routes/pages/schema.ts';

export type WikiPage = Static<typeof PageView>;
export type WikiPageList = Static<typeof PageList>;
export type WikiListItem = Static<typeof PageListItem>;
export type WikiRevisionList = Static<typeof RevisionList>;
export type WikiRevisionSummary = WikiRevisionList['items'][number];
export type WikiDiff = Static<typeof DiffView>;
export type WikiAttachment = Static<typeof AttachmentView>;
export type WikiConflict = Static<typeof ConflictView>;
export type WikiVisibility = Static<typeof Visibility>;

export const visibilities = ['public', 'signed_in', 'members'] as const satisfies readonly WikiVisibility[];
