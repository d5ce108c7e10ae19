import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { freshDatabase } from '../../test/helpers/app.ts';
import type { Database } from '../db/connect.ts';
import { sendMail } from './mail.ts';
import { ensureNetwork } from './network.ts';

describe('sendMail', () => {
  let d: Database;
  let networkId: string;
  before(async () => {
    d = await freshDatabase();
    networkId = (await ensureNetwork(d.db, { slug: 'mail', name: 'Mail' })).network.id;
  });
  after(() => d.close());

  test('without SMTP the mail is kept in the outbox as held, and no delivery is scheduled', async () => {
    await sendMail(
      d.db,
      { networkId, to: 'tochter@example.org', subject: 'Einladung', text: 'Guten Tag' },
      false,
    );
    const mail = await d.db
      .selectFrom('outbox_email')
      .selectAll()
      .where('network_id', '=', networkId)
      .where('to_address', '=', 'tochter@example.org')
      .executeTakeFirstOrThrow();
    assert.equal(mail.status, 'held');
    assert.equal(mail.subject, 'Einladung');
    assert.equal(mail.body_text, 'Guten Tag');
    const jobs = await d.db.selectFrom('job').select('id').where('kind', '=', 'mail.deliver').execute();
    assert.equal(jobs.length, 0);
  });

  test('with SMTP the mail is queued and one delivery job is scheduled', async () => {
    for (const to of ['a@example.org', 'b@example.org']) {
      await sendMail(d.db, { networkId, to, subject: 'Hallo', text: 'Text' }, true);
    }
    const queued = await d.db
      .selectFrom('outbox_email')
      .select('status')
      .where('network_id', '=', networkId)
      .where('subject', '=', 'Hallo')
      .execute();
    assert.deepEqual(
      queued.map((m) => m.status),
      ['queued', 'queued'],
    );
    const jobs = await d.db
      .selectFrom('job')
      .select('status')
      .where('network_id', '=', networkId)
      .where('kind', '=', 'mail.deliver')
      .execute();
    assert.deepEqual(jobs, [{ status: 'pending' }]);
  });

  test('a mail written in a transaction that rolls back is not in the outbox', async () => {
    await assert.rejects(
      d.db.transaction().execute(async (tx) => {
        await sendMail(tx, { networkId, to: 'weg@example.org', subject: 'x', text: 'y' }, false);
        throw new Error('rollback');
      }),
    );
    const rows = await d.db
      .selectFrom('outbox_email')
      .select('id')
      .where('to_address', '=', 'weg@example.org')
      .execute();
    assert.equal(rows.length, 0);
  });
});
