import path from 'node:path';
import { emitLoad, type LoadResult, load } from '../runner/load.ts';
import { connections, duration, log } from '../runner/options.ts';
import { freePort } from '../runner/scratch.ts';
import { startProcess, until200 } from '../runner/servers.ts';

/** http.baseline_fastify_hello: a bare Fastify hello-world, the baseline of the HTTP reads. */

export async function baseline(): Promise<LoadResult> {
  const port = await freePort();
  const hello = startProcess(path.join('bench', 'hello.ts'), {}, port);
  await until200(hello, '/', performance.now(), 30_000);
  log(`baseline: bare Fastify hello-world, ${duration} s × ${connections} connections …`);
  const r = await load(hello.url, '/');
  await hello.stop();
  emitLoad('http.baseline_fastify_hello', r, null);
  return r;
}
