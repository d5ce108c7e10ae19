import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { enqueue, type JobHandler, runDueJobs } from '../../server/platform/jobs.ts';
import type { TestApp } from '../helpers/app.ts';
import { createPostgresTestApp } from './postgres.ts';

/**
 * The job queue with several workers on one PostgreSQL (as several app servers run it): no job is
 * claimed twice, two jobs of one kind and dedupe key never run at once, a dead worker's claim is taken
 * over and the dead worker can then record nothing, and a stopping worker gives its unstarted jobs back.
 */
describe('job queue with several workers on PostgreSQL', () => {
  let t: TestApp;
  before(async () => {
    t = await createPostgresTestApp();
  });
  after(() => t.close());

  const jobsOf = (kind: string) =>
    t.db
      .selectFrom('job')
      .select(['id', 'status', 'attempts', 'claimed_by', 'dedupe_key'])
      .where('network_id', '=', t.networkId)
      .where('kind', '=', kind)
      .orderBy('id')
      .execute();

  test('eight workers at once run each of 60 jobs exactly once', async () => {
    for (let i = 0; i < 60; i++)
      await enqueue(t.db, { networkId: t.networkId, kind: 'test.count', payload: { i } });
    const runs = new Map<number, number>();
    let active = 0;
    let mostAtOnce = 0;
    // a job waits (up to a second) until another worker's job runs beside it: side by side is then
    // certain when the queue allows it, instead of depending on how fast one claim round trips
    let sawTwo: () => void = () => {};
    const twoAtOnce = new Promise<void>((resolve) => {
      sawTwo = resolve;
    });
    const handlers: Record<string, JobHandler> = {
      'test.count': async (_db, job) => {
        active++;
        mostAtOnce = Math.max(mostAtOnce, active);
        if (active > 1) sawTwo();
        runs.set(job.id, (runs.get(job.id) ?? 0) + 1);
        await Promise.race([twoAtOnce, new Promise((resolve) => setTimeout(resolve, 1000))]);
        active--;
      },
    };
    const worker = async () => {
      while ((await runDueJobs(t.db, handlers, { limit: 3 })) > 0);
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    const jobs = await jobsOf('test.count');
    assert.equal(jobs.length, 60);
    assert.deepEqual(
      jobs.filter((j) => j.status !== 'done' || j.attempts !== 1),
      [],
      'every job done at the first attempt',
    );
    assert.equal(runs.size, 60);
    assert.deepEqual(
      [...runs.values()].filter((n) => n !== 1),
      [],
      'no job ran twice',
    );
    assert.ok(mostAtOnce > 1, 'the workers really ran jobs side by side');
  });

  test('a job is not started while another of its kind and dedupe key runs', async () => {
    // one run of a recurring job is still going (its claim is alive), the next one is due
    await t.db
      .insertInto('job')
      .values({
        network_id: t.networkId,
        kind: 'test.recurring',
        dedupe_key: 'recurring',
        status: 'running',
        attempts: 1,
        locked_until: sql<Date>`now() + interval '1 minute'`,
      })
      .execute();
    await enqueue(t.db, { networkId: t.networkId, kind: 'test.recurring', dedupeKey: 'recurring' });
    let ran = 0;
    const handlers = {
      'test.recurring': async () => {
        ran++;
      },
    };
    assert.equal(await runDueJobs(t.db, handlers), 0);
    assert.equal(ran, 0, 'the next run waits for the running one');
    // the running one ends: now the next may start
    await t.db
      .updateTable('job')
      .set({ status: 'done', locked_until: null })
      .where('network_id', '=', t.networkId)
      .where('kind', '=', 'test.recurring')
      .where('status', '=', 'running')
      .execute();
    assert.equal(await runDueJobs(t.db, handlers), 1);
    assert.equal(ran, 1);
  });

  test("a dead worker's claim is taken over, and the dead worker cannot record over the new owner", async () => {
    await enqueue(t.db, { networkId: t.networkId, kind: 'test.slow' });
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started: () => void = () => undefined;
    const isRunning = new Promise<void>((resolve) => {
      started = resolve;
    });
    // worker A claims with a claim of one second and hangs (as if its server were cut off)
    const a = runDueJobs(
      t.db,
      {
        'test.slow': async () => {
          started();
          await gate;
          throw new Error('A failed late');
        },
      },
      { lockSeconds: 1 },
    );
    await isRunning;
    // A's heartbeat would renew the claim; take the claim's end into the past as if it had stopped beating
    const expire = () =>
      t.db
        .updateTable('job')
        .set({ locked_until: sql<Date>`now() - interval '1 second'` })
        .where('network_id', '=', t.networkId)
        .where('kind', '=', 'test.slow')
        .execute();
    await expire();
    let bRan = 0;
    // worker B takes the job over and holds it
    let releaseB: () => void = () => undefined;
    const gateB = new Promise<void>((resolve) => {
      releaseB = resolve;
    });
    let bStarted: () => void = () => undefined;
    const bIsRunning = new Promise<void>((resolve) => {
      bStarted = resolve;
    });
    const b = runDueJobs(t.db, {
      'test.slow': async () => {
        bRan++;
        bStarted();
        await gateB;
      },
    });
    await bIsRunning;
    const [claimedByB] = await jobsOf('test.slow');
    assert.equal(claimedByB?.attempts, 2);
    // A ends (with a failure) while B owns the job: A's record must not touch it
    release();
    await a;
    const [afterA] = await jobsOf('test.slow');
    assert.equal(afterA?.status, 'running', "A's late failure is not recorded over B's claim");
    assert.equal(afterA?.attempts, 2);
    releaseB();
    await b;
    const [done] = await jobsOf('test.slow');
    assert.equal(done?.status, 'done');
    assert.equal(bRan, 1);
  });

  test('a run that outlived its claim leaves no trace: its effect is fenced by the attempt', async () => {
    const { pingJob, jobHandlers } = await import('../../server/platform/job-handlers.ts');
    const ping = jobHandlers(t.app.deps.config)[pingJob]!;
    await enqueue(t.db, { networkId: t.networkId, kind: pingJob, payload: { ms: 0 } });
    const [job] = await jobsOf(pingJob);
    // claimed by a first worker (attempt 1), which stalls past its claim; a second takes it (attempt 2)
    const claim = (attempts: number) =>
      t.db
        .updateTable('job')
        .set({ status: 'running', attempts, locked_until: sql<Date>`now() + interval '1 minute'` })
        .where('network_id', '=', t.networkId)
        .where('id', '=', job!.id)
        .execute();
    await claim(2);
    // the stalled first run wakes up and writes: refused, the job is the second run's
    await ping(t.db, { networkId: t.networkId, id: job!.id, payload: { ms: 0 }, attempt: 1 });
    const ranBy = async () => {
      const row = await t.db
        .selectFrom('job')
        .select('payload')
        .where('network_id', '=', t.networkId)
        .where('id', '=', job!.id)
        .executeTakeFirstOrThrow();
      return (row.payload as { ranBy?: string[] }).ranBy ?? [];
    };
    assert.deepEqual(await ranBy(), []);
    await ping(t.db, { networkId: t.networkId, id: job!.id, payload: { ms: 0 }, attempt: 2 });
    assert.equal((await ranBy()).length, 1, 'the run that holds the claim records its effect');
  });

  test('a stopping worker gives the jobs it claimed but has not started back', async () => {
    for (let i = 0; i < 5; i++) await enqueue(t.db, { networkId: t.networkId, kind: 'test.stop' });
    let stopping = false;
    let ran = 0;
    const n = await runDueJobs(
      t.db,
      {
        'test.stop': async () => {
          ran++;
          stopping = true; // SIGTERM arrives while the first job runs
        },
      },
      { stopping: () => stopping },
    );
    assert.equal(n, 1);
    assert.equal(ran, 1);
    const jobs = await jobsOf('test.stop');
    assert.deepEqual(
      jobs.map((j) => [j.status, j.attempts, j.claimed_by === null]),
      [['done', 1, false], ...Array.from({ length: 4 }, () => ['pending', 0, true])],
    );
  });
});
