import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { blockDomain } from '../../../server/interop/activitypub/remote.ts';
import { localDate } from '../../../server/platform/localTime.ts';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { createUser, type TestUser } from '../../helpers/factories.ts';

/**
 * What arrived by ActivityPub (rows as the inbox stores them, put straight into the tables — no network
 * needed) in the town's own pages: the one calendar and the news show it marked as remote with its
 * origin and linked to the original, while federation is on only; the calendar's iCalendar feed and the
 * news feed stay the town's own; a flag and a moderator's hide, or the admin's block of the instance,
 * take it out.
 */
describe('remote events and posts in the calendar and the news', () => {
  let on: TestApp;
  let off: TestApp;
  let reader: TestUser;
  let admin: TestUser;
  const from = localDate(new Date());
  const to = localDate(new Date(Date.now() + 7 * 86_400_000));
  const at = (days: number) => new Date(Date.now() + days * 86_400_000);

  /** A followed group of another place with one event in two days and one post, as the inbox keeps them. */
  async function arrived(t: TestApp, domain: string, name: string) {
    const actor = await t.db
      .insertInto('remote_actor')
      .values({
        network_id: t.networkId,
        uri: `https://${domain}/ap/actors/repair`,
        domain,
        handle: `@repair@${domain}`,
        name,
        inbox: `https://${domain}/ap/actors/repair/inbox`,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const event = await t.db
      .insertInto('remote_event')
      .values({
        network_id: t.networkId,
        remote_actor_id: actor.id,
        uri: `https://${domain}/ap/events/1`,
        url: `https://${domain}/raeume/kalender/1`,
        title: `Reparieren in ${name}`,
        summary: 'Bring mit, was kaputt ist.',
        starts_at: at(2),
        ends_at: new Date(at(2).getTime() + 2 * 3_600_000),
        venue: 'Gemeindehaus',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const post = await t.db
      .insertInto('remote_post')
      .values({
        network_id: t.networkId,
        remote_actor_id: actor.id,
        uri: `https://${domain}/ap/posts/1`,
        url: `https://${domain}/wissen/neuigkeiten/1`,
        title: `Neues aus ${name}`,
        summary: 'Wir haben 40 Geräte repariert.',
        published_at: at(-1),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { eventId: event.id, postId: post.id, domain, name };
  }

  let near: Awaited<ReturnType<typeof arrived>>;
  let far: Awaited<ReturnType<typeof arrived>>;

  before(async () => {
    on = await createTestApp({ FEDERATION: '1', PUBLIC_URL: 'http://127.0.0.1:9' });
    off = await createTestApp();
    reader = await createUser(on);
    admin = await createUser(on, { admin: true });
    near = await arrived(on, 'nachbarstadt.example', 'Repair-Café Nachbarstadt');
    far = await arrived(on, 'fern.example', 'Repair-Café Fernstadt');
    await arrived(off, 'nachbarstadt.example', 'Repair-Café Nachbarstadt');
  });
  after(async () => {
    await on?.close();
    await off?.close();
  });

  interface Entry {
    key: string;
    id: string;
    title: string;
    link: string;
    district: unknown;
    accessible: boolean | null;
    free: boolean | null;
    remote: { originName: string; originHandle: string; domain: string; url: string } | null;
  }
  const calendar = async (t: TestApp, query = '') => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/places/events/calendar?from=${from}&to=${to}&limit=200${query}`,
    });
    assert.equal(res.statusCode, 200, res.body);
    return res.json().items as Entry[];
  };
  const news = async (t: TestApp) => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/news/remote' });
    assert.equal(res.statusCode, 200, res.body);
    return res.json().items as { id: string; title: string; excerpt: string; remote: Entry['remote'] }[];
  };
  const post = (url: string, headers: TestUser['headers'], payload: object) =>
    on.app.inject({ method: 'POST', url, headers, payload });

  test('a remote event is in the calendar, marked with its origin and linked to the original', async () => {
    const entry = (await calendar(on)).find((e) => e.id === near.eventId);
    assert.ok(entry, 'the remote event is in the calendar');
    assert.equal(entry.title, 'Reparieren in Repair-Café Nachbarstadt');
    assert.deepEqual(entry.remote, {
      originName: 'Repair-Café Nachbarstadt',
      originHandle: '@repair@nachbarstadt.example',
      domain: 'nachbarstadt.example',
      url: 'https://nachbarstadt.example/raeume/kalender/1',
    });
    assert.equal(entry.link, 'https://nachbarstadt.example/raeume/kalender/1');
    assert.equal(entry.district, null);
    assert.equal(entry.accessible, null);
    assert.equal(entry.free, null);
    assert.ok(
      (await calendar(on, '&area=places')).some((e) => e.id === near.eventId),
      'among Räume & Brücken’s events',
    );
  });

  test('filters for what nobody told us about leave remote events out', async () => {
    for (const filter of [
      `&district=${crypto.randomUUID()}`,
      '&accessible=true',
      '&free=true',
      '&online=true',
      '&area=participation',
    ]) {
      const items = await calendar(on, filter);
      assert.ok(!items.some((e) => e.remote), `no remote entry with ${filter}`);
    }
  });

  test('a remote post is in the news from elsewhere, marked with its origin', async () => {
    const item = (await news(on)).find((p) => p.id === near.postId);
    assert.ok(item, 'the remote post is listed');
    assert.equal(item.title, 'Neues aus Repair-Café Nachbarstadt');
    assert.equal(item.excerpt, 'Wir haben 40 Geräte repariert.');
    assert.equal(item.remote?.originHandle, '@repair@nachbarstadt.example');
    assert.equal(item.remote?.url, 'https://nachbarstadt.example/wissen/neuigkeiten/1');
  });

  test("our feeds stay ours: neither the calendar's iCalendar feed nor the news feed has them", async () => {
    const ics = await on.app.inject({ method: 'GET', url: '/api/v1/places/events/calendar.ics' });
    assert.equal(ics.statusCode, 200);
    assert.ok(ics.body.includes('BEGIN:VCALENDAR'));
    assert.ok(!ics.body.includes('Reparieren in'), 'no remote event in the iCalendar feed');
    for (const format of ['rss', 'atom']) {
      const feed = await on.app.inject({ method: 'GET', url: `/api/v1/news/feed.${format}` });
      assert.equal(feed.statusCode, 200, feed.body);
      assert.ok(feed.body.includes(format === 'rss' ? '<rss' : '<feed'), feed.body.slice(0, 200));
      assert.ok(!feed.body.includes('Neues aus'), `no remote post in the news feed (${format})`);
    }
  });

  test('with federation off nothing remote shows, though the rows are there', async () => {
    assert.equal((await off.db.selectFrom('remote_event').select('id').execute()).length, 1);
    assert.ok(!(await calendar(off)).some((e) => e.remote || e.title.startsWith('Reparieren in')));
    assert.deepEqual(await news(off), []);
  });

  test('flagged and hidden by a moderator, a remote event and post disappear', async () => {
    for (const [entityType, entityId] of [
      ['remote_event', near.eventId],
      ['remote_post', near.postId],
    ] as const) {
      const flagged = await post('/api/v1/flags', reader.headers, { entityType, entityId, reason: 'spam' });
      assert.equal(flagged.statusCode, 201, flagged.body);
      const queue = await on.app.inject({
        method: 'GET',
        url: '/api/v1/admin/flags?status=open',
        headers: admin.headers,
      });
      const item = (
        queue.json().items as { id: string; entityId: string; title: string; link: string }[]
      ).find((f) => f.entityId === entityId);
      assert.ok(item, 'the flag is in the moderation queue');
      assert.match(item.title, /Repair-Café Nachbarstadt \(@repair@nachbarstadt\.example\)$/);
      assert.match(item.link, /^https:\/\/nachbarstadt\.example\//);
      const hidden = await post(`/api/v1/admin/flags/${item.id}/hide`, admin.headers, { reason: 'Werbung' });
      assert.equal(hidden.statusCode, 204, hidden.body);
    }
    assert.ok(!(await calendar(on)).some((e) => e.id === near.eventId), 'the hidden event is gone');
    assert.ok(!(await news(on)).some((p) => p.id === near.postId), 'the hidden post is gone');
    assert.ok(
      (await calendar(on)).some((e) => e.id === far.eventId),
      'the other one stays',
    );
  });

  test('a remote thing that is not there cannot be flagged', async () => {
    const res = await post('/api/v1/flags', reader.headers, {
      entityType: 'remote_event',
      entityId: crypto.randomUUID(),
      reason: 'spam',
    });
    assert.equal(res.statusCode, 404);
  });

  test("a blocked instance's events and posts disappear", async () => {
    assert.ok((await news(on)).some((p) => p.id === far.postId));
    await blockDomain(on.db, on.networkId, 'fern.example', admin.id);
    assert.ok(!(await calendar(on)).some((e) => e.id === far.eventId), 'its event is gone');
    assert.ok(!(await news(on)).some((p) => p.id === far.postId), 'its post is gone');
  });
});
