import { migrateDown, migrateToLatest } from '../db/migrate.ts';
import { CliError, grantAppRoleOf, openConfigured, parseArgs, runCli, say } from './common.ts';
import { appliedMigrations } from './transfer.ts';

/** `npm run migrate` (up to latest) and `npm run migrate -- down` (one step back). */
runCli('migrate', async (args) => {
  const { positional } = parseArgs(args, []);
  const direction = positional[0] ?? 'up';
  if (positional.length > 1 || (direction !== 'up' && direction !== 'down'))
    throw new CliError('Usage: npm run migrate [-- up | down]');
  const target = await openConfigured({ mustExist: direction === 'down' });
  try {
    const steps =
      direction === 'up' ? await migrateToLatest(target.database.db) : await migrateDown(target.database.db);
    await grantAppRoleOf(target);
    say(`Database: ${target.where}`);
    if (steps.length === 0) say(direction === 'up' ? 'Already up to date.' : 'No migration to undo.');
    for (const s of steps) say(`  ${s}`);
    say(`Applied migrations now: ${(await appliedMigrations(target.database.db)).length}`);
  } finally {
    await target.close();
  }
});
