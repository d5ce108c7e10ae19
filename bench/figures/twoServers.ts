import { emitLoad, type LoadResult, loadSplit, watchCpu } from '../runner/load.ts';
import { connections, duration, host, log } from '../runner/options.ts';
import { emit } from '../runner/output.ts';
import { freePort } from '../runner/scratch.ts';
import { type Proc, startProcess, until200 } from '../runner/servers.ts';
import type { Read } from './minimal.ts';
import type { Payer } from './town.ts';
import { transfers } from './transfers.ts';

/**
 * Issue #17's benchmark: two of our app servers on the same PostgreSQL database (as the README's
 * "Several app servers" runs them: the same environment, jobs on in each), against one server, in
 * the same run, each pair measured back to back. The load is split: half the connections go to each
 * server's port, one autocannon per server at once — what a balancer hands on, without a balancer's
 * own cost (a proxy in the bench process would share the two cores and the load generator's time).
 *
 * For each main read and the time-bank transfers: `http.two_servers.<read>.one` (the first server
 * alone, all connections) and `….two` (both), then `….ratio.throughput` (two / one: 1.6 where the
 * database is not the bottleneck; on 2 cores about 1, the target then being the same throughput),
 * `….ratio.errors` (errors and non-2xx answers of both loads, must be 0) and `….ratio.cpu_server`
 * (the CPU per request of both servers together / one server's: unchanged, about 1).
 */
export async function twoServerFigures(
  first: Proc,
  env: Record<string, string | undefined>,
  reads: Read[],
  payers: Payer[],
) {
  if (host !== 'postgres') {
    emit('http.two_servers', null, 'req/s', null, { skipped: 'several app servers need PostgreSQL' });
    return;
  }
  const database = new URL(env.DATABASE_URL ?? '').pathname.slice(1);
  const port = await freePort();
  const t0 = performance.now();
  const second = startProcess('server/main.ts', env, port);
  try {
    const startMs = await until200(second, '/healthz', t0);
    emit('http.two_servers.second_start', startMs / 1000, 's');
    const pids = [first.child.pid ?? 0, second.child.pid ?? 0];
    const pair = async (
      name: string,
      unit: string,
      run: (urls: string[], figure: string) => Promise<LoadResult>,
    ) => {
      watchCpu({ pid: pids[0]!, database });
      const one = await run([first.url], `${name}.one`);
      watchCpu({ pid: pids, database });
      const two = await run([first.url, second.url], `${name}.two`);
      emit(`${name}.ratio.throughput`, two.rps, unit, one.rps, { target_ratio: 1.6, on_two_cores: 1 });
      emit(`${name}.ratio.errors`, two.errors + two.non2xx + one.errors + one.non2xx, 'requests', null, {
        target: 0,
        one: { errors: one.errors, non2xx: one.non2xx },
        two: { errors: two.errors, non2xx: two.non2xx },
      });
      const perRequest = (r: LoadResult) =>
        r.cpu && r.requests > 0 ? (r.cpu.server * 1000) / r.requests : null;
      emit(`${name}.ratio.cpu_server`, perRequest(two), 'ms/request', perRequest(one), {
        target_ratio_max: 1,
        note: 'both servers together per request / one server alone',
      });
    };
    for (const e of reads) {
      const name = `http.two_servers.${e.name.replace(/^http\./, '')}`;
      await pair(name, 'req/s', async (urls, figure) => {
        log(
          `${figure}: GET ${e.path} on ${urls.length} server(s), ${duration} s × ${connections} connections …`,
        );
        const r = await loadSplit(urls, e.path, e.headers ? { headers: e.headers } : {});
        emitLoad(figure, r, null, 'req/s', { about: { servers: urls.length } });
        return r;
      });
    }
    if (payers.length > 0)
      await pair('http.two_servers.timebank_transfers', 'transfers/s', (urls, figure) =>
        transfers(urls[0]!, payers, null, { urls, name: figure }),
      );
    else
      emit('http.two_servers.timebank_transfers.one.throughput', null, 'transfers/s', null, {
        skipped: 'no time bank in the town',
      });
  } finally {
    watchCpu({ pid: first.child.pid ?? 0, database });
    await second.stop();
  }
}
