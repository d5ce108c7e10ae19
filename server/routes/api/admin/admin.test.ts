import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import {
  createOrganisation,
  createUser,
  type TestUser,
  testPassword,
} from '../../../../test/helpers/factories.ts';
import { audit } from '../../../platform/audit.ts';
import { sendMail } from '../../../platform/mail.ts';

describe('admin: outbox, audit log, accounts', () => {
  let t: TestApp;
  let admin: TestUser;
  let citizen: TestUser;
  let orgAdmin: TestUser;
  before(async () => {
    t = await createTestApp();
    admin = await createUser(t, { admin: true, displayName: 'Ines Admin' });
    citizen = await createUser(t, { displayName: 'Jonas Student' });
    const org = await createOrganisation(t);
    orgAdmin = await createUser(t, { memberOf: [[org.id, 'admin']] });
  });
  after(() => t.close());

  const get = (url: string, headers?: TestUser['headers']) => t.app.inject({ method: 'GET', url, headers });
  const post = (url: string, headers?: TestUser['headers'], payload?: object) =>
    t.app.inject({ method: 'POST', url, headers, ...(payload ? { payload } : {}) });

  test('the outbox lists held mails newest first, filters by status, and each reading is audited', async () => {
    await sendMail(
      t.db,
      { networkId: t.networkId, to: 'erste@example.org', subject: 'Erste', text: 'A' },
      false,
    );
    await sendMail(
      t.db,
      { networkId: t.networkId, to: 'zweite@example.org', subject: 'Zweite', text: 'B' },
      false,
    );
    await sendMail(
      t.db,
      { networkId: t.networkId, to: 'dritte@example.org', subject: 'Dritte', text: 'C' },
      true,
    );
    const res = await get('/api/v1/admin/outbox?status=held&limit=10', admin.headers);
    assert.equal(res.statusCode, 200);
    const page = res.json();
    assert.equal(page.total, 2);
    assert.deepEqual(
      page.items.map((m: { to: string }) => m.to),
      ['zweite@example.org', 'erste@example.org'],
    );
    const m = page.items[0];
    assert.deepEqual(Object.keys(m).sort(), [
      'attempts',
      'body',
      'createdAt',
      'id',
      'lastError',
      'sentAt',
      'status',
      'subject',
      'to',
    ]);
    assert.equal(m.status, 'held');
    assert.equal(m.body, 'B');
    assert.equal(m.sentAt, null);
    const all = await get('/api/v1/admin/outbox', admin.headers);
    assert.equal(all.json().total, 3);
    const reads = await t.db
      .selectFrom('audit_log')
      .select(['actor_id', 'details'])
      .where('action', '=', 'outbox.read')
      .execute();
    assert.equal(reads.length, 2);
    assert.equal(reads[0]!.actor_id, admin.id);
  });

  test('the outbox is closed to anonymous (401), citizens and organisation admins (403), and not audited for them', async () => {
    const before = await t.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'outbox.read')
      .execute();
    assert.equal((await get('/api/v1/admin/outbox')).statusCode, 401);
    assert.equal((await get('/api/v1/admin/outbox', citizen.headers)).statusCode, 403);
    assert.equal((await get('/api/v1/admin/outbox', orgAdmin.headers)).statusCode, 403);
    assert.equal((await get('/api/v1/admin/outbox?status=lost', admin.headers)).statusCode, 400);
    assert.equal((await get('/api/v1/admin/outbox?limit=1000', admin.headers)).statusCode, 400);
    const after = await t.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'outbox.read')
      .execute();
    assert.equal(after.length, before.length);
  });

  test('the audit log shows who did what with their name, filtered by action and entity', async () => {
    const res = await get('/api/v1/admin/audit?action=outbox.read&entityType=outbox_email', admin.headers);
    assert.equal(res.statusCode, 200);
    const page = res.json();
    assert.ok(page.total >= 2);
    const e = page.items[0];
    assert.equal(e.actorId, admin.id);
    assert.equal(e.actorName, 'Ines Admin');
    assert.equal(e.action, 'outbox.read');
    assert.equal(typeof e.id, 'number');
    assert.equal(typeof e.details, 'object');
    assert.ok(!Number.isNaN(Date.parse(e.at)));
    const none = await get(`/api/v1/admin/audit?entityId=${citizen.id}`, admin.headers);
    assert.equal(none.json().total, 0);
    assert.equal((await get('/api/v1/admin/audit')).statusCode, 401);
    assert.equal((await get('/api/v1/admin/audit', orgAdmin.headers)).statusCode, 403);
    assert.equal((await get('/api/v1/admin/audit?actorId=x', admin.headers)).statusCode, 400);
  });

  test('the audit log is filtered by choice: its actions, entity types and actors, never a circle’s', async () => {
    await audit(t.db, {
      networkId: t.networkId,
      actorId: citizen.id,
      action: 'circle.created',
      entityType: 'circle',
      entityId: crypto.randomUUID(),
    });
    const res = await get('/api/v1/admin/audit/filters', admin.headers);
    assert.equal(res.statusCode, 200, res.body);
    const f = res.json() as {
      actions: string[];
      entityTypes: string[];
      actors: { id: string; name: string }[];
    };
    assert.ok(f.actions.includes('outbox.read'), f.actions.join());
    assert.ok(f.entityTypes.includes('outbox_email'));
    assert.ok(f.actors.some((a) => a.id === admin.id && a.name === 'Ines Admin'));
    assert.ok(!f.actions.some((a) => a.startsWith('circle.')), 'no circle action is offered');
    assert.ok(!f.entityTypes.includes('circle'));
    assert.ok(!f.actors.some((a) => a.id === citizen.id), 'nor someone whose only entry is about a circle');
    assert.deepEqual([...f.actions].sort(), f.actions, 'sorted');

    const mine = (await get(`/api/v1/admin/audit?actorId=${admin.id}`, admin.headers)).json();
    assert.ok(mine.total >= 2);
    assert.ok(mine.items.every((e: { actorId: string }) => e.actorId === admin.id));
    const paged = (
      await get(`/api/v1/admin/audit?actorId=${admin.id}&limit=1&offset=1`, admin.headers)
    ).json();
    assert.equal(paged.total, mine.total, 'paging keeps the filter');
    assert.equal(paged.items[0].id, mine.items[1].id);
    assert.equal((await get('/api/v1/admin/audit/filters')).statusCode, 401);
    assert.equal((await get('/api/v1/admin/audit/filters', orgAdmin.headers)).statusCode, 403);
  });

  test('accounts are listed and searched by name or email', async () => {
    const res = await get('/api/v1/admin/accounts?q=jonas', admin.headers);
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().total, 1);
    assert.deepEqual(res.json().items[0], {
      id: citizen.id,
      displayName: 'Jonas Student',
      email: citizen.email,
      isInstanceAdmin: false,
      blocked: false,
      createdAt: res.json().items[0].createdAt,
    });
    const byMail = await get(`/api/v1/admin/accounts?q=${encodeURIComponent(admin.email)}`, admin.headers);
    assert.equal(byMail.json().items[0].id, admin.id);
    const all = await get('/api/v1/admin/accounts', admin.headers);
    assert.equal(all.json().total, 3);
    assert.equal((await get('/api/v1/admin/accounts')).statusCode, 401);
    assert.equal((await get('/api/v1/admin/accounts', citizen.headers)).statusCode, 403);
  });

  test('blocking signs the person out everywhere and stops sign-in; unblocking lets them in again', async () => {
    const victim = await createUser(t);
    const res = await post(`/api/v1/admin/accounts/${victim.id}/block`, admin.headers, { reason: 'Spam' });
    assert.equal(res.statusCode, 204);
    const session = await get('/api/v1/session', victim.headers);
    assert.equal(session.json().account, null, 'the old session is gone');
    const signIn = await post('/api/v1/session', undefined, { email: victim.email, password: testPassword });
    assert.notEqual(signIn.statusCode, 200);
    const listed = await get(`/api/v1/admin/accounts?q=${encodeURIComponent(victim.email)}`, admin.headers);
    assert.equal(listed.json().items[0].blocked, true);
    const row = await t.db
      .selectFrom('account')
      .select(['blocked_reason'])
      .where('id', '=', victim.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.blocked_reason, 'Spam');
    const log = await t.db
      .selectFrom('audit_log')
      .select(['actor_id', 'details'])
      .where('action', '=', 'account.blocked')
      .where('entity_id', '=', victim.id)
      .executeTakeFirstOrThrow();
    assert.equal(log.actor_id, admin.id);

    const un = await post(`/api/v1/admin/accounts/${victim.id}/unblock`, admin.headers);
    assert.equal(un.statusCode, 204);
    const again = await post('/api/v1/session', undefined, { email: victim.email, password: testPassword });
    assert.equal(again.statusCode, 200);
  });

  test('an admin cannot block themselves (422); others cannot block at all; nothing changes', async () => {
    const self = await post(`/api/v1/admin/accounts/${admin.id}/block`, admin.headers, {
      reason: 'Versehen',
    });
    assert.equal(self.statusCode, 422);
    assert.equal(self.json().code, 'account.block_self');
    assert.equal(
      (await post(`/api/v1/admin/accounts/${citizen.id}/block`, undefined, { reason: 'x' })).statusCode,
      401,
    );
    assert.equal(
      (await post(`/api/v1/admin/accounts/${citizen.id}/block`, orgAdmin.headers, { reason: 'x' }))
        .statusCode,
      403,
    );
    assert.equal(
      (await post(`/api/v1/admin/accounts/${citizen.id}/unblock`, citizen.headers)).statusCode,
      403,
    );
    assert.equal(
      (await post(`/api/v1/admin/accounts/${citizen.id}/block`, admin.headers, { reason: '  ' })).statusCode,
      422,
    );
    assert.equal(
      (await post(`/api/v1/admin/accounts/${citizen.id}/block`, admin.headers, {})).statusCode,
      400,
    );
    const unknown = await post(
      '/api/v1/admin/accounts/00000000-0000-4000-8000-000000000000/block',
      admin.headers,
      {
        reason: 'x',
      },
    );
    assert.equal(unknown.statusCode, 404);
    const blocked = await t.db
      .selectFrom('account')
      .select('id')
      .where('blocked_at', 'is not', null)
      .execute();
    assert.equal(blocked.length, 0);
    assert.equal((await get('/api/v1/session', citizen.headers)).json().account.id, citizen.id);
  });
});
