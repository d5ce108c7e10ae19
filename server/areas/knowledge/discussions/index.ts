/** Discussions: threads by theme and district, replies, quotes, @mentions, following, solutions, first-post review. */
import type { KnowledgePart } from '../part.ts';

export const discussionsPart: KnowledgePart = {
  routes: [],
};
