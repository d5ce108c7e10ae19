import { execFile } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { promisify } from 'node:util';
import { analyticsFigures } from './figures/analytics.ts';
import { baseline } from './figures/baseline.ts';
import { serverFigures } from './figures/server.ts';
import { coldStarts } from './figures/startup.ts';
import { loadTheTown } from './figures/town.ts';
import { args, host, log, root, wanted } from './runner/options.ts';
import { emit } from './runner/output.ts';
import { pgbenchBaseline } from './runner/pgbench.ts';
import { cleanupAll } from './runner/scratch.ts';

/**
 * `npm run bench -- --size S|M|L [--db pglite|postgres] [--duration 10] [--connections 16]
 *   [--seed 1] [--build-web] [--only timebank,pgbench] [--cpu-prof dir] [--resources 100000] [--keep]`
 *
 * `--only` keeps the figures whose names contain one of the given parts (the baselines they are
 * compared with must be named too), for a quick rerun of what an optimisation touched.
 * Prints one JSON line per figure on stdout: {"name","value","unit","baseline","ratio", …};
 * progress goes to stderr. Every baseline is measured in the same run on the same machine: a bare
 * Fastify hello-world for the HTTP reads, pgbench TPC-B right before each write. Everything it starts listens
 * on 127.0.0.1 and is stopped at the end; scratch databases are dropped (unless `--keep`) and temp dirs removed.
 *
 * The helpers (command line, JSON output, scratch resources, processes, load generation, pgbench)
 * are in bench/runner/, each measured figure in bench/figures/.
 */

const execFileP = promisify(execFile);

async function main() {
  const t0 = performance.now();
  emit('machine.cpus', cpus().length, 'cores', null, {
    memory_gb: Number((totalmem() / 2 ** 30).toFixed(1)),
    node: process.version,
    cpu: cpus()[0]?.model,
    load_average_1m: loadavg()[0],
  });
  // the network measures need no town: `--only analytics` runs them alone, without loading one
  // (the snapshot's figures, `--only analytics_snapshot`, are taken on the town)
  if (wanted('analytics.')) await analyticsFigures();
  const analyticsOnly =
    args.only
      ?.split(',')
      .filter(Boolean)
      .every((part) => part === 'analytics' || part.startsWith('analytics.')) ?? false;
  if (!analyticsOnly) await townFigures();
  emit('machine.load_average_end', loadavg()[0] ?? null, '1-min load', null, {
    note: 'other processes on the machine: load above the core count means the figures are contended',
  });
  log(`done in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}

/** Everything measured on the loaded town: the app server's reads and writes, the web client, cold starts. */
async function townFigures() {
  const town = await loadTheTown();
  const base = await baseline();
  const tpcb = host === 'postgres' && wanted('pgbench') ? await pgbenchBaseline() : null;
  if (args['build-web']) {
    log('building the web client if needed …');
    await execFileP(process.execPath, ['scripts/build-web-if-needed.ts'], { cwd: root, timeout: 300_000 });
  }
  const web = await serverFigures(town, base, tpcb);
  if (!wanted('web.')) {
    // not asked for
  } else if (web) {
    emit('web.initial_js_gzip', web.gzKb, 'KB', null, { target: 200, files: web.files });
    emit('web.time_to_interactive', web.tti === null ? null : web.tti / 1000, 's', null, {
      target: 2,
      measured: 'navigation start → first h1 visible, median of 3 cold loads after 1 warm-up',
      ...(web.ttiError ? { error: web.ttiError } : {}),
    });
  } else {
    emit('web.initial_js_gzip', null, 'KB', null, {
      target: 200,
      skipped: 'web/dist missing (npm run build, or --build-web)',
    });
  }
  if (wanted('startup.')) await coldStarts();
}

try {
  await main();
} catch (err) {
  log(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exitCode = 1;
} finally {
  await cleanupAll();
}
