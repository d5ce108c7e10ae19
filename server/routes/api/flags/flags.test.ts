import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { createOrganisation, createUser, type TestUser } from '../../../../test/helpers/factories.ts';
import { hiddenIds, isHidden } from '../../../platform/moderation.ts';
import { indexDocument } from '../../../platform/search.ts';
import { webPaths } from '../../../platform/webPaths.ts';

describe('moderation: flag, hide, dismiss', () => {
  let t: TestApp;
  let admin: TestUser;
  let reporter: TestUser;
  let other: TestUser;
  let orgAdmin: TestUser;
  let pinId: string;
  let orgId: string;
  before(async () => {
    t = await createTestApp();
    admin = await createUser(t, { admin: true });
    reporter = await createUser(t, { displayName: 'Frau M.' });
    other = await createUser(t, { displayName: 'Petra' });
    const org = await createOrganisation(t, { name: 'Stadtteilzentrum Linde' });
    orgId = org.id;
    orgAdmin = await createUser(t, { memberOf: [[org.id, 'admin']] });
    pinId = crypto.randomUUID();
    await indexDocument(t.db, {
      networkId: t.networkId,
      type: 'resource',
      entityType: 'pin',
      entityId: pinId,
      title: 'Billige Uhren kaufen',
      body: 'Werbung für Uhren',
      link: webPaths.resource(pinId),
    });
  });
  after(() => t.close());

  const flag = (headers: TestUser['headers'] | undefined, payload: object) =>
    t.app.inject({ method: 'POST', url: '/api/v1/flags', headers, payload });
  const post = (url: string, headers?: TestUser['headers'], payload?: object) =>
    t.app.inject({ method: 'POST', url, headers, ...(payload ? { payload } : {}) });
  const openFlags = () =>
    t.app.inject({ method: 'GET', url: '/api/v1/admin/flags?status=open', headers: admin.headers });
  const flagCount = async () => (await t.db.selectFrom('flag').select('id').execute()).length;

  test('a signed-in person flags content; the moderators see it with the reporter and a link', async () => {
    const res = await flag(reporter.headers, {
      entityType: 'pin',
      entityId: pinId,
      reason: 'spam',
      note: 'Werbung',
    });
    assert.equal(res.statusCode, 201);
    const page = (await openFlags()).json();
    assert.equal(page.total, 1);
    assert.deepEqual(page.items[0], {
      id: res.json().id,
      entityType: 'pin',
      entityId: pinId,
      reason: 'spam',
      note: 'Werbung',
      status: 'open',
      reporterName: 'Frau M.',
      createdAt: page.items[0].createdAt,
      title: 'Billige Uhren kaufen',
      link: webPaths.resource(pinId),
    });
  });

  test('the queue names what was reported: a person or organisation by name, never a circle', async () => {
    const person = await createUser(t, { displayName: 'Herr Spam' });
    const byName = await flag(reporter.headers, {
      entityType: 'person',
      entityId: person.id,
      reason: 'spam',
    });
    assert.equal(byName.statusCode, 201, byName.body);
    const byOrg = await flag(other.headers, { entityType: 'organisation', entityId: orgId, reason: 'other' });
    assert.equal(byOrg.statusCode, 201, byOrg.body);
    const items = (await openFlags()).json().items as { id: string; title: string; entityType: string }[];
    assert.equal(items.find((i) => i.id === byName.json().id)?.title, 'Herr Spam');
    assert.equal(items.find((i) => i.id === byOrg.json().id)?.title, 'Stadtteilzentrum Linde');
    // a report about a circle from before they could not be reported stays out of the queue
    await t.db
      .insertInto('flag')
      .values({
        network_id: t.networkId,
        entity_type: 'circle_update',
        entity_id: crypto.randomUUID(),
        reporter_id: reporter.id,
        reason: 'abuse',
        note: 'Kreis',
        resolved_by: null,
        resolved_at: null,
      })
      .execute();
    const after = (await openFlags()).json();
    assert.ok(after.items.every((i: { entityType: string }) => !i.entityType.startsWith('circle')));
    assert.equal(after.total, items.length, 'nor counted');
    for (const id of [byName.json().id, byOrg.json().id])
      await post(`/api/v1/admin/flags/${id}/dismiss`, admin.headers);
  });

  test('a second open flag by the same person on the same thing is a 409; another person may flag it', async () => {
    const again = await flag(reporter.headers, { entityType: 'pin', entityId: pinId, reason: 'abuse' });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().code, 'duplicate');
    const second = await flag(other.headers, { entityType: 'pin', entityId: pinId, reason: 'other' });
    assert.equal(second.statusCode, 201);
    assert.equal((await openFlags()).json().total, 2);
  });

  test('bad flags are refused and nothing is written', async () => {
    const before = await flagCount();
    assert.equal(
      (await flag(undefined, { entityType: 'pin', entityId: pinId, reason: 'spam' })).statusCode,
      401,
    );
    assert.equal(
      (await flag(reporter.headers, { entityType: 'pin', entityId: pinId, reason: 'boring' })).statusCode,
      400,
    );
    assert.equal(
      (await flag(reporter.headers, { entityType: 'pin', entityId: 'x', reason: 'spam' })).statusCode,
      400,
    );
    assert.equal(
      (await flag(reporter.headers, { entityType: 'Pin Drop', entityId: pinId, reason: 'spam' })).statusCode,
      400,
    );
    assert.equal(
      (
        await flag(reporter.headers, {
          entityType: 'pin',
          entityId: pinId,
          reason: 'spam',
          note: 'x'.repeat(1001),
        })
      ).statusCode,
      400,
    );
    const ghost = await flag(reporter.headers, {
      entityType: 'organisation',
      entityId: '00000000-0000-4000-8000-000000000000',
      reason: 'spam',
    });
    assert.equal(ghost.statusCode, 404);
    assert.equal(await flagCount(), before);
  });

  test('only instance admins moderate: 401 anonymous, 403 citizens and organisation admins', async () => {
    const id = (await openFlags()).json().items[0].id;
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/admin/flags' })).statusCode, 401);
    assert.equal(
      (await t.app.inject({ method: 'GET', url: '/api/v1/admin/flags', headers: orgAdmin.headers }))
        .statusCode,
      403,
    );
    assert.equal(
      (await post(`/api/v1/admin/flags/${id}/hide`, undefined, { reason: 'Spam' })).statusCode,
      401,
    );
    assert.equal(
      (await post(`/api/v1/admin/flags/${id}/hide`, reporter.headers, { reason: 'Spam' })).statusCode,
      403,
    );
    assert.equal((await post(`/api/v1/admin/flags/${id}/dismiss`, orgAdmin.headers)).statusCode, 403);
    assert.equal((await openFlags()).json().total, 2);
    assert.equal(await isHidden(t.db, t.networkId, 'pin', pinId), false);
  });

  test('searching finds the content before it is hidden', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/search?q=Uhren' });
    assert.equal(res.json().total, 1);
  });

  test('hiding resolves every open flag on the thing, takes it out of search and is audited', async () => {
    const id = (await openFlags()).json().items[0].id;
    const res = await post(`/api/v1/admin/flags/${id}/hide`, admin.headers, { reason: 'Werbung' });
    assert.equal(res.statusCode, 204);
    assert.equal((await openFlags()).json().total, 0);
    const hidden = await t.app.inject({
      method: 'GET',
      url: '/api/v1/admin/flags?status=hidden',
      headers: admin.headers,
    });
    assert.equal(hidden.json().total, 2);
    assert.equal(await isHidden(t.db, t.networkId, 'pin', pinId), true);
    const other = crypto.randomUUID();
    assert.deepEqual([...(await hiddenIds(t.db, t.networkId, 'pin', [pinId, other]))], [pinId]);
    assert.equal((await hiddenIds(t.db, t.networkId, 'pin', [])).size, 0);
    const search = await t.app.inject({ method: 'GET', url: '/api/v1/search?q=Uhren' });
    assert.equal(search.json().total, 0);
    const log = await t.db
      .selectFrom('audit_log')
      .select(['actor_id', 'entity_type', 'entity_id'])
      .where('action', '=', 'content.hidden')
      .executeTakeFirstOrThrow();
    assert.deepEqual(log, { actor_id: admin.id, entity_type: 'pin', entity_id: pinId });
    const twice = await post(`/api/v1/admin/flags/${id}/hide`, admin.headers, { reason: 'Werbung' });
    assert.equal(twice.statusCode, 409);
  });

  test('dismissing closes one flag and hides nothing; an unknown flag is 404', async () => {
    const res = await flag(reporter.headers, {
      entityType: 'organisation',
      entityId: orgId,
      reason: 'other',
    });
    assert.equal(res.statusCode, 201);
    const dismissed = await post(`/api/v1/admin/flags/${res.json().id}/dismiss`, admin.headers);
    assert.equal(dismissed.statusCode, 204);
    assert.equal(await isHidden(t.db, t.networkId, 'organisation', orgId), false);
    const row = await t.db
      .selectFrom('flag')
      .select(['status', 'resolved_by'])
      .where('id', '=', res.json().id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { status: 'dismissed', resolved_by: admin.id });
    // after a dismissal the same person may flag it again
    const again = await flag(reporter.headers, {
      entityType: 'organisation',
      entityId: orgId,
      reason: 'abuse',
    });
    assert.equal(again.statusCode, 201);
    const unknown = await post(
      '/api/v1/admin/flags/00000000-0000-4000-8000-000000000000/dismiss',
      admin.headers,
    );
    assert.equal(unknown.statusCode, 404);
    const blank = await post(`/api/v1/admin/flags/${again.json().id}/hide`, admin.headers, { reason: ' ' });
    assert.equal(blank.statusCode, 422);
    assert.equal(await isHidden(t.db, t.networkId, 'organisation', orgId), false);
  });

  test('whoever reported something hears the outcome, once, without who decided or why; the moderator is not told', async () => {
    const earlier = new Set((await t.db.selectFrom('notification').select('id').execute()).map((n) => n.id));
    const notices = async () =>
      (
        await t.db
          .selectFrom('notification')
          .select(['id', 'account_id', 'kind', 'params', 'link'])
          .orderBy('created_at')
          .orderBy('account_id')
          .execute()
      ).filter((n) => !earlier.has(n.id));
    const reportedAt = async (id: string) =>
      (
        await t.db.selectFrom('flag').select('created_at').where('id', '=', id).executeTakeFirstOrThrow()
      ).created_at.toISOString();

    const pin = crypto.randomUUID();
    await indexDocument(t.db, {
      networkId: t.networkId,
      type: 'resource',
      entityType: 'pin',
      entityId: pin,
      title: 'Falsche Öffnungszeiten',
      body: '',
      link: webPaths.resource(pin),
    });
    const byReporter = (
      await flag(reporter.headers, { entityType: 'pin', entityId: pin, reason: 'spam' })
    ).json().id;
    const byOther = (await flag(other.headers, { entityType: 'pin', entityId: pin, reason: 'abuse' })).json()
      .id;
    const byAdmin = (await flag(admin.headers, { entityType: 'pin', entityId: pin, reason: 'other' })).json()
      .id;
    const hide = await post(`/api/v1/admin/flags/${byAdmin}/hide`, admin.headers, {
      reason: 'Geheime Notiz der Moderation',
    });
    assert.equal(hide.statusCode, 204);
    const told = (await notices()).map(({ id: _, ...n }) => n);
    const hidden = (account_id: string, at: string) => ({
      account_id,
      kind: 'flag.hidden',
      params: { reported: 'Falsche Öffnungszeiten', reportedAt: at },
      link: null,
    });
    assert.deepEqual(
      told.sort((a, b) => a.account_id.localeCompare(b.account_id)),
      [hidden(reporter.id, await reportedAt(byReporter)), hidden(other.id, await reportedAt(byOther))].sort(
        (a, b) => a.account_id.localeCompare(b.account_id),
      ),
    );
    assert.doesNotMatch(JSON.stringify(told), /Geheime|Notiz/);
    assert.ok(!told.some((n) => n.account_id === admin.id));

    // dismissed: a person is named by their name, a thing nobody can name by nothing
    const person = (
      await flag(reporter.headers, { entityType: 'person', entityId: other.id, reason: 'abuse' })
    ).json().id;
    assert.equal((await post(`/api/v1/admin/flags/${person}/dismiss`, admin.headers)).statusCode, 204);
    const comment = (
      await flag(reporter.headers, { entityType: 'comment', entityId: crypto.randomUUID(), reason: 'other' })
    ).json().id;
    assert.equal((await post(`/api/v1/admin/flags/${comment}/dismiss`, admin.headers)).statusCode, 204);
    const own = (
      await flag(admin.headers, { entityType: 'person', entityId: other.id, reason: 'other' })
    ).json().id;
    assert.equal((await post(`/api/v1/admin/flags/${own}/dismiss`, admin.headers)).statusCode, 204);
    const later = (await notices()).slice(2).map(({ id: _, ...n }) => n);
    assert.deepEqual(later, [
      {
        account_id: reporter.id,
        kind: 'flag.dismissed',
        params: { reported: 'Petra', reportedAt: await reportedAt(person) },
        link: null,
      },
      {
        account_id: reporter.id,
        kind: 'flag.dismissed',
        params: { reported: '', reportedAt: await reportedAt(comment) },
        link: null,
      },
    ]);
    // and the reporter sees it in their list
    const list = await t.app.inject({ url: '/api/v1/notifications', headers: reporter.headers });
    assert.equal(list.json().items[0].kind, 'flag.dismissed');
    assert.equal(list.json().items[0].link, null);
  });
});
