import fs from 'node:fs';
import path from 'node:path';
import { type Config, ConfigError, loadConfig } from '../config.ts';
import { type Database, openPglite, openPostgres } from '../db/connect.ts';
import { DataDirLockedError, lockDataDir } from '../db/lock.ts';
import { currentRole, grantAppRole } from '../db/roles.ts';
import { TransferError } from './transfer.ts';

/** An error the user can fix; its message is printed as is and the process exits with `exitCode`. */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}

export function say(line = ''): void {
  process.stdout.write(`${line}\n`);
}

/**
 * Runs a command: expected failures (missing argument, locked data directory, wrong input) print
 * one clear message and exit non-zero; anything else prints the stack and exits 1.
 */
export function runCli(name: string, main: (args: string[]) => Promise<void>): void {
  main(process.argv.slice(2)).then(
    () => {
      process.exitCode = 0;
    },
    (err: unknown) => {
      if (err instanceof CliError || err instanceof TransferError || err instanceof ConfigError) {
        process.stderr.write(`\n${name}: ${err.message}\n\n`);
        process.exitCode = err instanceof CliError ? err.exitCode : 1;
        return;
      }
      if (err instanceof DataDirLockedError) {
        process.stderr.write(`\n${name}: ${err.message}\n\n`);
        process.exitCode = 2;
        return;
      }
      process.stderr.write(
        `\n${name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
      );
      process.exitCode = 1;
    },
  );
}

/** Splits `--flags` from positional arguments and refuses flags the command does not know. */
export function parseArgs(args: string[], flags: string[]): { positional: string[]; flags: Set<string> } {
  const positional: string[] = [];
  const set = new Set<string>();
  for (const a of args) {
    if (a.startsWith('--')) {
      if (!flags.includes(a))
        throw new CliError(`Unknown option ${a}${flags.length ? ` (known: ${flags.join(', ')})` : ''}.`);
      set.add(a);
    } else positional.push(a);
  }
  return { positional, flags: set };
}

export function hasEmbeddedDatabase(dataDir: string): boolean {
  return fs.existsSync(path.join(dataDir, 'PG_VERSION'));
}

export interface OpenedDatabase {
  database: Database;
  config: Config;
  /** 'PostgreSQL (DATABASE_URL)' or 'embedded database in /path'. */
  where: string;
  close(): Promise<void>;
}

/**
 * Opens the database the server would use (DATABASE_URL, else PGlite in DATA_DIR). On PGlite it
 * first takes the data-directory lock, so a command never runs beside the server on the same files.
 */
export async function openConfigured(opts: { mustExist: boolean }): Promise<OpenedDatabase> {
  const config = loadConfig();
  if (config.databaseOwnerUrl) {
    // the commands change the schema (migrate, restore), switch triggers off while loading a copy
    // (restore), or read every table (backup): the owner's work, not the app role's
    const database = await connectPostgres(config.databaseOwnerUrl);
    return { database, config, where: 'PostgreSQL (DATABASE_OWNER_URL)', close: () => database.close() };
  }
  if (config.databaseUrl) {
    const database = await connectPostgres(config.databaseUrl);
    return { database, config, where: 'PostgreSQL (DATABASE_URL)', close: () => database.close() };
  }
  if (opts.mustExist && !hasEmbeddedDatabase(config.dataDir))
    throw new CliError(
      `There is no Knotenpunkt database in ${config.dataDir}. Set DATA_DIR to the data directory (or DATABASE_URL for PostgreSQL).`,
    );
  const lock = lockDataDir(config.dataDir);
  try {
    const database = await openPglite(config.dataDir);
    return {
      database,
      config,
      where: `embedded database in ${config.dataDir}`,
      async close() {
        try {
          await database.close();
        } finally {
          lock.release();
        }
      },
    };
  } catch (err) {
    lock.release();
    throw err;
  }
}

/**
 * After a command changed the schema as the owner (migrate, restore): grants the app's role of
 * DATABASE_URL what it needs again, when it is another role (db/roles.ts). The server does the
 * same at every start.
 */
export async function grantAppRoleOf(opened: OpenedDatabase): Promise<void> {
  const { databaseOwnerUrl, databaseUrl } = opened.config;
  if (!databaseOwnerUrl || !databaseUrl) return;
  const app = await connectPostgres(databaseUrl);
  try {
    const [owner, role] = await Promise.all([currentRole(opened.database.db), currentRole(app.db)]);
    if (role !== owner) await grantAppRole(opened.database.db, role);
  } finally {
    await app.close();
  }
}

/** Connects and checks the connection at once, so a wrong URL fails with a clear message. */
export async function connectPostgres(url: string): Promise<Database> {
  const database = await openPostgres(url, 2);
  try {
    await database.db.selectNoFrom((eb) => eb.val(1).as('one')).execute();
  } catch (err) {
    await database.close().catch(() => undefined);
    throw new CliError(
      `Cannot connect to PostgreSQL at ${redactUrl(url)}: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  return database;
}

/** The URL with its password replaced, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(an invalid URL)';
  }
}
