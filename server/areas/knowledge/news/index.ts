/** News: each organisation's blog with comments, subscriptions and RSS/Atom feeds. */
import type { KnowledgePart } from '../part.ts';

export const newsPart: KnowledgePart = {
  routes: [],
};
