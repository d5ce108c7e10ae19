import { type Kysely, type OperationNodeSource, sql, type Transaction } from 'kysely';
import type { DB } from './schema.ts';

/** The root handle or an open transaction. Every repository function takes one explicitly:
 * on PGlite (one connection) using the root handle inside a transaction would deadlock. */
export type Executor = Kysely<DB> | Transaction<DB>;

/** Runs `fn` in a transaction, or inside the caller's one when `executor` already is a transaction. */
export async function executeTx<T>(executor: Executor, fn: (tx: Transaction<DB>) => Promise<T>): Promise<T> {
  if (executor.isTransaction) return fn(executor as Transaction<DB>);
  return executor.transaction().execute(fn);
}

/**
 * Runs independent INSERTs as one statement, each a common table expression, so the records that
 * close a command (its audit row, notifications, interactions) cost one round trip instead of one
 * each. They all see the statement's snapshot, so none may depend on another's row. Falsy entries
 * are skipped.
 */
export async function insertTogether(
  db: Executor,
  inserts: (OperationNodeSource | null | undefined | false)[],
): Promise<void> {
  const parts = inserts.filter((q): q is OperationNodeSource => Boolean(q));
  if (parts.length === 0) return;
  const ctes = sql.join(parts.map((q, i) => sql`${sql.id(`w${i}`)} AS (${q})`));
  await sql`WITH ${ctes} SELECT 1`.execute(db);
}
