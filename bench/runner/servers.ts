import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { nextIp } from './load.ts';
import { args, root } from './options.ts';
import { cleanups, tempDir } from './scratch.ts';

/** The processes the bench starts (the app server, the hello-world), and signing in to them. */

// ---------------------------------------------------------------------------------------------
// Processes

export interface Proc {
  child: ChildProcess;
  url: string;
  output: () => string;
  stop: () => Promise<void>;
}

export function startProcess(
  script: string,
  env: Record<string, string | undefined>,
  port: number,
  /** node's own options before the script, e.g. an `--import` */
  nodeArgs: string[] = [],
): Proc {
  const profile =
    // not the minimal figure's capturing instance (it has an --import): only the measured servers
    args['cpu-prof'] && script === 'server/main.ts' && nodeArgs.length === 0
      ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(args['cpu-prof'])}`]
      : [];
  const child = spawn(process.execPath, [...profile, ...nodeArgs, script], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (b: Buffer) => {
    out = (out + b.toString()).slice(-8000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };
  cleanups.push(stop);
  return { child, url: `http://127.0.0.1:${port}`, output: () => out, stop };
}

/** Polls until `url` answers 200; returns the milliseconds since `since`. */
export async function until200(
  proc: Proc,
  pathName: string,
  since: number,
  timeoutMs = 120_000,
): Promise<number> {
  const deadline = since + timeoutMs;
  while (performance.now() < deadline) {
    if (proc.child.exitCode !== null) throw new Error(`process exited early:\n${proc.output()}`);
    try {
      const r = await fetch(`${proc.url}${pathName}`, { signal: AbortSignal.timeout(2000) });
      await r.arrayBuffer();
      if (r.status === 200) return performance.now() - since;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no 200 from ${pathName} within ${timeoutMs} ms:\n${proc.output()}`);
}

export function rssMb(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Env for server/main.ts on this host; unset keys fall back to the server's defaults. */
export function serverEnv(
  db: { url?: string; dataDir?: string },
  seedMode = 'none',
): Record<string, string | undefined> {
  return {
    DATABASE_URL: db.url ?? '',
    DATA_DIR: db.dataDir ?? tempDir('unused'),
    SEED: seedMode,
    LOG_LEVEL: 'warn',
    // The server allows 600 requests per minute per client address. The load generator sends
    // each request from its own X-Forwarded-For address, so the limiter stays in the path (its
    // cost is measured) without turning the benchmark into a stream of 429s.
    TRUST_PROXY: '1',
  };
}

export type Who = { email: string; password: string };

export async function openApiPaths(url: string): Promise<Record<string, Record<string, unknown>>> {
  const r = await fetch(`${url}/api/openapi.json`);
  const doc = (await r.json()) as { paths?: Record<string, Record<string, unknown>> };
  return doc.paths ?? {};
}

export async function signInCookie(url: string, who: Who): Promise<{ cookie: string; csrf: string }> {
  const r = await fetch(`${url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': nextIp() },
    body: JSON.stringify({ email: who.email, password: who.password }),
  });
  if (r.status !== 200) throw new Error(`sign-in failed: ${r.status} ${await r.text()}`);
  const cookie = r.headers.getSetCookie().find((c) => c.startsWith('kp_session='));
  if (!cookie) throw new Error('sign-in set no kp_session cookie');
  const view = (await r.json()) as { csrfToken: string };
  return { cookie: cookie.split(';')[0]!, csrf: view.csrfToken };
}
