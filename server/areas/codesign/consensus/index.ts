/** Consensus: proposals decided by agree / abstain / disagree / block, outcomes and review dates. */
import type { AreaPart } from '../../parts.ts';
import { remindReviews, remindReviewsJob } from './commands/remindReviews.ts';
import { consensusRoutes } from './routes/index.ts';
import { seedConsensus } from './seed.ts';
import { consensusToday } from './today.ts';

export const consensusPart: AreaPart = {
  routes: [{ prefix: '/codesign/consensus', plugin: consensusRoutes }],
  // "Hat es funktioniert?" to the group on a decision's review date, once (commands/remindReviews.ts)
  recurring: () => ({
    [remindReviewsJob]: {
      everyMinutes: 60,
      run: async (db, job) => {
        await remindReviews(db, job.networkId);
      },
    },
  }),
  seed: seedConsensus,
  today: consensusToday,
};
