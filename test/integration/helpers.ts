import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Kysely, sql } from 'kysely';
import { listTables } from '../../server/cli/transfer.ts';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Every row of every application table (generated columns included), in primary-key order. */
export async function snapshot<T>(db: Kysely<T>): Promise<Record<string, string[]>> {
  return db.transaction().execute(async (tx) => {
    await sql`SET LOCAL TimeZone = 'UTC'`.execute(tx);
    const out: Record<string, string[]> = {};
    for (const t of await listTables(tx)) {
      const order = t.primaryKey.length > 0 ? t.primaryKey : t.columns;
      const r = await sql<{
        j: string;
      }>`SELECT to_json(x)::text AS j FROM ${sql.table(t.name)} x ORDER BY ${sql.join(
        order.map((c) => sql.ref(`x.${c}`)),
      )}`.execute(tx);
      out[t.name] = r.rows.map((row) => row.j);
    }
    return out;
  });
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a script of the project with this Node (24) and waits for it to exit. */
export async function runScript(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<RunResult> {
  const child = spawn(process.execPath, [script, ...args], { cwd: repoRoot, env, stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    stdout += String(d);
  });
  child.stderr.on('data', (d) => {
    stderr += String(d);
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

/** The environment of a child process: ours without DATABASE_URL (embedded database) and
 * DATABASE_OWNER_URL, plus `extra`. */
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', ...extra };
  if (!('DATABASE_URL' in extra)) delete env.DATABASE_URL;
  if (!('DATABASE_OWNER_URL' in extra)) delete env.DATABASE_OWNER_URL;
  return env;
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Polls `check` until it returns a value other than undefined, or fails after `ms`. */
export async function waitFor<T>(what: string, ms: number, check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline)
      throw new Error(`Timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise<void>((resolve) => setTimeout(resolve, 100));
  }
}

export interface RunningServer {
  child: ChildProcess;
  url: string;
  output(): string;
  exited: Promise<[number | null, NodeJS.Signals | null]>;
}

/** Starts `server/main.ts` on a free port and waits until /healthz answers. */
export async function startServer(
  env: Record<string, string>,
  { timeoutMs = 180_000 }: { timeoutMs?: number } = {},
): Promise<RunningServer> {
  const port = await freePort();
  const child = spawn(process.execPath, ['server/main.ts'], {
    cwd: repoRoot,
    env: childEnv({ PORT: String(port), HOST: '127.0.0.1', RUN_JOBS: '0', ...env }),
    stdio: 'pipe',
  });
  let output = '';
  child.stdout?.on('data', (d) => {
    output += String(d);
  });
  child.stderr?.on('data', (d) => {
    output += String(d);
  });
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  const url = `http://127.0.0.1:${port}`;
  let state: string;
  try {
    state = await waitFor('the server to answer /healthz', timeoutMs, async () => {
      if (gone) return 'exited';
      const r = await fetch(`${url}/healthz`);
      return r.ok ? 'up' : undefined;
    });
  } catch (err) {
    // a server that never came up must not outlive the test: it would keep the test run from ending
    child.kill('SIGKILL');
    await exited;
    throw new Error(`${String(err)}\n${output}`);
  }
  if (state === 'exited') throw new Error(`The server exited before answering:\n${output}`);
  return { child, url, output: () => output, exited };
}
