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
import pg from 'pg';

type WriteKind = 'insert' | 'update' | 'delete';
type Listener = { tables: ReadonlySet<string>; kinds: ReadonlySet<WriteKind>; fn: () => void };

const listeners: Listener[] = [];

/**
 * Calls `fn` after every INSERT, UPDATE or DELETE (of the given kinds) that this process runs on one
 * of `tables` through Kysely's query builder — raw `sql` templates are not seen. For caches of rows
 * that change rarely (see auth/sessions.ts); the call comes when the statement has run, which may be
 * before its transaction commits, so a cache must still bound its age.
 *
 * On PostgreSQL, writes by every other process reach `fn` too, once they commit: the table's
 * `notify_write()` trigger tells every app server listening (`listenForWrites`, started by
 * server/main.ts). A table newly watched here needs that trigger in a migration (see
 * 20261209_1200_multi_server.ts); test/integration/write-notify.test.ts checks that each has one.
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

/** Every table and kind some cache watches (what the notify_write() triggers must cover). */
export function watchedWrites(): { table: string; kind: WriteKind }[] {
  const out = new Map<string, { table: string; kind: WriteKind }>();
  for (const l of listeners)
    for (const table of l.tables) for (const kind of l.kinds) out.set(`${table}:${kind}`, { table, kind });
  return [...out.values()];
}

function fire(table: string | null, kind: string | null): void {
  for (const l of listeners)
    if (table === null || (l.tables.has(table) && l.kinds.has(kind as WriteKind))) l.fn();
}

/** The channel notify_write() sends `table:kind` on. */
export const writeChannel = 'kp_write';

/**
 * Listens on PostgreSQL for writes that any process committed to a watched table (another app
 * server, the admin command line) and calls their onWrite listeners, so a sign-out or a role taken
 * on one server empties every server's cache of sessions. One connection of its own; when it
 * breaks, every cache is emptied (notifications may have been missed) and it connects again.
 * Returns a function that stops listening.
 */
export function listenForWrites(
  connectionString: string,
  onError: (err: unknown) => void = () => undefined,
): { ready: Promise<void>; stop: () => Promise<void> } {
  let stopped = false;
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | undefined;
  let delay = 500;
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  const connect = async () => {
    if (stopped) return;
    const c = new pg.Client({ connectionString });
    client = c;
    let lost = false;
    const reconnect = (err?: unknown) => {
      if (lost || stopped) return;
      lost = true;
      if (err) onError(err);
      fire(null, null);
      c.end().catch(() => undefined);
      retry = setTimeout(() => void connect(), delay);
      delay = Math.min(30_000, delay * 2);
    };
    c.on('error', reconnect);
    c.on('end', () => reconnect());
    c.on('notification', (msg) => {
      if (msg.channel !== writeChannel || !msg.payload) return;
      const [table = '', kind = ''] = msg.payload.split(':');
      fire(table, kind);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${writeChannel}`);
      delay = 500;
      // what was written while no one listened is unknown: forget all
      fire(null, null);
      markReady();
    } catch (err) {
      reconnect(err);
    }
  };
  void connect();
  return {
    ready,
    async stop() {
      stopped = true;
      clearTimeout(retry);
      await client?.end().catch(() => undefined);
    },
  };
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
