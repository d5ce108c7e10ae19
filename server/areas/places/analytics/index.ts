/**
 * Network analytics: the organisation graph of the interaction record, measured into snapshots by a
 * background job (a worker thread computes; commands/snapshot.ts), read by the coordinators' page,
 * and one's own network for everyone signed in. Privacy rules: repositories/graphData.ts and
 * privacy.ts; who sees what: policies/analytics.ts.
 */
import type { AreaPart } from '../../parts.ts';
import { snapshotJob, snapshotNowJob, takeSnapshot } from './commands/snapshot.ts';
import { meRoutes } from './routes/me/index.ts';
import { networkRoutes } from './routes/network/index.ts';
import { seedAnalytics } from './seed.ts';

export const analyticsPart: AreaPart = {
  routes: [
    { prefix: '/places/analytics', plugin: networkRoutes },
    { prefix: '/places/analytics', plugin: meRoutes },
  ],
  jobs: () => ({
    [snapshotNowJob]: async (db, { networkId }) => {
      await takeSnapshot(db, networkId);
    },
  }),
  /** nightly: a fresh snapshot (the first one soon after the server starts) */
  recurring: () => ({
    [snapshotJob]: {
      everyMinutes: 24 * 60,
      run: async (db, { networkId }) => {
        await takeSnapshot(db, networkId);
      },
    },
  }),
  seed: seedAnalytics,
};
