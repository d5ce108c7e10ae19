import fs from 'node:fs';
import readline from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import type { Kysely } from 'kysely';
import type { Host } from '../db/connect.ts';
import { dumpLines, type LoadResult, parseHeader, restoreInto, TransferError } from './transfer.ts';

/**
 * Backup files: the copy of transfer.ts as gzipped JSON lines. Written beside the final name and
 * renamed at the end, so a failed backup never looks like a complete one.
 */
export async function writeBackup<T>(db: Kysely<T>, host: Host, file: string) {
  const stats = { tables: 0, rows: 0 };
  const partial = `${file}.partial`;
  async function* withNewlines() {
    for await (const line of dumpLines(db, host, stats)) yield `${line}\n`;
  }
  try {
    await pipeline(Readable.from(withNewlines()), createGzip(), fs.createWriteStream(partial));
    fs.renameSync(partial, file);
  } catch (err) {
    fs.rmSync(partial, { force: true });
    throw err;
  }
  return { ...stats, bytes: fs.statSync(file).size };
}

/** The lines of a gzipped backup; a file that is not gzip fails with a clear message. */
export async function* backupLines(file: string): AsyncGenerator<string> {
  const input = fs.createReadStream(file).pipe(createGunzip());
  const rl = readline.createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  try {
    for await (const line of rl) if (line !== '') yield line;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR')
      throw new TransferError(`${file} is not a Knotenpunkt backup (not a gzip file, or damaged).`);
    throw err;
  } finally {
    rl.close();
    input.destroy();
  }
}

/** Reads only the header of a backup file. */
export async function readBackupHeader(file: string) {
  const lines = backupLines(file);
  try {
    const first = await lines.next();
    return parseHeader(first.done ? undefined : first.value, file);
  } finally {
    await lines.return(undefined);
  }
}

/** Restores a backup file into `db` (see restoreInto); the caller has checked the target. */
export async function restoreBackup<T>(
  db: Kysely<T>,
  file: string,
  opts: { wipe: boolean },
): Promise<LoadResult & { migrated: string[]; createdAt: string; migrations: string[] }> {
  const lines = backupLines(file);
  try {
    const first = await lines.next();
    const header = parseHeader(first.done ? undefined : first.value, file);
    const result = await restoreInto(db, header, lines, { wipe: opts.wipe, what: file });
    return { ...result, createdAt: header.createdAt, migrations: header.migrations };
  } finally {
    await lines.return(undefined);
  }
}
