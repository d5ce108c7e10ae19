import { Worker } from 'node:worker_threads';
import type { SnapshotInput } from './compute.ts';
import type { RenderedSnapshot } from './snapshot.ts';

/**
 * Computes a snapshot in a worker thread, so the measures (betweenness alone is O(nodes · ties))
 * never hold up a request. The input's typed arrays are copied to the worker (structured clone);
 * the answer comes back as JSON text (renderSnapshot), which crosses without work on this thread.
 */
export function computeInWorker(input: SnapshotInput): Promise<RenderedSnapshot> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./worker.ts', import.meta.url), { workerData: input });
    let settled = false;
    worker.once('message', (m: { ok: true; snapshot: RenderedSnapshot } | { ok: false; error: string }) => {
      settled = true;
      if (m.ok) resolve(m.snapshot);
      else reject(new Error(`network analytics worker: ${m.error}`));
    });
    worker.once('error', (err) => {
      settled = true;
      reject(err);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`network analytics worker stopped (${code})`));
    });
  });
}
