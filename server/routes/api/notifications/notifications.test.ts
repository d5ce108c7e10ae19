import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { createUser, type TestUser } from '../../../../test/helpers/factories.ts';
import { notify } from '../../../platform/notifications.ts';
import { webPaths } from '../../../platform/webPaths.ts';

describe('notifications', () => {
  let t: TestApp;
  let aylin: TestUser;
  let jonas: TestUser;
  let admin: TestUser;
  before(async () => {
    t = await createTestApp();
    aylin = await createUser(t);
    jonas = await createUser(t);
    admin = await createUser(t, { admin: true });
    for (const [i, who] of [aylin, aylin, aylin, jonas].entries()) {
      await notify(t.db, {
        networkId: t.networkId,
        accountId: who.id,
        kind: 'circle.need_unclaimed',
        params: { title: `Fahrt ${i}`, when: `Tag ${i}` },
        link: webPaths.circle(`c${i}`),
      });
      // a minute apart: written within the same millisecond, "newest first" would be a coin toss
      await t.db
        .updateTable('notification')
        .set({ created_at: new Date(Date.now() - (10 - i) * 60_000) })
        .where('link', '=', webPaths.circle(`c${i}`))
        .execute();
    }
  });
  after(() => t.close());

  const list = (headers?: TestUser['headers'], query = '') =>
    t.app.inject({ method: 'GET', url: `/api/v1/notifications${query}`, headers });
  const post = (url: string, headers?: TestUser['headers']) => t.app.inject({ method: 'POST', url, headers });

  test('a person sees only their own notifications, newest first, with the unread count', async () => {
    const res = await list(aylin.headers);
    assert.equal(res.statusCode, 200);
    const page = res.json();
    assert.equal(page.total, 3);
    assert.equal(page.unreadCount, 3);
    assert.equal(page.limit, 20);
    assert.equal(page.offset, 0);
    assert.deepEqual(
      page.items.map((n: { params: { title: string } }) => n.params.title),
      ['Fahrt 2', 'Fahrt 1', 'Fahrt 0'],
    );
    const n = page.items[0];
    assert.equal(n.kind, 'circle.need_unclaimed');
    assert.deepEqual(n.params, { title: 'Fahrt 2', when: 'Tag 2' });
    assert.equal(n.link, '/kreise/c2');
    assert.equal(n.readAt, null);
    const other = (await list(jonas.headers)).json();
    assert.equal(other.total, 1);
  });

  test('marking one read changes the unread filter and count', async () => {
    const first = (await list(aylin.headers)).json().items[0];
    const res = await post(`/api/v1/notifications/${first.id}/read`, aylin.headers);
    assert.equal(res.statusCode, 204);
    const unread = (await list(aylin.headers, '?unread=true')).json();
    assert.equal(unread.total, 2);
    assert.equal(unread.unreadCount, 2);
    assert.ok(!unread.items.some((n: { id: string }) => n.id === first.id));
    const all = (await list(aylin.headers)).json();
    assert.equal(all.total, 3);
    assert.ok(all.items[0].readAt);
  });

  test("someone else's notification is not found, even for an instance admin, and stays unread", async () => {
    const theirs = (await list(jonas.headers)).json().items[0];
    assert.equal((await post(`/api/v1/notifications/${theirs.id}/read`, aylin.headers)).statusCode, 404);
    assert.equal((await post(`/api/v1/notifications/${theirs.id}/read`, admin.headers)).statusCode, 404);
    assert.equal(
      (await post('/api/v1/notifications/00000000-0000-4000-8000-000000000000/read', aylin.headers))
        .statusCode,
      404,
    );
    assert.equal((await post('/api/v1/notifications/kein-uuid/read', aylin.headers)).statusCode, 400);
    assert.equal((await list(jonas.headers)).json().unreadCount, 1);
  });

  test('read-all marks all of mine and nobody else’s', async () => {
    const res = await post('/api/v1/notifications/read-all', aylin.headers);
    assert.equal(res.statusCode, 204);
    assert.equal((await list(aylin.headers)).json().unreadCount, 0);
    assert.equal((await list(aylin.headers, '?unread=true')).json().total, 0);
    assert.equal((await list(jonas.headers)).json().unreadCount, 1);
  });

  test('anonymous visitors get 401; bad queries 400', async () => {
    assert.equal((await list()).statusCode, 401);
    assert.equal((await post('/api/v1/notifications/read-all')).statusCode, 401);
    assert.equal((await list(aylin.headers, '?unread=vielleicht')).statusCode, 400);
    assert.equal((await list(aylin.headers, '?limit=0')).statusCode, 400);
    assert.equal((await list(aylin.headers, '?sort=old')).statusCode, 400);
  });
});
