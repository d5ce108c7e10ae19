import { type AppDeps, buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './db/connect.ts';
import { DataDirLockedError, lockDataDir } from './db/lock.ts';
import { migrateAtStart } from './db/roles.ts';
import { listenForWrites } from './db/writeWatch.ts';
import { jobHandlers, schedulePrune, scheduleRecurring } from './platform/job-handlers.ts';
import { startWorker } from './platform/jobs.ts';
import { ensureNetwork } from './platform/network.ts';
import { seedDemoTown } from './seed/demo.ts';

/** `npm start`: lock, migrate, seed on first start, serve, and shut down cleanly on SIGTERM/SIGINT. */
async function main() {
  const started = Date.now();
  const config = loadConfig();
  const lock = config.databaseUrl ? null : lockDataDir(config.dataDir);
  const database = await openDatabase(config);
  await migrateAtStart(database.db, config.databaseOwnerUrl);
  const { network, created } = await ensureNetwork(database.db, {
    slug: process.env.NETWORK_SLUG ?? (config.seed === 'demo' ? 'lindenbrueck' : 'knotenpunkt'),
    name: process.env.NETWORK_NAME ?? (config.seed === 'demo' ? 'Lindenbrück vernetzt' : 'Knotenpunkt'),
  });
  let demo: Awaited<ReturnType<typeof seedDemoTown>> | null = null;
  if (created && config.seed === 'demo') demo = await seedDemoTown(database.db, network.id);

  const deps: AppDeps = { db: database, config, network };
  const app = await buildApp(deps);
  // sessions, sign-in failures and one-time tokens are forgotten daily (the job schedules its next run)
  if (config.runJobs) await schedulePrune(database.db, network.id);
  // and every area's recurring work (reminders, digests), a minute after the start
  if (config.runJobs) await scheduleRecurring(database.db, network.id, config, new Date(Date.now() + 60_000));
  const stopWorker = config.runJobs
    ? startWorker(database.db, jobHandlers(config), {
        intervalMs: config.jobPollMs,
        lockSeconds: config.jobLockSeconds,
        onError: (err) => app.log.error({ err }, 'job worker'),
      })
    : async () => undefined;
  // several app servers on one PostgreSQL: hear of the writes the others commit (db/writeWatch.ts)
  const writes = config.databaseUrl
    ? listenForWrites(config.databaseUrl, (err) => app.log.warn({ err }, 'listening for writes'))
    : null;

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    try {
      // stop accepting and finish in-flight requests, while the worker gives back the jobs it
      // claimed but has not started and finishes the one it runs
      await Promise.all([app.close(), stopWorker()]);
      await writes?.stop();
      await database.close(); // CHECKPOINT on PGlite
    } finally {
      lock?.release();
    }
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await writes?.ready;
  await app.listen({ port: config.port, host: config.host });
  const url = config.publicUrl;
  const lines = [
    '',
    `  Knotenpunkt is running: ${url}`,
    `  Database: ${database.host === 'pglite' ? `embedded (PGlite) in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)'}`,
    `  Started in ${((Date.now() - started) / 1000).toFixed(1)} s. API docs: ${url}/api/docs`,
  ];
  const sampleLogins =
    demo?.logins ?? (config.seed === 'demo' ? (await import('./seed/demo.ts')).demoLogins : []);
  if (sampleLogins.length > 0) {
    lines.push('', `  Demo sign-ins (password for all: ${(await import('./seed/demo.ts')).demoPassword}):`);
    const width = Math.max(...sampleLogins.map((l) => l.email.length)) + 2;
    for (const l of sampleLogins) lines.push(`    ${l.email.padEnd(width)} ${l.role}`);
  }
  const hasAdmin = await database.db
    .selectFrom('account')
    .select('id')
    .where('network_id', '=', network.id)
    .where('is_instance_admin', '=', true)
    .executeTakeFirst();
  if (!hasAdmin) {
    const env = database.host === 'pglite' ? 'stop the server (Ctrl+C), then run' : 'run';
    lines.push(
      '',
      `  No administrator yet. To create the first one, ${env}:`,
      '    npm run admin -- create you@example.org "Your Name"',
      '  It prints a one-time sign-in link.',
    );
  }
  lines.push('');
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((err) => {
  if (err instanceof DataDirLockedError || err instanceof ConfigError) {
    process.stderr.write(`\nKnotenpunkt cannot start: ${err.message}\n\n`);
    process.exit(2);
  }
  process.stderr.write(
    `\nKnotenpunkt failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
