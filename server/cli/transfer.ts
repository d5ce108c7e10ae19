import { type Kysely, sql, type Transaction } from 'kysely';
import type { Host } from '../db/connect.ts';
import { knownMigrations, migrateTo, migrateToLatest } from '../db/migrate.ts';

/**
 * One portable copy format for both hosts, used by backup, restore and move-to-postgres.
 *
 * A copy is a sequence of JSON lines:
 *   1. a header  {"format":"knotenpunkt-backup","version":1,"createdAt",...,"migrations":[...]}
 *   2. per table {"table":"account","columns":[...],"rows":N} followed by exactly N row lines,
 *      each the `to_json` of one row (so jsonb, arrays, timestamps with offset, bytea as hex and
 *      bigint/numeric digits survive unchanged: the text is never parsed into JS numbers)
 *   3. a footer  {"end":true,"tables":T,"rows":R}, so a truncated file is detected.
 * Tables are discovered from the catalog (everything in the public schema except Kysely's
 * migration tables) and written parents first, following foreign keys. Generated columns are
 * left out and recomputed on load.
 */

export const backupFormat = 'knotenpunkt-backup';
export const backupVersion = 1;

/** What goes wrong in a copy because of its input or target (shown to the user as is). */
export class TransferError extends Error {}

export interface BackupHeader {
  format: typeof backupFormat;
  version: number;
  createdAt: string;
  host: Host;
  migrations: string[];
  tables: string[];
}

interface TableSection {
  table: string;
  columns: string[];
  rows: number;
}

export interface TableInfo {
  name: string;
  /** Stored (non-generated) columns in their ordinal order. */
  columns: string[];
  identityColumns: string[];
  primaryKey: string[];
  /** Has a foreign key to itself: its rows are loaded in one statement (checks run at statement end). */
  selfReferencing: boolean;
  /** Has triggers of its own (append-only guards, cached balances), switched off while loading. */
  userTriggers: boolean;
}

// biome-ignore lint/suspicious/noExplicitAny: the copy works on any schema, not only the typed one
type AnyDb = Kysely<any> | Transaction<any>;

const migrationTables = new Set(['kysely_migration', 'kysely_migration_lock']);
const batchSize = 500;

/** Application tables in the public schema, parents before children. */
export async function listTables(db: AnyDb): Promise<TableInfo[]> {
  const tables = await sql<{ name: string }>`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
    ORDER BY c.relname`.execute(db);
  const cols = await sql<{ table: string; column: string; identity: boolean }>`
    SELECT c.relname AS table, a.attname AS column, a.attidentity <> '' AS identity
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
    ORDER BY c.relname, a.attnum`.execute(db);
  const pks = await sql<{ table: string; column: string }>`
    SELECT c.relname AS table, a.attname AS column
    FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    CROSS JOIN LATERAL unnest(k.conkey) WITH ORDINALITY AS u(attnum, ord)
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = u.attnum
    WHERE n.nspname = 'public' AND k.contype = 'p'
    ORDER BY c.relname, u.ord`.execute(db);
  const fks = await sql<{ child: string; parent: string }>`
    SELECT DISTINCT c.relname AS child, p.relname AS parent
    FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    -- a deferrable key is checked at commit (the load defers them all), so it sets no order; that is how
    -- a cycle between two tables is broken (a thread's solution among its posts, a project's current
    -- phase among its phases)
    WHERE n.nspname = 'public' AND k.contype = 'f' AND NOT k.condeferrable`.execute(db);

  const triggers = await sql<{ table: string }>`
    SELECT DISTINCT c.relname AS table
    FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND NOT g.tgisinternal`.execute(db);
  const withTriggers = new Set(triggers.rows.map((r) => r.table));

  const infos = new Map<string, TableInfo>();
  for (const { name } of tables.rows) {
    if (migrationTables.has(name)) continue;
    infos.set(name, {
      name,
      columns: [],
      identityColumns: [],
      primaryKey: [],
      selfReferencing: false,
      userTriggers: withTriggers.has(name),
    });
  }
  for (const c of cols.rows) {
    const t = infos.get(c.table);
    if (!t) continue;
    t.columns.push(c.column);
    if (c.identity) t.identityColumns.push(c.column);
  }
  for (const p of pks.rows) infos.get(p.table)?.primaryKey.push(p.column);
  const parents = new Map<string, Set<string>>([...infos.keys()].map((n) => [n, new Set<string>()]));
  for (const fk of fks.rows) {
    if (!infos.has(fk.child) || !infos.has(fk.parent)) continue;
    if (fk.child === fk.parent) infos.get(fk.child)!.selfReferencing = true;
    else parents.get(fk.child)!.add(fk.parent);
  }

  // Depth-first topological order over the keys that are not deferrable (see fks); a cycle left
  // among those would fall back to name order.
  const ordered: TableInfo[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string) => {
    if (state.get(name)) return;
    state.set(name, 'visiting');
    for (const p of [...parents.get(name)!].sort()) visit(p);
    state.set(name, 'done');
    ordered.push(infos.get(name)!);
  };
  for (const name of [...infos.keys()].sort()) visit(name);
  return ordered;
}

/** Names of the migrations applied to this database, oldest first (empty when never migrated). */
export async function appliedMigrations(db: AnyDb): Promise<string[]> {
  const exists = await sql<{
    t: string | null;
  }>`SELECT to_regclass('public.kysely_migration')::text AS t`.execute(db);
  if (!exists.rows[0]?.t) return [];
  const r = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(db);
  return r.rows.map((x) => x.name);
}

export async function countRows(db: AnyDb, tables: TableInfo[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const t of tables) {
    const r = await sql<{ n: string | number }>`SELECT count(*) AS n FROM ${sql.table(t.name)}`.execute(db);
    out.set(t.name, Number(r.rows[0]?.n ?? 0));
  }
  return out;
}

/** Tables that hold rows, with their counts; empty when the database holds no application data. */
export async function nonEmptyTables(db: AnyDb): Promise<Map<string, number>> {
  const counts = await countRows(db, await listTables(db));
  return new Map([...counts].filter(([, n]) => n > 0));
}

const columnList = (cols: string[]) =>
  sql.join(
    cols.map((c) => sql.id(c)),
    sql`, `,
  );

/**
 * Yields the copy of `db` line by line (without newlines), read inside one REPEATABLE READ
 * transaction, so a copy taken while the server runs on PostgreSQL is one consistent snapshot.
 */
export async function* dumpLines<T>(
  db: Kysely<T>,
  host: Host,
  stats: { tables: number; rows: number } = { tables: 0, rows: 0 },
): AsyncGenerator<string> {
  const trx = await db.startTransaction().setIsolationLevel('repeatable read').execute();
  let done = false;
  try {
    // Fixed output settings, so the copy does not depend on the server's configuration.
    await sql`SET LOCAL TimeZone = 'UTC'`.execute(trx);
    await sql`SET LOCAL bytea_output = 'hex'`.execute(trx);
    await sql`SET LOCAL extra_float_digits = 1`.execute(trx);
    await sql`SET LOCAL IntervalStyle = 'iso_8601'`.execute(trx);
    const tables = await listTables(trx);
    const header: BackupHeader = {
      format: backupFormat,
      version: backupVersion,
      createdAt: new Date().toISOString(),
      host,
      migrations: await appliedMigrations(trx),
      tables: tables.map((t) => t.name),
    };
    yield JSON.stringify(header);
    let total = 0;
    for (const t of tables) {
      const count = await sql<{ n: string | number }>`SELECT count(*) AS n FROM ${sql.table(t.name)}`.execute(
        trx,
      );
      const rows = Number(count.rows[0]?.n ?? 0);
      const section: TableSection = { table: t.name, columns: t.columns, rows };
      yield JSON.stringify(section);
      if (rows === 0) continue;
      const order = t.primaryKey.length > 0 ? t.primaryKey : t.columns;
      // A cursor streams big tables without holding them in memory.
      await sql`DECLARE kp_copy NO SCROLL CURSOR FOR
        SELECT to_json(r)::text AS j FROM (
          SELECT ${columnList(t.columns)} FROM ${sql.table(t.name)} ORDER BY ${columnList(order)}
        ) r`.execute(trx);
      let seen = 0;
      for (;;) {
        const batch = await sql<{ j: string }>`FETCH FORWARD 1000 FROM kp_copy`.execute(trx);
        for (const row of batch.rows) yield row.j;
        seen += batch.rows.length;
        if (batch.rows.length < 1000) break;
      }
      await sql`CLOSE kp_copy`.execute(trx);
      if (seen !== rows)
        throw new TransferError(`Table ${t.name} changed while being read (${seen} ≠ ${rows}).`);
      total += rows;
      stats.rows = total;
    }
    stats.tables = tables.length;
    yield JSON.stringify({ end: true, tables: tables.length, rows: total });
    done = true;
  } finally {
    if (done) await trx.commit().execute();
    else await trx.rollback().execute();
  }
}

/**
 * Switches the tables' own triggers off or on, inside the caller's transaction (so a failure
 * switches them back). A copy is a snapshot of a consistent database, derived values included:
 * replaying triggers would count cached balances twice, and append-only guards would refuse the
 * wipe. Foreign keys and CHECK constraints stay on. Needs table ownership, which the role that ran
 * the migrations has.
 */
async function setUserTriggers(db: AnyDb, tables: TableInfo[], on: boolean): Promise<void> {
  for (const t of tables)
    if (t.userTriggers)
      await sql`ALTER TABLE ${sql.table(t.name)} ${on ? sql`ENABLE` : sql`DISABLE`} TRIGGER USER`.execute(db);
}

/** Empties every application table, append-only ones included (only a restore may do this). */
export async function wipeAll(db: AnyDb): Promise<void> {
  const tables = await listTables(db);
  if (tables.length === 0) return;
  await setUserTriggers(db, tables, false);
  await sql`TRUNCATE ${sql.join(
    tables.map((t) => sql.table(t.name)),
    sql`, `,
  )} RESTART IDENTITY CASCADE`.execute(db);
  await setUserTriggers(db, tables, true);
}

/** Parses and checks the first line of a copy. */
export function parseHeader(line: string | undefined, what: string): BackupHeader {
  let h: Partial<BackupHeader> | null = null;
  try {
    h = line ? (JSON.parse(line) as Partial<BackupHeader>) : null;
  } catch {
    h = null;
  }
  if (!h || h.format !== backupFormat || !Array.isArray(h.migrations) || !Array.isArray(h.tables))
    throw new TransferError(`${what} is not a Knotenpunkt backup (its first line is not a backup header).`);
  if (h.version !== backupVersion)
    throw new TransferError(
      `${what} has backup format version ${String(h.version)}; this Knotenpunkt reads version ${backupVersion}.`,
    );
  return h as BackupHeader;
}

/**
 * Brings an empty target to the schema level of the copy, so the rows fit its tables: up (or
 * down) to the last migration the copy was made with. After loading, the caller migrates to latest.
 */
export async function prepareTarget<T>(db: Kysely<T>, header: BackupHeader): Promise<void> {
  const known = await knownMigrations();
  const unknown = header.migrations.filter((m) => !known.includes(m));
  if (unknown.length > 0)
    throw new TransferError(
      `The backup was made by a newer Knotenpunkt (it has migrations this version does not know: ${unknown.join(', ')}). Update Knotenpunkt first.`,
    );
  const applied = await appliedMigrations(db);
  if (applied.join('\n') === header.migrations.join('\n')) return;
  await migrateTo(db, header.migrations.at(-1) ?? null);
}

export interface LoadResult {
  /** Rows loaded per table, as announced by the copy and verified against the target. */
  rows: Map<string, number>;
}

/**
 * Loads a copy (the lines after its header) into `tx`. With `wipe`, empties every application
 * table first. Rows go in with the tables' own triggers off (see setUserTriggers); identity
 * sequences are moved past the loaded values. Verifies that each table holds exactly the announced rows. The caller owns
 * the transaction: on any error nothing of the load remains.
 */
export async function loadLines(
  tx: AnyDb,
  lines: AsyncIterator<string>,
  opts: { wipe: boolean; what: string },
): Promise<LoadResult> {
  const tables = new Map((await listTables(tx)).map((t) => [t.name, t]));
  if (opts.wipe) await wipeAll(tx);
  await setUserTriggers(tx, [...tables.values()], false);
  await sql`SET CONSTRAINTS ALL DEFERRED`.execute(tx);

  const next = async (): Promise<string> => {
    const r = await lines.next();
    if (r.done) throw new TransferError(`${opts.what} ends early: it is incomplete or damaged.`);
    return r.value;
  };
  const parse = (line: string): unknown => {
    try {
      return JSON.parse(line);
    } catch {
      throw new TransferError(`${opts.what} is damaged (a line is not valid JSON).`);
    }
  };

  const loaded = new Map<string, number>();
  for (;;) {
    const control = parse(await next()) as Partial<TableSection> & { end?: boolean; rows?: number };
    if (control.end === true) break;
    if (
      typeof control.table !== 'string' ||
      !Array.isArray(control.columns) ||
      typeof control.rows !== 'number'
    )
      throw new TransferError(`${opts.what} is damaged (expected a table heading).`);
    const target = tables.get(control.table);
    if (!target)
      throw new TransferError(
        `${opts.what} has a table "${control.table}" that this database does not have.`,
      );
    const missing = control.columns.filter((c) => !target.columns.includes(c));
    if (missing.length > 0)
      throw new TransferError(
        `${opts.what}: table ${control.table} has columns this database does not have: ${missing.join(', ')}.`,
      );
    const cols = control.columns;
    const overriding = target.identityColumns.some((c) => cols.includes(c));
    // The row type is schema-qualified: a table may share its name with a built-in type
    // (`circle`, `point`, `box` …), and pg_catalog comes first in the search path.
    const insert = async (batch: string[]) => {
      if (batch.length === 0) return;
      const json = `[${batch.join(',')}]`;
      await sql`INSERT INTO ${sql.table(target.name)} (${columnList(cols)})
        ${overriding ? sql`OVERRIDING SYSTEM VALUE` : sql``}
        SELECT ${columnList(cols)} FROM json_populate_recordset(NULL::${sql.table(`public.${target.name}`)}, ${json}::json)`.execute(
        tx,
      );
    };
    // Self-referencing rows go in one statement: foreign keys are checked at its end, so their order does not matter.
    const limit = target.selfReferencing ? Number.POSITIVE_INFINITY : batchSize;
    let batch: string[] = [];
    for (let i = 0; i < control.rows; i++) {
      batch.push(await next());
      if (batch.length >= limit) {
        await insert(batch);
        batch = [];
      }
    }
    await insert(batch);
    loaded.set(target.name, control.rows);
  }

  for (const t of tables.values()) {
    for (const c of t.identityColumns) {
      await sql`SELECT setval(pg_get_serial_sequence(${t.name}, ${c}), coalesce(max(${sql.id(c)}), 0) + 1, false)
        FROM ${sql.table(t.name)}`.execute(tx);
    }
  }
  await setUserTriggers(tx, [...tables.values()], true);
  const counts = await countRows(tx, [...tables.values()]);
  for (const [name, n] of counts) {
    const expected = loaded.get(name) ?? 0;
    if (n !== expected)
      throw new TransferError(`After loading, table ${name} holds ${n} rows instead of ${expected}.`);
  }
  return { rows: loaded };
}

/**
 * Restores a copy into `db` as one unit: brings the schema to the copy's level, loads every row in
 * one transaction (with `wipe`, replacing what was there), then migrates to the latest schema.
 * The caller has checked that the target is empty or that wiping it was asked for.
 */
export async function restoreInto<T>(
  db: Kysely<T>,
  header: BackupHeader,
  lines: AsyncIterator<string>,
  opts: { wipe: boolean; what: string },
): Promise<LoadResult & { migrated: string[] }> {
  const applied = await appliedMigrations(db);
  if (opts.wipe && applied.join('\n') !== header.migrations.join('\n'))
    await db.transaction().execute((tx) => wipeAll(tx)); // down-migrations must not run over live data
  await prepareTarget(db, header);
  const result = await db.transaction().execute((tx) => loadLines(tx, lines, opts));
  const migrated = await migrateToLatest(db);
  return { ...result, migrated };
}
