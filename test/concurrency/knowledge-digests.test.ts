import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { runDigests, sendDigest } from '../../server/areas/knowledge/digests/commands/sendDigest.ts';
import { localParts, zonedTime } from '../../server/platform/localTime.ts';
import type { TestApp } from '../helpers/app.ts';
import { createOrganisation, createUser, type TestUser } from '../helpers/factories.ts';
import { createPostgresTestApp } from './postgres.ts';

/** 08:00 local time `days` after now: later than anything written here. */
function morning(days: number) {
  const p = localParts(new Date(Date.now() + days * 24 * 3600_000));
  return zonedTime(p.year, p.month, p.day, 8 * 60);
}

describe('never more than one digest a day (PostgreSQL, workers at once)', () => {
  let t: TestApp;
  let readers: TestUser[];

  const mails = async (to: string) =>
    (await t.db.selectFrom('outbox_email').select('id').where('to_address', '=', to).execute()).length;

  before(async () => {
    t = await createPostgresTestApp();
    const org = await createOrganisation(t, { name: 'Stadtteilbüro' });
    const writer = await createUser(t, { memberOf: [[org.id, 'staff']] });
    readers = [];
    for (let i = 0; i < 12; i++) {
      const u = await createUser(t, { displayName: `Leserin ${i + 1}` });
      const put = (url: string, payload?: object) =>
        t.app.inject({
          method: 'PUT',
          url: `/api/v1${url}`,
          headers: u.headers,
          ...(payload ? { payload } : {}),
        });
      assert.equal((await put(`/follows/organisation/${org.id}`)).statusCode, 204);
      assert.equal((await put('/digest/settings', { frequency: 'daily' })).statusCode, 200);
      readers.push(u);
    }
    await t.db
      .insertInto('news_post')
      .values({
        network_id: t.networkId,
        organisation_id: org.id,
        title: 'Sprechstunde verlegt',
        body: 'Ab Montag im Rathaus.',
        status: 'published',
        published_at: new Date(),
        author_id: writer.id,
      })
      .execute();
  });
  after(() => t.close());

  test('two digest runs at the same moment write one email per person', async () => {
    const at = morning(1);
    const [a, b] = await Promise.all([
      runDigests(t.db, t.networkId, t.app.deps.config, at),
      runDigests(t.db, t.networkId, t.app.deps.config, at),
    ]);
    assert.equal(a.sent + b.sent, readers.length, `${a.sent} + ${b.sent}`);
    for (const r of readers) assert.equal(await mails(r.email), 1, r.displayName);
    const logged = await t.db.selectFrom('knowledge_digest_log').select('account_id').execute();
    assert.equal(logged.length, readers.length);
  });

  test('eight workers making one person’s digest at once: one email, and the database refuses a second day row', async () => {
    const reader = readers[0]!;
    await t.db
      .updateTable('news_post')
      .set({ published_at: new Date(morning(1).getTime() + 3600_000) })
      .execute();
    const at = morning(2);
    const results = await Promise.all(
      Array.from({ length: 8 }, () => sendDigest(t.db, t.networkId, reader.id, t.app.deps.config, at)),
    );
    assert.equal(results.filter(Boolean).length, 1, JSON.stringify(results));
    assert.equal(await mails(reader.email), 2);
    const local_day = localParts(at);
    const day = `${local_day.year}-${String(local_day.month).padStart(2, '0')}-${String(local_day.day).padStart(2, '0')}`;
    await assert.rejects(
      t.db
        .insertInto('knowledge_digest_log')
        .values({ network_id: t.networkId, account_id: reader.id, local_day: day })
        .execute(),
      /duplicate key/,
    );
  });
});
