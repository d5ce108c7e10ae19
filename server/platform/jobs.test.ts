import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { freshDatabase } from '../../test/helpers/app.ts';
import { loadConfig } from '../config.ts';
import type { Database } from '../db/connect.ts';
import { jobHandlers, pruneJob, schedulePrune } from './job-handlers.ts';
import { enqueue, runDueJobs } from './jobs.ts';
import { ensureNetwork } from './network.ts';

describe('job queue', () => {
  let d: Database;
  let networkId: string;
  before(async () => {
    d = await freshDatabase();
    networkId = (await ensureNetwork(d.db, { slug: 'jobs', name: 'Jobs' })).network.id;
  });
  after(() => d.close());

  const jobOf = (kind: string) =>
    d.db
      .selectFrom('job')
      .select([
        'status',
        'attempts',
        'last_error',
        'finished_at',
        sql<number>`extract(epoch from run_at - now())`.as('due_in_seconds'),
      ])
      .where('network_id', '=', networkId)
      .where('kind', '=', kind)
      .executeTakeFirstOrThrow();

  test('a due job runs once with its payload and is marked done', async () => {
    const seen: unknown[] = [];
    await enqueue(d.db, { networkId, kind: 'test.ok', payload: { name: 'Herr K.' } });
    const ran = await runDueJobs(d.db, {
      'test.ok': async (_db, job) => {
        seen.push(job.payload);
      },
    });
    assert.equal(ran, 1);
    assert.deepEqual(seen, [{ name: 'Herr K.' }]);
    const job = await jobOf('test.ok');
    assert.equal(job.status, 'done');
    assert.equal(job.attempts, 1);
    assert.ok(job.finished_at);
    assert.equal(await runDueJobs(d.db, { 'test.ok': async () => {} }), 0, 'a done job does not run again');
  });

  test('a job that is not yet due waits', async () => {
    await enqueue(d.db, { networkId, kind: 'test.later', runAt: new Date(Date.now() + 3600_000) });
    let ran = false;
    await runDueJobs(d.db, {
      'test.later': async () => {
        ran = true;
      },
    });
    assert.equal(ran, false);
    assert.equal((await jobOf('test.later')).status, 'pending');
  });

  test('a failing job is retried later with growing backoff, then given up', async () => {
    await d.db
      .insertInto('job')
      .values({ network_id: networkId, kind: 'test.fail', payload: '{}', max_attempts: 3 })
      .execute();
    const failing = {
      'test.fail': async () => {
        throw new Error('SMTP server unreachable');
      },
    };
    const makeDue = () =>
      d.db
        .updateTable('job')
        .set({ run_at: sql`now()` })
        .where('network_id', '=', networkId)
        .where('kind', '=', 'test.fail')
        .execute();

    assert.equal(await runDueJobs(d.db, failing), 1);
    const first = await jobOf('test.fail');
    assert.equal(first.status, 'pending');
    assert.equal(first.attempts, 1);
    assert.equal(first.last_error, 'SMTP server unreachable');
    assert.ok(first.due_in_seconds > 20, 'the retry waits, it does not run again at once');
    assert.equal(await runDueJobs(d.db, failing), 0, 'not retried before its backoff is over');

    await makeDue();
    assert.equal(await runDueJobs(d.db, failing), 1);
    const second = await jobOf('test.fail');
    assert.equal(second.status, 'pending');
    assert.equal(second.attempts, 2);
    assert.ok(second.due_in_seconds > first.due_in_seconds, 'the second wait is longer than the first');

    await makeDue();
    assert.equal(await runDueJobs(d.db, failing), 1);
    const last = await jobOf('test.fail');
    assert.equal(last.status, 'failed');
    assert.equal(last.attempts, 3);
    assert.ok(last.finished_at);
  });

  test('with a dedupe key only one job of a kind is pending', async () => {
    await enqueue(d.db, { networkId, kind: 'test.dedupe', dedupeKey: 'x' });
    await enqueue(d.db, { networkId, kind: 'test.dedupe', dedupeKey: 'x' });
    const rows = await d.db
      .selectFrom('job')
      .select('id')
      .where('network_id', '=', networkId)
      .where('kind', '=', 'test.dedupe')
      .execute();
    assert.equal(rows.length, 1);
  });

  test('the daily clean-up forgets expired sessions and schedules its next run once', async () => {
    const handlers = jobHandlers(loadConfig({ LOG_LEVEL: 'warn' }));
    const account = await sql<{ id: string }>`
      INSERT INTO account (network_id, email, display_name) VALUES (${networkId}, 'prune@example.org', 'P')
      RETURNING id`.execute(d.db);
    const accountId = account.rows[0]!.id;
    await sql`INSERT INTO session (network_id, account_id, id, csrf_token, expires_at)
      VALUES (${networkId}, ${accountId}, 'old', 'x', now() - interval '1 hour'),
             (${networkId}, ${accountId}, 'live', 'y', now() + interval '1 hour')`.execute(d.db);
    await schedulePrune(d.db, networkId);
    await schedulePrune(d.db, networkId); // a second server start adds nothing
    assert.equal(await runDueJobs(d.db, handlers), 1);
    const sessions = await sql<{ id: string }>`
      SELECT id FROM session WHERE network_id = ${networkId}`.execute(d.db);
    assert.deepEqual(
      sessions.rows.map((r) => r.id),
      ['live'],
    );
    const next = await sql<{ hours: number }>`
      SELECT extract(epoch from run_at - now()) / 3600 AS hours FROM job
      WHERE network_id = ${networkId} AND kind = ${pruneJob} AND status = 'pending'`.execute(d.db);
    assert.equal(next.rows.length, 1);
    assert.ok(Math.abs(Number(next.rows[0]!.hours) - 24) < 0.1, `next run in ${next.rows[0]!.hours} h`);
  });
});
