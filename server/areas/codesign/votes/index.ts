/** Votes: dot voting with a budget of dots per person, and ranking. */
import type { AreaPart } from '../../parts.ts';
import { votesRoutes } from './routes/votes/index.ts';
import { seedVotes } from './seed.ts';

export const votesPart: AreaPart = {
  routes: [{ prefix: '/codesign/votes', plugin: votesRoutes }],
  seed: seedVotes,
};
