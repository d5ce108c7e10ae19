import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type CrashReport, type Host, runCrashCycles } from './driver.ts';

/**
 * kill -9 in the middle of concurrent writes, then restart on the same data. CRASH_CYCLES sets the
 * number of kills per host (3 by default so CI stays fast; 100 or more by hand), CRASH_SEED the
 * seed that decides when to kill and what to write (printed, so a failure can be replayed):
 *
 *   CRASH_CYCLES=100 CRASH_SEED=42 npx node --test test/crash/crash.test.ts
 */
const cycles = Number(process.env.CRASH_CYCLES ?? 3);
const seed = Number(process.env.CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
if (!Number.isInteger(cycles) || cycles < 1) throw new Error(`CRASH_CYCLES must be ≥ 1, got ${cycles}`);
if (!Number.isInteger(seed)) throw new Error(`CRASH_SEED must be an integer, got ${process.env.CRASH_SEED}`);

function assertSurvived(r: CrashReport) {
  const replay = `replay with CRASH_SEED=${r.seed} CRASH_CYCLES=${r.cycles}`;
  assert.deepEqual(r.violations, [], `${r.host}: invariants broken after kill -9 (${replay})`);
  assert.deepEqual(r.unexpected, [], `${r.host}: unexpected answers (${replay})`);
  // the workload really wrote something each time, or the checks above prove nothing
  assert.ok(
    r.acknowledged.transfers >= r.cycles,
    `${r.host}: too few transfers ${JSON.stringify(r.acknowledged)}`,
  );
  assert.ok(
    r.acknowledged.bookings >= 1,
    `${r.host}: no booking acknowledged ${JSON.stringify(r.acknowledged)}`,
  );
  if (r.notCovered.length === 0)
    assert.ok(
      r.acknowledged.signups >= 1,
      `${r.host}: no shift sign-up acknowledged ${JSON.stringify(r.acknowledged)}`,
    );
}

for (const host of ['pglite', 'postgres'] as Host[]) {
  describe(`kill -9 during writes on ${host === 'pglite' ? 'the embedded database (PGlite)' : 'PostgreSQL'}`, () => {
    test(`${cycles} crash(es): no acknowledged transfer, booking or shift sign-up is lost, the ledger balances, no double booking, no overfull shift, clean restart`, async (t) => {
      const report = await runCrashCycles({
        host,
        cycles,
        seed,
        log: (line) => t.diagnostic(line),
      });
      t.diagnostic(
        `seed ${report.seed}: acknowledged ${JSON.stringify(report.acknowledged)}; not covered: ${report.notCovered.join('; ') || 'nothing'}`,
      );
      assertSurvived(report);
    });
  });
}
