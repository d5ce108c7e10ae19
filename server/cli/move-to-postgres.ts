import { loadConfig } from '../config.ts';
import { openPglite } from '../db/connect.ts';
import { lockDataDir } from '../db/lock.ts';
import {
  CliError,
  connectPostgres,
  hasEmbeddedDatabase,
  parseArgs,
  redactUrl,
  runCli,
  say,
} from './common.ts';
import { countRows, dumpLines, listTables, nonEmptyTables, parseHeader, restoreInto } from './transfer.ts';

/**
 * `npm run move-to-postgres -- postgres://user:password@host/db`: copies the embedded database
 * (DATA_DIR) into an empty PostgreSQL database with the same row copy as backup/restore, checks
 * that every table holds the same number of rows on both sides, and says what to set next.
 * The embedded data stays untouched, so going back is just not setting DATABASE_URL.
 */
runCli('move-to-postgres', async (args) => {
  const { positional } = parseArgs(args, []);
  const url = positional[0];
  if (!url || positional.length > 1)
    throw new CliError('Usage: npm run move-to-postgres -- postgres://USER:PASSWORD@HOST:5432/DATABASE');
  if (!/^postgres(ql)?:\/\//.test(url))
    throw new CliError(`"${redactUrl(url)}" is not a PostgreSQL URL (it must start with postgres://).`);
  const config = loadConfig({ ...process.env, DATABASE_URL: '' });
  if (!hasEmbeddedDatabase(config.dataDir))
    throw new CliError(`There is no embedded Knotenpunkt database in ${config.dataDir}. Set DATA_DIR to it.`);

  const lock = lockDataDir(config.dataDir);
  try {
    const target = await connectPostgres(url);
    try {
      const existing = await nonEmptyTables(target.db);
      if (existing.size > 0)
        throw new CliError(
          `The PostgreSQL database ${redactUrl(url)} is not empty (${[...existing.keys()].slice(0, 5).join(', ')}…). ` +
            'Create a new, empty database for Knotenpunkt (createdb knotenpunkt) and try again.',
        );
      const source = await openPglite(config.dataDir);
      try {
        const lines = dumpLines(source.db, 'pglite');
        const first = await lines.next();
        const header = parseHeader(first.done ? undefined : first.value, config.dataDir);
        const result = await restoreInto(target.db, header, lines, {
          wipe: false,
          what: `the embedded database in ${config.dataDir}`,
        });
        await lines.return(undefined);

        // Verify from both databases, not from what the copy announced.
        const sourceCounts = await countRows(source.db, await listTables(source.db));
        const targetCounts = await countRows(target.db, await listTables(target.db));
        const mismatched = [...sourceCounts].filter(([t, n]) => targetCounts.get(t) !== n);
        if (mismatched.length > 0)
          throw new CliError(
            `Row counts differ after the copy: ${mismatched.map(([t, n]) => `${t} ${n} → ${targetCounts.get(t) ?? 'missing'}`).join(', ')}. ` +
              'Keep using the embedded database and report this.',
          );
        const total = [...result.rows.values()].reduce((a, b) => a + b, 0);
        say(
          `Copied ${total} rows in ${result.rows.size} tables from ${config.dataDir} to ${redactUrl(url)}.`,
        );
        say('Row counts match in every table:');
        for (const [t, n] of sourceCounts) if (n > 0) say(`  ${t.padEnd(28)} ${n}`);
        say('');
        say('Next: stop using the embedded database by starting Knotenpunkt with');
        say(`  DATABASE_URL=${redactUrl(url)}`);
        say('(with your real password). The data directory is left as it was; keep it as a fallback.');
      } finally {
        await source.close();
      }
    } finally {
      await target.close();
    }
  } finally {
    lock.release();
  }
});
