/** Votes: dot voting with a budget of dots per person, and ranking. */
import type { AreaPart } from '../../parts.ts';

export const votesPart: AreaPart = {
  routes: [],
};
