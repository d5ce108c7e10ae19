import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { createUser } from '../../../../test/helpers/factories.ts';
import { seedDemoTown } from '../../../seed/demo.ts';

/**
 * The demo town's communities, as a visitor and the people in them meet them: the translocal
 * Repair-Café in three towns with its public talk, the women's breakfast by request whose talk stays
 * with its members (one request waiting for Fatma), and an online-only circle.
 */
describe('places communities: the demo seed', () => {
  let t: TestApp;
  const get = (url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers });

  before(async () => {
    t = await createTestApp();
    await seedDemoTown(t.db, t.networkId);
  });
  after(() => t.close());

  test('three communities: translocal with two other towns, local by request, online only', async () => {
    const list = (await get('/places/communities')).json();
    const bySlug = new Map(list.items.map((c: { slug: string }) => [c.slug, c]));
    const repair = bySlug.get('repair-cafe-lindenbrueck') as Record<string, unknown>;
    assert.equal(repair.space, 'translocal');
    assert.deepEqual(repair.towns, ['Auental', 'Birkheim']);
    assert.equal(repair.joining, 'open');
    assert.ok((repair.members as number) >= 5);
    const breakfast = bySlug.get('frauenfruehstueck-am-bahnhof') as Record<string, unknown>;
    assert.deepEqual([breakfast.space, breakfast.joining], ['local', 'request']);
    assert.equal((breakfast.district as { name: string }).name, 'Am Bahnhof');
    assert.equal(breakfast.members, 6, 'six women: shown, since five or more stand behind it');
    const online = list.items.find((c: { space: string }) => c.space === 'online');
    assert.ok(online, 'an online-only community');
    assert.ok(
      (await get('/search?q=Repair-Caf%C3%A9'))
        .json()
        .items.some((h: { type: string }) => h.type === 'community'),
    );
  });

  test('the Repair-Café’s talk is public; the breakfast’s exists for its members only; Fatma has a request to answer', async () => {
    const repairThreads = (await get('/places/communities/repair-cafe-lindenbrueck')).json();
    const open = (await get(`/places/communities/${repairThreads.id}/threads`)).json();
    assert.equal(open.total, 1);
    assert.equal(open.items[0].replyCount, 2);
    assert.equal((await get(`/discussions/threads/${open.items[0].id}`)).statusCode, 200);

    const breakfast = (await get('/places/communities/frauenfruehstueck-am-bahnhof')).json();
    assert.equal((await get(`/places/communities/${breakfast.id}/threads`)).statusCode, 404);
    const thread = await t.db
      .selectFrom('discussion_thread')
      .select('id')
      .where('community_id', '=', breakfast.id)
      .executeTakeFirstOrThrow();
    assert.equal((await get(`/discussions/threads/${thread.id}`)).statusCode, 404);
    const stranger = await createUser(t);
    assert.equal((await get(`/discussions/threads/${thread.id}`, stranger.headers)).statusCode, 404);
    const waiting = await t.db
      .selectFrom('community_member as m')
      .innerJoin('account as a', 'a.id', 'm.account_id')
      .select('a.display_name')
      .where('m.community_id', '=', breakfast.id)
      .where('m.status', '=', 'requested')
      .execute();
    assert.deepEqual(
      waiting.map((w) => w.display_name),
      ['Katarzyna Nowak'],
    );
    const notified = await t.db
      .selectFrom('notification as n')
      .innerJoin('account as a', 'a.id', 'n.account_id')
      .select('a.display_name')
      .where('n.kind', '=', 'community.join_requested')
      .where('n.params', '@>', { community: 'Frauenfrühstück Am Bahnhof', name: 'Katarzyna Nowak' })
      .execute();
    assert.deepEqual(notified.map((n) => n.display_name).sort(), ['Elif Arslan', 'Fatma Yıldız']);
  });
});
