/** Freshness: the owner and review interval of wiki pages and map reports, "still correct?" reminders, readers' "out of date" notes, the coordinator's list of stale content. */
import type { KnowledgePart } from '../part.ts';

export const freshnessPart: KnowledgePart = {
  routes: [],
};
