/**
 * What the news API answers, derived from the server's response schemas
 * (server/areas/knowledge/news/routes/posts/schema.ts). Type-only imports: nothing reaches the bundle.
 */
import type { Static } from '@fastify/type-provider-typebox';
import type {
  CommentView,
  PostSummary as PostSummaryView,
  PostView,
  RemotePostList as RemotePostListView,
} from '../../../../../server/areas/knowledge/news/routes/posts/schema.ts';

export type PostSummary = Static<typeof PostSummaryView>;
export type Post = Static<typeof PostView>;
export type Comment = Static<typeof CommentView>;
export type RemotePostList = Static<typeof RemotePostListView>;
export type Visibility = Post['visibility'];
export const visibilities: readonly Visibility[] = ['public', 'signed_in', 'members'];
