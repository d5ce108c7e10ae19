import fs from 'node:fs';
import path from 'node:path';
import { readBackupHeader, restoreBackup } from './backup-file.ts';
import { CliError, grantAppRoleOf, openConfigured, parseArgs, runCli, say } from './common.ts';
import { nonEmptyTables } from './transfer.ts';

/**
 * `npm run restore -- FILE [--force]`: loads a backup into an empty database (DATA_DIR or
 * DATABASE_URL) in one transaction. `--force` replaces whatever the database holds.
 */
runCli('restore', async (args) => {
  const { positional, flags } = parseArgs(args, ['--force']);
  const file = positional[0];
  if (!file || positional.length > 1) throw new CliError('Usage: npm run restore -- FILE [--force]');
  const source = path.resolve(file);
  if (!fs.existsSync(source) || !fs.statSync(source).isFile())
    throw new CliError(`Backup file ${source} not found.`);
  const force = flags.has('--force');
  await readBackupHeader(source); // a wrong file fails before the database is touched

  const target = await openConfigured({ mustExist: false });
  try {
    const existing = await nonEmptyTables(target.database.db);
    if (existing.size > 0 && !force) {
      const rows = [...existing.values()].reduce((a, b) => a + b, 0);
      throw new CliError(
        `The ${target.where} is not empty (${rows} rows in ${existing.size} tables). ` +
          'Restore only goes into an empty database. To REPLACE all its data with the backup, add --force.',
      );
    }
    const result = await restoreBackup(target.database.db, source, { wipe: force });
    await grantAppRoleOf(target);
    const total = [...result.rows.values()].reduce((a, b) => a + b, 0);
    say(`Restored ${total} rows in ${result.rows.size} tables into the ${target.where}`);
    say(`  from the backup of ${result.createdAt} (${result.migrations.length} migrations).`);
    for (const m of result.migrated) say(`  then ${m}`);
    if (target.database.host === 'postgres' && force)
      say('  Restart every running Knotenpunkt server so it picks up the restored network.');
  } finally {
    await target.close();
  }
});
