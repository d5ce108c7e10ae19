import type { Kysely, Transaction } from 'kysely';
import type { DB } from './schema.ts';

/** The root handle or an open transaction. Every repository function takes one explicitly:
 * on PGlite (one connection) using the root handle inside a transaction would deadlock. */
export type Executor = Kysely<DB> | Transaction<DB>;

/** Runs `fn` in a transaction, or inside the caller's one when `executor` already is a transaction. */
export async function executeTx<T>(executor: Executor, fn: (tx: Transaction<DB>) => Promise<T>): Promise<T> {
  if (executor.isTransaction) return fn(executor as Transaction<DB>);
  return executor.transaction().execute(fn);
}
