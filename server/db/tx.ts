import {
  AliasNode,
  IdentifierNode,
  InsertQueryNode,
  type Kysely,
  type OperationNode,
  type OperationNodeSource,
  PrimitiveValueListNode,
  type RawBuilder,
  SelectionNode,
  SelectQueryNode,
  sql,
  TableNode,
  type Transaction,
  ValueNode,
  ValuesNode,
} from 'kysely';
import type { DB } from './schema.ts';

/** The root handle or an open transaction. Every repository function takes one explicitly:
 * on PGlite (one connection) using the root handle inside a transaction would deadlock. */
export type Executor = Kysely<DB> | Transaction<DB>;

/** Runs `fn` in a transaction, or inside the caller's one when `executor` already is a transaction. */
export async function executeTx<T>(executor: Executor, fn: (tx: Transaction<DB>) => Promise<T>): Promise<T> {
  if (executor.isTransaction) return fn(executor as Transaction<DB>);
  return executor.transaction().execute(fn);
}

/** An INSERT to write along with others (see insertTogether); falsy entries are skipped. */
export type TogetherInsert = OperationNodeSource | null | undefined | false;

/**
 * `INSERT … VALUES (row), …` as one `INSERT … SELECT row FROM guard` per row, so it writes only if the
 * common table expression `guard` yielded a row. PostgreSQL still types each value by its target
 * column, as in VALUES (that is why it is one statement per row rather than a UNION).
 */
function guardedBy(guard: string, insert: OperationNodeSource): OperationNode[] {
  const node = insert.toOperationNode();
  if (!InsertQueryNode.is(node) || !node.values || !ValuesNode.is(node.values))
    throw new Error('insertTogether: only INSERT … VALUES can wait for a guard');
  return node.values.values.map((row) => {
    const values = PrimitiveValueListNode.is(row) ? row.values.map((v) => ValueNode.create(v)) : row.values;
    const select = SelectQueryNode.cloneWithSelections(
      SelectQueryNode.createFrom([TableNode.create(guard)]),
      values.map((v, i) => SelectionNode.create(AliasNode.create(v, IdentifierNode.create(`v${i}`)))),
    );
    return InsertQueryNode.cloneWith(node, { values: select });
  });
}

/**
 * The inserts as common table expressions (`w0 AS (INSERT …), w1 AS …`), to go into one statement.
 * With `after`, each writes only if that earlier expression of the statement yielded a row (see
 * insertTransferOnce: nothing closes a transfer that a replayed key did not write).
 */
export function togetherCtes(inserts: TogetherInsert[], after?: string): RawBuilder<unknown> | null {
  const nodes = inserts
    .filter((q): q is OperationNodeSource => Boolean(q))
    .flatMap((q) => (after ? guardedBy(after, q) : [q.toOperationNode()]));
  if (nodes.length === 0) return null;
  return sql.join(nodes.map((n, i) => sql`${sql.id(`w${i}`)} AS (${{ toOperationNode: () => n }})`));
}

/**
 * Runs independent INSERTs as one statement, each a common table expression, so the records that
 * close a command (its audit row, notifications, interactions) cost one round trip instead of one
 * each. They all see the statement's snapshot, so none may depend on another's row. Falsy entries
 * are skipped.
 */
export async function insertTogether(db: Executor, inserts: TogetherInsert[]): Promise<void> {
  const ctes = togetherCtes(inserts);
  if (ctes) await sql`WITH ${ctes} SELECT 1`.execute(db);
}
