/** Accountability: who is affected vs who took part, the outcome, the review, the method library. */
import type { AreaPart } from '../../parts.ts';
import { remindDueReviews, remindReviewsJob } from './commands/accountability.ts';
import { accountabilityRoutes } from './routes/accountability/index.ts';
import { seedAccountability } from './seed.ts';
import { accountabilityToday } from './today.ts';

export const accountabilityPart: AreaPart = {
  routes: [{ prefix: '/codesign', plugin: accountabilityRoutes }],
  // "Zeit für den Rückblick" on each project's review date, once (commands/accountability.ts)
  recurring: () => ({
    [remindReviewsJob]: {
      everyMinutes: 60,
      run: async (db, job) => {
        await remindDueReviews(db, job.networkId);
      },
    },
  }),
  seed: seedAccountability,
  today: accountabilityToday,
};
