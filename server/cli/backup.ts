import fs from 'node:fs';
import path from 'node:path';
import { writeBackup } from './backup-file.ts';
import { CliError, openConfigured, parseArgs, runCli, say } from './common.ts';
import { appliedMigrations } from './transfer.ts';

/**
 * `npm run backup -- FILE [--force]`: writes every row of the database (DATA_DIR or DATABASE_URL)
 * to a gzipped JSON-lines file, the same format for the embedded database and PostgreSQL. On
 * PostgreSQL it may run beside the server (one consistent snapshot); the embedded database must be
 * stopped first (its data directory is locked).
 */
runCli('backup', async (args) => {
  const { positional, flags } = parseArgs(args, ['--force']);
  const file = positional[0];
  if (!file || positional.length > 1)
    throw new CliError('Usage: npm run backup -- FILE [--force]   (for example backup-2026-11-25.jsonl.gz)');
  const target = path.resolve(file);
  if (fs.existsSync(target) && !flags.has('--force'))
    throw new CliError(`${target} already exists. Choose another name, or add --force to overwrite it.`);
  if (!fs.existsSync(path.dirname(target)))
    throw new CliError(`The folder ${path.dirname(target)} does not exist.`);

  const source = await openConfigured({ mustExist: true });
  try {
    if ((await appliedMigrations(source.database.db)).length === 0)
      throw new CliError(`The ${source.where} holds no Knotenpunkt data (it was never migrated).`);
    const stats = await writeBackup(source.database.db, source.database.host, target);
    say(`Backup of the ${source.where} written to ${target}`);
    say(`  ${stats.tables} tables, ${stats.rows} rows, ${Math.ceil(stats.bytes / 1024)} KiB.`);
    say(`  Restore with: npm run restore -- ${file}`);
  } finally {
    await source.close();
  }
});
