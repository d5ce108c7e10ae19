/**
 * The worker thread that computes a snapshot (compute.ts) off the server's event loop: it gets the
 * aggregated input, answers with the snapshot or the error, and ends. Started by inWorker.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { computeSnapshot, type SnapshotInput } from './compute.ts';

try {
  parentPort?.postMessage({ ok: true, snapshot: computeSnapshot(workerData as SnapshotInput) });
} catch (err) {
  parentPort?.postMessage({
    ok: false,
    error: err instanceof Error ? (err.stack ?? err.message) : String(err),
  });
}
