/**
 * Following and digests: what a person follows, the daily or weekly email of what is new there,
 * one-click unsubscribe.
 */
import type { AreaPart } from '../../parts.ts';
import { runDigests } from './commands/sendDigest.ts';
import { digestRoutes } from './routes/digest/index.ts';
import { followRoutes } from './routes/follows/index.ts';
import { seedDigests } from './seed.ts';
import { digestSuggestions } from './today.ts';

/** The job kind of the digest run. */
export const digestJob = 'knowledge.digests';

export const digestsPart: AreaPart = {
  routes: [
    { prefix: '/follows', plugin: followRoutes },
    { prefix: '/digest', plugin: digestRoutes },
  ],
  seed: seedDigests,
  suggestions: digestSuggestions,
  recurring: (config) => ({
    [digestJob]: {
      everyMinutes: 30,
      run: async (db, { networkId }) => {
        await runDigests(db, networkId, config);
      },
    },
  }),
};
