import assert from 'node:assert/strict';
import http from 'node:http';
import { hostname } from 'node:os';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { ledgerHealth } from '../../server/areas/timebank/repositories/timebank.ts';
import { type Database, openPostgres } from '../../server/db/connect.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { ensureNetwork } from '../../server/platform/network.ts';
import { demoLogins, demoPassword, seedDemoTown } from '../../server/seed/demo.ts';
import { type ApiClient, nextIp, signIn } from '../crash/client.ts';
import { dropDatabase } from '../helpers/app.ts';
import { type RunningServer, startServer, waitFor } from '../integration/helpers.ts';
import { localPostgres } from './postgres.ts';

/**
 * Two app servers (server/main.ts, real processes) on one fresh PostgreSQL database behind a small
 * round-robin load balancer, under a mixed load of time-bank transfers (with idempotency keys),
 * sign-ins and reads, while background jobs run. One server is killed with SIGKILL mid-load and
 * started again; then the other is restarted gracefully (SIGTERM), as a rolling update does. Checked
 * is what people and operators would notice (issue #17, item 5):
 *
 * - no acknowledged write is lost and none is doubled (every 2xx transfer exists exactly once, no
 *   transfer exists that was not acknowledged), and the ledger balances;
 * - the graceful restart loses no request at all;
 * - every job is done, and exactly once by a living server (a job the killed server was running may
 *   have run there too: that run died with it);
 * - a session made through one server is valid on both, and a sign-out on one ends it on the other;
 * - the rate limit is one budget over both servers.
 */

const adminUrl = process.env.DATABASE_URL ?? localPostgres;
const rateLimit = 40;
const pingJobs = 40;
/** How long a server may take to start: seconds here, minutes on a machine shared by many test runs. */
const timeoutMs = 600_000;

/**
 * The load balancer: round robin; a request whose connection was refused (nothing was sent) goes to
 * the next server, and so does an idempotent one (GET, or a write with an Idempotency-Key) whose
 * connection broke before the whole answer came. A broken non-idempotent request is a 502.
 */
function startBalancer(backends: string[]) {
  let next = 0;
  const stats = { retried: 0, served: new Map<string, number>() };
  const forward = (target: string, req: http.IncomingMessage, body: Buffer) =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const u = new URL(target);
      const out = http.request(
        {
          host: u.hostname,
          port: u.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: u.host, connection: 'close' },
          agent: false,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }),
          );
          res.on('error', reject);
          res.on('aborted', () => reject(Object.assign(new Error('aborted'), { code: 'ECONNRESET' })));
        },
      );
      out.on('error', reject);
      out.end(body);
    });
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const idempotent =
      req.method === 'GET' || req.method === 'HEAD' || req.headers['idempotency-key'] !== undefined;
    // a retry goes to the server after the one that failed, whatever other requests took meanwhile
    const first = next++;
    for (let attempt = 0; attempt < 2 * backends.length; attempt++) {
      const target = backends[(first + attempt) % backends.length]!;
      try {
        const r = await forward(target, req, body);
        const headers = { ...r.headers };
        delete headers['transfer-encoding'];
        delete headers.connection;
        headers['content-length'] = String(r.body.length);
        stats.served.set(target, (stats.served.get(target) ?? 0) + 1);
        res.writeHead(r.status, headers).end(r.body);
        return;
      } catch (err) {
        const refused = (err as { code?: string }).code === 'ECONNREFUSED';
        if (!refused && !idempotent) break;
        stats.retried++;
      }
    }
    res.writeHead(502).end();
  });
  server.listen(0, '127.0.0.1');
  return {
    server,
    stats,
    url: () => `http://127.0.0.1:${(server.address() as { port: number }).port}`,
  };
}

describe('two app servers on one PostgreSQL behind a load balancer', () => {
  const dbName = `kp_multi_${process.pid}_${Date.now().toString(36)}`;
  const dbUrl = (() => {
    const u = new URL(adminUrl);
    u.pathname = `/${dbName}`;
    return u.toString();
  })();
  const env = {
    DATABASE_URL: dbUrl,
    SEED: 'demo',
    TRUST_PROXY: '1',
    RUN_JOBS: '1',
    JOB_POLL_MS: '100',
    // long enough that a server stalled by a busy machine keeps its claim; a killed one's runs out
    JOB_LOCK_SECONDS: '5',
    RATE_LIMIT_PER_MINUTE: String(rateLimit),
  };
  const servers: RunningServer[] = [];
  let backends: string[];
  let lb: ReturnType<typeof startBalancer>;
  let database: Database;

  before(async () => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    // the demo town, put in here rather than by the first server's start (which may take long on a
    // busy machine); the servers find the database ready
    database = await openPostgres(dbUrl, 2);
    await migrateToLatest(database.db);
    const { network } = await ensureNetwork(database.db, {
      slug: 'lindenbrueck',
      name: 'Lindenbrück vernetzt',
    });
    await seedDemoTown(database.db, network.id);
    servers.push(await startServer(env, { timeoutMs }));
    servers.push(await startServer(env, { timeoutMs }));
    backends = servers.map((s) => s.url);
    lb = startBalancer(backends);
  });
  after(async () => {
    for (const s of servers) {
      if (s.child.exitCode === null && s.child.signalCode === null) {
        s.child.kill('SIGTERM');
        await s.exited;
      }
    }
    lb?.server.closeAllConnections();
    lb?.server.close();
    await database?.close();
    await dropDatabase(adminUrl, dbName);
  });

  test('a kill -9 and a rolling restart under load lose nothing, run every job once, share sessions and the rate limit', async (t) => {
    const networkId = (await database.db.selectFrom('network').select('id').executeTakeFirstOrThrow()).id;
    const emails = demoLogins.slice(0, 5).map((l) => l.email);
    const users: ApiClient[] = [];
    for (const email of emails) users.push(await signIn(lb.url(), email, demoPassword));
    const accounts: string[] = [];
    for (const u of users) {
      const r = await u.get<{ items: { id: string; ownerType: string }[] }>('/api/v1/timebank/accounts/mine');
      assert.equal(r.status, 200);
      accounts.push(r.body.items.find((a) => a.ownerType === 'person')!.id);
    }

    // --- the load --------------------------------------------------------------------------------
    let phase: 'steady' | 'killed' | 'rolling' = 'steady';
    let stop = false;
    let burstNo = 0;
    const acked = new Map<string, string>(); // idempotency key → transfer id
    const refused = new Set<string>(); // keys answered 4xx (no transfer)
    const failures: string[] = []; // answers a healthy system does not give
    let lostToKill = 0; // non-idempotent requests in flight on the killed server (the LB answers 502)
    let writes = 0;
    let reads = 0;
    let signIns = 0;
    const wrote = new Set<() => void>();
    const afterWrites = (n: number) =>
      new Promise<void>((resolve) => {
        const target = writes + n;
        const check = () => {
          if (writes >= target) {
            wrote.delete(check);
            resolve();
          }
        };
        wrote.add(check);
      });

    const payer = async (w: number) => {
      for (let n = 0; !stop; n++) {
        const from = w % users.length;
        const key = `multi-${burstNo}-${w}-${n}`;
        const body = {
          payerAccountId: accounts[from]!,
          payeeAccountId: accounts[(from + 1 + (n % (accounts.length - 1))) % accounts.length]!,
          minutes: 1,
          memo: `Lastprobe ${w}/${n}`,
        };
        // a client retries a write whose answer it did not get, with the same key
        for (let attempt = 0; ; attempt++) {
          const r = await users[from]!.post<{ id: string }>('/api/v1/timebank/transfers', body, {
            'idempotency-key': key,
          });
          if (r.status === 502 && attempt < 5) continue;
          if (r.status === 200 || r.status === 201) {
            if (acked.has(key) && acked.get(key) !== r.body.id)
              failures.push(`${key}: two different transfers`);
            acked.set(key, r.body.id);
          } else if (r.status === 422 || r.status === 409) refused.add(key);
          else failures.push(`transfer ${key} (${phase}): ${r.status} ${JSON.stringify(r.body)}`);
          break;
        }
        writes++;
        for (const c of [...wrote]) c();
      }
    };
    const reader = async (w: number) => {
      for (let n = 0; !stop; n++) {
        const u = users[(w + n) % users.length]!;
        const r = await u.get(n % 2 === 0 ? '/api/v1/timebank/accounts/mine' : '/api/v1/session');
        if (r.status !== 200) failures.push(`read (${phase}): ${r.status}`);
        reads++;
        if (n % 5 === 0) {
          const s = await fetch(`${lb.url()}/api/v1/session`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-forwarded-for': nextIp() },
            body: JSON.stringify({ email: emails[n % emails.length], password: demoPassword }),
          });
          await s.arrayBuffer();
          if (s.status === 502 && phase === 'killed') lostToKill++;
          else if (s.status !== 200) failures.push(`sign-in (${phase}): ${s.status}`);
          else signIns++;
        }
      }
    };
    /**
     * A burst of load through the balancer: `n` writes, with `midway` done after half of them while
     * the load goes on. Between bursts (while a server starts, which takes the most CPU on a small
     * machine) the load rests.
     */
    const burst = async (n: number, midway?: () => Promise<void>) => {
      stop = false;
      burstNo++;
      const load = Promise.all([...[0, 1, 2].map(payer), reader(0)]);
      try {
        await afterWrites(n / 2);
        await midway?.();
        await afterWrites(n / 2);
      } finally {
        stop = true;
        await load;
      }
    };

    await burst(40);
    // --- kill -9 one server mid-load, and start it again -------------------------------------
    const victim = servers[1]!;
    const killedWorker = `${hostname()}:${victim.child.pid}`;
    // jobs: harmless pings that record which server ran them, each taking a little while, queued
    // just before the kill so that the killed server is likely to be running one
    await sql`
      INSERT INTO job (network_id, kind, payload)
      SELECT ${networkId}::uuid, 'platform.ping', jsonb_build_object('ms', 500, 'n', n)
      FROM generate_series(1, ${pingJobs}) AS n`.execute(database.db);
    await burst(40, async () => {
      phase = 'killed';
      victim.child.kill('SIGKILL');
      await victim.exited;
    });
    const restarted = await startServer(env, { timeoutMs });
    servers[1] = restarted;
    backends[1] = restarted.url;
    phase = 'steady';
    await burst(20);

    // --- rolling restart of the other one: SIGTERM mid-load, then start again ----------------
    const failuresBefore = failures.length;
    const old = servers[0]!;
    await burst(40, async () => {
      phase = 'rolling';
      old.child.kill('SIGTERM');
      const [code] = await old.exited;
      assert.equal(code, 0, `the server stops cleanly on SIGTERM:\n${old.output()}`);
    });
    const fresh = await startServer(env, { timeoutMs });
    servers[0] = fresh;
    backends[0] = fresh.url;
    await burst(20);
    assert.deepEqual(failures.slice(failuresBefore), [], 'the rolling restart lost no request');
    assert.deepEqual(failures, [], 'no unexpected answer');
    t.diagnostic(
      `writes ${writes} (acknowledged transfers ${acked.size}, refused ${refused.size}), reads ${reads}, ` +
        `sign-ins ${signIns}, lost to the kill ${lostToKill}, balancer retries ${lb.stats.retried}`,
    );
    assert.ok(acked.size >= 50, 'the load really wrote');

    // --- zero lost or doubled writes; the ledger balances -------------------------------------
    const rows = await database.db
      .selectFrom('timebank_transfer')
      .select(['id', 'idempotency_key', 'status'])
      .where('network_id', '=', networkId)
      .where('idempotency_key', 'like', 'multi-%')
      .execute();
    const byKey = new Map<string, typeof rows>();
    for (const r of rows) byKey.set(r.idempotency_key!, [...(byKey.get(r.idempotency_key!) ?? []), r]);
    for (const [key, id] of acked) {
      const found = byKey.get(key) ?? [];
      assert.equal(found.length, 1, `acknowledged transfer ${key} exists once`);
      assert.equal(found[0]!.id, id);
      assert.equal(found[0]!.status, 'completed');
    }
    assert.deepEqual(
      [...byKey.keys()].filter((k) => !acked.has(k)),
      [],
      'no transfer that was not acknowledged',
    );
    const health = await ledgerHealth(database.db, networkId);
    assert.deepEqual(
      [health.balance_sum, health.mismatched_accounts, health.unbalanced_entries, health.over_limit_accounts],
      [0, 0, 0, 0],
      `ledger ${JSON.stringify(health)}`,
    );

    // --- every job done, once by a living server -----------------------------------------------
    const pings = await waitFor('every ping job to be done', 300_000, async () => {
      const jobs = await database.db
        .selectFrom('job')
        .select(['id', 'status', 'attempts', 'payload'])
        .where('network_id', '=', networkId)
        .where('kind', '=', 'platform.ping')
        .execute();
      return jobs.every((j) => j.status === 'done') ? jobs : undefined;
    });
    assert.equal(pings.length, pingJobs);
    const runners = new Map<string, number>();
    for (const j of pings) {
      const ranBy = ((j.payload as { ranBy?: string[] }).ranBy ?? []) as string[];
      for (const r of ranBy) runners.set(r, (runners.get(r) ?? 0) + 1);
      const living = ranBy.filter((r) => r !== killedWorker);
      const byKilled = ranBy.length - living.length;
      // done by exactly one run that was recorded as done: a living server's, or the killed one's
      // before it died (then no one else ran it)
      assert.ok(
        (living.length === 1 && byKilled <= 1) || (living.length === 0 && byKilled === 1),
        `job ${j.id} ran ${JSON.stringify(ranBy)} (attempts ${j.attempts})`,
      );
    }
    t.diagnostic(
      `ping jobs by server: ${JSON.stringify(Object.fromEntries(runners))}; ` +
        `taken up again after the kill: ${pings.filter((j) => j.attempts > 1).length}`,
    );

    // --- a session made through one server is valid on both; signing out ends it on both ------
    const person = await signIn(restarted.url, emails[1]!, demoPassword);
    for (const s of [fresh, restarted]) {
      const r = await person.at(s.url).get<{ account: { id: string } | null }>('/api/v1/session');
      assert.equal(r.body.account?.id, person.session!.accountId, `signed in on ${s.url}`);
    }
    assert.equal((await person.at(fresh.url).request('DELETE', '/api/v1/session')).status, 204);
    await waitFor('the sign-out on one server to end the session on the other', 30_000, async () => {
      const r = await person.at(restarted.url).get<{ account: unknown }>('/api/v1/session');
      return r.body.account === null ? true : undefined;
    });

    // --- the rate limit is one budget over both servers ---------------------------------------
    const before = new Map(lb.stats.served);
    const statuses: number[] = [];
    for (let i = 0; i < rateLimit + 4; i++) {
      const r = await fetch(`${lb.url()}/api/v1/session`, {
        headers: { 'x-forwarded-for': '198.51.100.77' },
      });
      await r.arrayBuffer();
      statuses.push(r.status);
    }
    assert.deepEqual(statuses, [...Array(rateLimit).fill(200), 429, 429, 429, 429]);
    for (const b of backends)
      assert.ok((lb.stats.served.get(b) ?? 0) > (before.get(b) ?? 0), `${b} answered some of them`);
  });
});
