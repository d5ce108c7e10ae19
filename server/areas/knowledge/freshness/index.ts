/** Freshness: the owner and review interval of wiki pages and map reports, "still correct?" reminders, readers' "out of date" notes, the coordinator's list of stale content. */
import type { AreaPart } from '../../parts.ts';
import { remindDue, remindDueJob } from './commands/remindDue.ts';
import { freshnessRoutes } from './routes/freshness/index.ts';
import { seedFreshness } from './seed.ts';
import { freshnessToday } from './today.ts';

export const freshnessPart: AreaPart = {
  routes: [{ prefix: '/freshness', plugin: freshnessRoutes }],
  // "Noch aktuell?" to each owner whose check is due, once per due period (commands/remindDue.ts)
  recurring: () => ({
    [remindDueJob]: {
      everyMinutes: 60,
      run: async (db, job) => {
        await remindDue(db, job.networkId);
      },
    },
  }),
  seed: seedFreshness,
  today: freshnessToday,
};
