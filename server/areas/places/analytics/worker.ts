/**
 * The worker thread that computes a snapshot (compute.ts) off the server's event loop: it gets the
 * aggregated input, answers with the snapshot as JSON text or the error, and ends. Started by inWorker.ts.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { computeSnapshot, renderSnapshot, type SnapshotInput } from './compute.ts';

lowestPriority();
try {
  parentPort?.postMessage({
    ok: true,
    snapshot: renderSnapshot(computeSnapshot(workerData as SnapshotInput)),
  });
} catch (err) {
  parentPort?.postMessage({
    ok: false,
    error: err instanceof Error ? (err.stack ?? err.message) : String(err),
  });
}

/**
 * This thread alone at the lowest priority (Linux: a thread has its own nice value), so on a busy
 * machine the server's requests get the cores first: at size M the measures take seconds of CPU,
 * and at equal priority the server's thread waited its turn behind them (/healthz answered in up
 * to 160 ms on the 2 shared cores). Where that cannot be done it runs as it is.
 */
function lowestPriority() {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, 19);
  } catch {
    // not Linux, or not allowed: equal priority
  }
}
