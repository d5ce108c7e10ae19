import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { connections, duration, log } from './options.ts';
import { emit } from './output.ts';
import { dbUrl, scratchDatabase } from './scratch.ts';

const execFileP = promisify(execFile);

/**
 * pgbench TPC-B on a scratch database of the same server, initialised once. Each write figure runs
 * it again right before its own load (`tpcb(figure)`), so the ratio compares two measurements taken
 * a few seconds apart, not minutes apart while the machine's speed drifts.
 */
export async function pgbenchBaseline(): Promise<((figure: string) => Promise<number | null>) | null> {
  const bin = ['/usr/lib/postgresql/15/bin/pgbench', '/usr/bin/pgbench'].find(existsSync);
  if (!bin) {
    emit('pgbench.tpcb', null, 'tps', null, { skipped: 'pgbench not found' });
    return null;
  }
  const name = await scratchDatabase('pgbench');
  const u = new URL(dbUrl(name));
  const conn = ['-h', u.hostname, '-p', u.port || '5432', '-U', decodeURIComponent(u.username || 'postgres')];
  await execFileP(bin, [...conn, '-i', '-s', '1', '-q', name]);
  return async (figure) => {
    log(`pgbench TPC-B before ${figure}: -c ${connections} -j 2 -T ${duration} …`);
    const { stdout } = await execFileP(
      bin,
      [...conn, '-c', String(connections), '-j', '2', '-T', String(duration), name],
      { timeout: (duration + 60) * 1000 },
    );
    const m = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout);
    const tps = m ? Number(m[1]) : null;
    emit('pgbench.tpcb', tps, 'tps', null, {
      scale: 1,
      clients: connections,
      threads: 2,
      duration,
      before: figure,
    });
    return tps;
  };
}
