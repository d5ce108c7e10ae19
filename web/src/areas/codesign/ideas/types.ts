/**
 * What the ideas API answers, derived from the server's response schemas
 * (server/areas/codesign/ideas/routes/schema.ts). Type-only imports: nothing reaches the bundle.
 */
import type { Static } from '@fastify/type-provider-typebox';
import type {
  CommentView,
  IdeaDetail as IdeaDetailView,
  IdeaList as IdeaListView,
  IdeaSummary as IdeaSummaryView,
  PointView,
} from '../../../../../server/areas/codesign/ideas/routes/schema.ts';

export type IdeaList = Static<typeof IdeaListView>;
export type IdeaSummary = Static<typeof IdeaSummaryView>;
export type IdeaDetail = Static<typeof IdeaDetailView>;
export type Point = Static<typeof PointView>;
export type IdeaComment = Static<typeof CommentView>;
export type IdeaSort = 'newest' | 'points';
