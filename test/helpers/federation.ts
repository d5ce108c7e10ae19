import { createServer } from 'node:net';
import { jobHandlers } from '../../server/platform/job-handlers.ts';
import { runDueJobs } from '../../server/platform/jobs.ts';
import { createTestApp, type TestApp } from './app.ts';

/** A port free on loopback right now (the server listens on it a moment later). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface FederatedInstance extends TestApp {
  origin: string;
  /** Runs this instance's due jobs (deliveries, publishing) until none is left; how many ran. */
  drain(): Promise<number>;
}

/**
 * A Knotenpunkt instance listening on a loopback port of its own, with its own database and
 * federation on. `allowLoopback` is the test-only switch that lets it fetch from loopback (the
 * other instance); without it, it behaves as in production and refuses private addresses.
 */
export async function federatedInstance(o: { allowLoopback: boolean }): Promise<FederatedInstance> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const t = await createTestApp({
    FEDERATION: '1',
    FEDERATION_ALLOW_PRIVATE_ADDRESS: o.allowLoopback ? '1' : '0',
    PUBLIC_URL: origin,
  });
  await t.app.listen({ port, host: '127.0.0.1' });
  const handlers = jobHandlers(t.app.deps.config);
  return {
    ...t,
    origin,
    async drain() {
      let total = 0;
      for (;;) {
        const n = await runDueJobs(t.db, handlers, 50);
        if (n === 0) return total;
        total += n;
      }
    },
  };
}

/** Runs both instances' jobs until neither has anything left (a Follow, then its Accept, …). */
export async function settle(...instances: FederatedInstance[]): Promise<void> {
  for (let round = 0; round < 20; round++) {
    let ran = 0;
    for (const i of instances) ran += await i.drain();
    if (ran === 0) return;
  }
  throw new Error('the instances kept sending for 20 rounds');
}
