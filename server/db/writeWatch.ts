import {
  AliasNode,
  DeleteQueryNode,
  InsertQueryNode,
  type KyselyPlugin,
  type OperationNode,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryId,
  type QueryResult,
  type RootOperationNode,
  TableNode,
  type UnknownRow,
  UpdateQueryNode,
} from 'kysely';

type WriteKind = 'insert' | 'update' | 'delete';
type Listener = { tables: ReadonlySet<string>; kinds: ReadonlySet<WriteKind>; fn: () => void };

const listeners: Listener[] = [];

/**
 * Calls `fn` after every INSERT, UPDATE or DELETE (of the given kinds) that this process runs on one
 * of `tables` through Kysely's query builder — raw `sql` templates are not seen. For caches of rows
 * that change rarely (see auth/sessions.ts); the call comes when the statement has run, which may be
 * before its transaction commits, so a cache must still bound its age.
 */
export function onWrite(tables: string[], kinds: WriteKind[], fn: () => void): void {
  listeners.push({ tables: new Set(tables), kinds: new Set(kinds), fn });
}

function tableName(node: OperationNode | undefined): string | undefined {
  if (!node) return undefined;
  if (TableNode.is(node)) return node.table.identifier.name;
  if (AliasNode.is(node)) return tableName(node.node);
  return undefined;
}

function writeOf(node: RootOperationNode): { kind: WriteKind; table: string | undefined } | null {
  if (InsertQueryNode.is(node)) return { kind: 'insert', table: tableName(node.into) };
  if (UpdateQueryNode.is(node)) return { kind: 'update', table: tableName(node.table) };
  if (DeleteQueryNode.is(node)) return { kind: 'delete', table: tableName(node.from.froms[0]) };
  return null;
}

/** The Kysely plugin behind onWrite; every connection the app opens has it (db/connect.ts). */
export class WriteWatchPlugin implements KyselyPlugin {
  readonly #pending = new WeakMap<QueryId, Listener[]>();

  transformQuery({ node, queryId }: PluginTransformQueryArgs): RootOperationNode {
    const write = writeOf(node);
    if (write?.table) {
      const hit = listeners.filter((l) => l.kinds.has(write.kind) && l.tables.has(write.table as string));
      if (hit.length > 0) this.#pending.set(queryId, hit);
    }
    return node;
  }

  async transformResult({ result, queryId }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    for (const l of this.#pending.get(queryId) ?? []) l.fn();
    return result;
  }
}

/**
 * A small cache of what this process read, for rows that change rarely: each entry lives at most `ms`
 * (or less, when set with an earlier end), at most `max` entries are kept (the oldest go first), and
 * everything is forgotten on any write that `forgetOn` names ([tables, kinds] pairs, see onWrite).
 */
export function forgetfulCache<V>(opts: {
  ms: number;
  max: number;
  forgetOn: [tables: string[], kinds: WriteKind[]][];
}) {
  const entries = new Map<string, { until: number; value: V }>();
  for (const [tables, kinds] of opts.forgetOn) onWrite(tables, kinds, () => entries.clear());
  return {
    get(key: string): V | undefined {
      const e = entries.get(key);
      return e && e.until > Date.now() ? e.value : undefined;
    },
    set(key: string, value: V, endsAt = Number.POSITIVE_INFINITY): void {
      if (!entries.has(key) && entries.size >= opts.max)
        entries.delete(entries.keys().next().value as string);
      entries.set(key, { until: Math.min(Date.now() + opts.ms, endsAt), value });
    },
  };
}
