/**
 * Bridges worth building: suggestions of introductions between organisations (and communities) that
 * are far apart in the interaction graph but could help each other — with the reason, yes or "not now"
 * from both sides, the introduction, and a follow-up that measures the suggestions' hit rate.
 */
import type { AreaPart } from '../../parts.ts';
import { followUpIntroductions, followUpJob } from './commands/followUp.ts';
import { generateJob, generateSuggestions } from './commands/generateSuggestions.ts';
import { suggestionRoutes } from './routes/suggestions/index.ts';
import { seedBridges } from './seed.ts';
import { bridgesToday } from './today.ts';

export const bridgesPart: AreaPart = {
  routes: [{ prefix: '/places/bridges', plugin: suggestionRoutes }],
  recurring: () => ({
    /** the suggestions, from the network as it is now (commands/generateSuggestions.ts) */
    [generateJob]: {
      everyMinutes: 24 * 60,
      run: async (db, job) => {
        await generateSuggestions(db, job.networkId);
      },
    },
    /** did an introduction lead to an interaction? (commands/followUp.ts) */
    [followUpJob]: {
      everyMinutes: 6 * 60,
      run: async (db, job) => {
        await followUpIntroductions(db, job.networkId);
      },
    },
  }),
  seed: seedBridges,
  today: bridgesToday,
};
