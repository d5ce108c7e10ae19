/**
 * What the discussions API answers, derived from the server's schemas
 * (server/areas/knowledge/discussions/routes/discussions/schema.ts). Type-only imports.
 */
import type { Static } from '@fastify/type-provider-typebox';
import type {
  MentionList,
  PostView,
  ReviewItem,
  ThreadView,
} from '../../../../../server/areas/knowledge/discussions/routes/discussions/schema.ts';

export type Thread = Static<typeof ThreadView>;
export type Post = Static<typeof PostView>;
export type ReviewPost = Static<typeof ReviewItem>;
export type Mentionable = Static<typeof MentionList>['items'][number];
export type Theme = Thread['theme'];

/** The themes in the order the filters offer them (server/db/schema.ts `discussionThemes`). */
export const themes = [
  'everyday',
  'family',
  'age',
  'health',
  'mobility',
  'housing',
  'environment',
  'culture',
  'youth',
  'work',
  'other',
] as const satisfies readonly Theme[];
