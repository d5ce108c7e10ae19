import { emit } from '../runner/output.ts';
import { freePort, tempDir } from '../runner/scratch.ts';
import { rssMb, serverEnv, startProcess, until200 } from '../runner/servers.ts';

/** startup.pglite_first_start, startup.pglite_restart, server.rss_idle_pglite: cold starts on PGlite. */

export async function coldStarts() {
  const dataDir = tempDir('cold');
  const env = { ...serverEnv({ dataDir }), SEED: undefined }; // the defaults of `npm start`: demo town on first start
  delete env.SEED;
  let port = await freePort();
  let t0 = performance.now();
  let server = startProcess('server/main.ts', env, port);
  const first = await until200(server, '/healthz', t0);
  emit('startup.pglite_first_start', first / 1000, 's', null, { target: 10, dataDir: 'empty' });
  await until200(server, '/readyz', performance.now());
  await server.stop();
  port = await freePort();
  t0 = performance.now();
  server = startProcess('server/main.ts', env, port);
  const again = await until200(server, '/healthz', t0);
  emit('startup.pglite_restart', again / 1000, 's', null, { target: 3 });
  emit('server.rss_idle_pglite', rssMb(server.child.pid), 'MB', null, { target: 1024 });
  await server.stop();
}
