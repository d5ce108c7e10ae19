import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { freshDatabase } from '../../test/helpers/app.ts';
import type { Database } from '../db/connect.ts';
import { mailDeliveryJob, redacted, redactSecrets, sendMail } from './mail.ts';
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

  test('a secret is shown redacted from the start and leaves the delivered text once delivery is given up', async () => {
    const secret = 'Zx9_token-only-for-the-recipient-0123456789';
    await sendMail(
      d.db,
      {
        networkId,
        to: 'geheim@example.org',
        subject: 'Ihr Anmeldelink',
        text: `Hier: https://kp.example/anmelden/link#${secret} (gilt 60 Minuten)`,
        secrets: [secret],
      },
      true,
    );
    const row = () =>
      d.db
        .selectFrom('outbox_email')
        .select(['status', 'body_text', 'body_shown'])
        .where('to_address', '=', 'geheim@example.org')
        .executeTakeFirstOrThrow();
    const queued = await row();
    assert.equal(queued.body_shown, `Hier: https://kp.example/anmelden/link#${redacted} (gilt 60 Minuten)`);
    assert.ok(queued.body_text.includes(secret), 'delivery still needs it');
    // nothing listens on port 9: every attempt fails, and the fifth gives up
    const deliver = mailDeliveryJob('smtp://127.0.0.1:9', 'test@example.org');
    for (let i = 0; i < 5; i++) await deliver(d.db, { networkId, id: 0, payload: {}, attempt: 1 });
    const failed = await row();
    assert.equal(failed.status, 'failed');
    assert.equal(failed.body_text, failed.body_shown);
  });

  test('headers are kept for delivery, shown with their secrets redacted, and redacted once given up', async () => {
    const secret = 'Ab3_unsubscribe-token-only-for-the-recipient-99';
    const url = `https://kp.example/api/v1/digest/unsubscribe?token=${secret}`;
    await sendMail(
      d.db,
      {
        networkId,
        to: 'kopf@example.org',
        subject: 'Ihre Zusammenfassung',
        text: `Abbestellen: ${url}`,
        secrets: [secret],
        headers: { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
      },
      true,
    );
    const row = () =>
      d.db
        .selectFrom('outbox_email')
        .select(['status', 'headers', 'headers_shown'])
        .where('to_address', '=', 'kopf@example.org')
        .executeTakeFirstOrThrow();
    const queued = await row();
    assert.equal(queued.headers['List-Unsubscribe'], `<${url}>`);
    assert.equal(
      queued.headers_shown['List-Unsubscribe'],
      `<https://kp.example/api/v1/digest/unsubscribe?token=${redacted}>`,
    );
    assert.equal(queued.headers_shown['List-Unsubscribe-Post'], 'List-Unsubscribe=One-Click');
    const deliver = mailDeliveryJob('smtp://127.0.0.1:9', 'test@example.org');
    for (let i = 0; i < 5; i++) await deliver(d.db, { networkId, id: 0, payload: {}, attempt: 1 });
    const failed = await row();
    assert.equal(failed.status, 'failed');
    assert.deepEqual(failed.headers, failed.headers_shown);
  });

  test('the delivery passes the headers on to the mail server, then keeps only the redacted ones', async () => {
    // a mail server that takes everything and keeps what it was sent
    const received: string[] = [];
    const smtp: Server = createServer((socket) => {
      let data = false;
      let buffer = '';
      socket.write('220 test ESMTP\r\n');
      socket.on('data', (chunk) => {
        buffer += chunk.toString('utf8');
        for (;;) {
          if (data) {
            const end = buffer.indexOf('\r\n.\r\n');
            if (end < 0) return;
            received.push(buffer.slice(0, end));
            buffer = buffer.slice(end + 5);
            data = false;
            socket.write('250 OK\r\n');
            continue;
          }
          const nl = buffer.indexOf('\r\n');
          if (nl < 0) return;
          const line = buffer.slice(0, nl).toUpperCase();
          buffer = buffer.slice(nl + 2);
          if (line.startsWith('EHLO') || line.startsWith('HELO')) socket.write('250 test\r\n');
          else if (line.startsWith('DATA')) {
            data = true;
            socket.write('354 go on\r\n');
          } else if (line.startsWith('QUIT')) socket.end('221 bye\r\n');
          else socket.write('250 OK\r\n');
        }
      });
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.address() as { port: number }).port;
    try {
      const secret = 'Qw7_one-click-token-for-the-header-only-000111';
      const url = `https://kp.example/api/v1/digest/unsubscribe?token=${secret}`;
      await sendMail(
        d.db,
        {
          networkId,
          to: 'zustellung@example.org',
          subject: 'Zusammenfassung',
          text: 'Neues',
          secrets: [secret],
          headers: { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
        },
        true,
      );
      await d.db
        .updateTable('outbox_email')
        .set({ status: 'held' })
        .where('status', '=', 'queued')
        .where('to_address', '<>', 'zustellung@example.org')
        .execute();
      await mailDeliveryJob(`smtp://127.0.0.1:${port}`, 'test@example.org')(d.db, {
        networkId,
        id: 0,
        payload: {},
        attempt: 1,
      });
      const raw = received.join('\n').replace(/\r\n[ \t]+/g, ' ');
      assert.match(raw, /^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
      assert.ok(raw.includes(`List-Unsubscribe: <${url}>`), raw);
      const sent = await d.db
        .selectFrom('outbox_email')
        .select(['status', 'headers'])
        .where('to_address', '=', 'zustellung@example.org')
        .executeTakeFirstOrThrow();
      assert.equal(sent.status, 'sent');
      assert.ok(!JSON.stringify(sent.headers).includes(secret), 'the secret left the database');
    } finally {
      await new Promise((resolve) => smtp.close(resolve));
    }
  });

  test('redactSecrets replaces every occurrence, the longer secret first', () => {
    assert.equal(redactSecrets('a abc b abc', ['abc', 'abc b']), `a ${redacted} ${redacted}`);
    assert.equal(redactSecrets('kein Geheimnis', []), 'kein Geheimnis');
    assert.equal(redactSecrets('leer', ['']), 'leer');
  });
});
