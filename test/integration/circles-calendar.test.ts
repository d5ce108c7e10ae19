import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { extendSeries } from '../../server/areas/support/commands/careCalendar.ts';
import { loadConfig } from '../../server/config.ts';
import { jobHandlers } from '../../server/platform/job-handlers.ts';
import { runDueJobs } from '../../server/platform/jobs.ts';
import { localParts } from '../../server/platform/localTime.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createUser, type TestUser } from '../helpers/factories.ts';
import { api, circleWithEveryRole, type EveryRole, join } from './circles-fixture.ts';

const hour = 3600_000;
const inHours = (h: number) => new Date(Date.now() + h * hour).toISOString();

describe('support circles: the care calendar', () => {
  let t: TestApp;
  let call: ReturnType<typeof api>;
  let k: EveryRole;
  const handlers = jobHandlers(loadConfig({ SEED: 'none', DATA_DIR: '/nonexistent' }));

  before(async () => {
    t = await createTestApp();
    call = api(t);
    k = await circleWithEveryRole(t);
  });
  after(() => t.close());

  async function need(by: TestUser, body: Record<string, unknown>) {
    const res = await call(by, 'POST', `/${k.circleId}/needs`, { kind: 'visit', title: 'Besuch', ...body });
    assert.equal(res.statusCode, 201, res.body);
    return res.json().items as { id: string; start: string; title: string }[];
  }

  /** Lets the clock reach the jobs of a kind, then runs the queue. */
  async function runJobs(kind: string) {
    await sql`UPDATE job SET run_at = now() WHERE kind = ${kind} AND status = 'pending'`.execute(t.db);
    while ((await runDueJobs(t.db, handlers)) > 0);
  }

  async function notificationsOf(u: TestUser, kind: string) {
    return t.db
      .selectFrom('notification')
      .selectAll()
      .where('account_id', '=', u.id)
      .where('kind', '=', kind)
      .execute();
  }

  test('a weekly Tuesday ride is written as single needs up to eight weeks ahead, at the same local time', async () => {
    const start = new Date(Date.now() + 2 * 24 * hour);
    const items = await need(k.coordinator, {
      kind: 'ride',
      title: 'Fahrt zur Physiotherapie',
      start: start.toISOString(),
      end: new Date(start.getTime() + hour).toISOString(),
      place: 'Praxis am Markt',
      weekly: {},
    });
    assert.ok(items.length >= 8 && items.length <= 9, String(items.length));
    const local = items.map((n) => localParts(new Date(n.start)));
    assert.ok(local.every((p) => p.minutes === local[0]?.minutes && p.weekday === local[0]?.weekday));
    const list = (await call(k.helper, 'GET', `/${k.circleId}/needs?to=${inHours(24 * 70)}`)).json().items;
    assert.equal(
      list.filter((n: { title: string }) => n.title === 'Fahrt zur Physiotherapie').length,
      items.length,
    );

    // the daily job moves the horizon on: occurrences beyond four weeks, deleted here, come back
    const seriesId = (await call(k.helper, 'GET', `/${k.circleId}/needs`)).json().items[0].seriesId;
    await sql`DELETE FROM circle_need WHERE series_id = ${seriesId} AND starts_at > now() + interval '28 days'`.execute(
      t.db,
    );
    await sql`UPDATE circle_need_series SET materialised_until = now() WHERE id = ${seriesId}`.execute(t.db);
    assert.ok((await extendSeries(t.db, t.networkId)) >= 3);
    const after = (await call(k.helper, 'GET', `/${k.circleId}/needs?to=${inHours(24 * 70)}`)).json().items;
    assert.equal(after.filter((n: { seriesId: string }) => n.seriesId === seriesId).length, items.length);
  });

  test('a weekly series cannot end before it starts', async () => {
    const res = await call(k.coordinator, 'POST', `/${k.circleId}/needs`, {
      kind: 'ride',
      title: 'Fahrt',
      start: inHours(24 * 10),
      end: inHours(24 * 10 + 1),
      weekly: { until: new Date(Date.now() + 24 * hour).toISOString().slice(0, 10) },
    });
    assert.equal(res.statusCode, 422);
    assert.equal(res.json().errors[0].field, '/weekly/until');
  });

  test('a need is claimed by one helper only; they can give it back; viewers cannot claim', async () => {
    const [n] = await need(k.coordinator, { start: inHours(48), end: inHours(49) });
    const claimed = await call(k.helper, 'POST', `/${k.circleId}/needs/${n?.id}/claim`);
    assert.equal(claimed.statusCode, 200, claimed.body);
    assert.equal(claimed.json().claimedBy.name, 'Nachbar');
    assert.equal(claimed.json().abilities.unclaim, true);
    const second = await call(k.professional, 'POST', `/${k.circleId}/needs/${n?.id}/claim`);
    assert.equal(second.statusCode, 409);
    assert.equal(second.json().code, 'circle.need_taken');
    assert.equal(
      (await call(k.professional, 'POST', `/${k.circleId}/needs/${n?.id}/unclaim`)).statusCode,
      403,
    );
    assert.equal((await call(k.helper, 'POST', `/${k.circleId}/needs/${n?.id}/unclaim`)).statusCode, 200);
    assert.equal((await call(k.viewer, 'POST', `/${k.circleId}/needs/${n?.id}/claim`)).statusCode, 403);
    assert.equal(
      (
        await call(k.helper, 'POST', `/${k.circleId}/needs`, {
          kind: 'meal',
          title: 'x',
          start: inHours(5),
          end: inHours(6),
        })
      ).statusCode,
      403,
    );
  });

  test('coordinators are alerted when a need is still unclaimed; the helper is reminded of what they claimed', async () => {
    const [unclaimed] = await need(k.coordinator, {
      title: 'Einkauf',
      kind: 'shopping',
      start: inHours(3),
      end: inHours(4),
    });
    const [claimed] = await need(k.coordinator, {
      title: 'Arzttermin',
      kind: 'appointment',
      start: inHours(5),
      end: inHours(6),
    });
    await call(k.helper, 'POST', `/${k.circleId}/needs/${claimed?.id}/claim`);
    await runJobs('circle.need_unclaimed');
    const alerts = (u: TestUser) =>
      notificationsOf(u, 'circle.need_unclaimed').then((ns) =>
        ns.filter((x) => x.params.title === 'Einkauf'),
      );
    assert.equal((await alerts(k.coordinator)).length, 1);
    assert.equal((await alerts(k.owner)).length, 1);
    assert.equal((await alerts(k.helper)).length, 0);
    const claimedAlerts = await notificationsOf(k.coordinator, 'circle.need_unclaimed');
    assert.ok(!claimedAlerts.some((x) => x.params.title === 'Arzttermin'), 'no alert for a claimed need');
    await runJobs('circle.need_reminder');
    const reminders = await notificationsOf(k.helper, 'circle.need_reminder');
    assert.ok(reminders.some((x) => x.params.title === 'Arzttermin'));
    assert.ok(unclaimed);
  });

  test('marking done thanks the helper and adds one anonymous care edge to the community graph', async () => {
    const [n] = await need(k.coordinator, {
      title: 'Rasen mähen',
      kind: 'other',
      start: inHours(-5),
      end: inHours(-4),
    });
    await call(k.helper, 'POST', `/${k.circleId}/needs/${n?.id}/claim`);
    const done = await call(k.coordinator, 'POST', `/${k.circleId}/needs/${n?.id}/done`, {
      thanks: 'Danke, Herr Nachbar!',
    });
    assert.equal(done.statusCode, 200, done.body);
    assert.ok(done.json().doneAt);
    assert.equal(done.json().thanks, 'Danke, Herr Nachbar!');
    const thanks = await notificationsOf(k.helper, 'circle.need_thanks');
    assert.equal(thanks.at(-1)?.params.thanks, 'Danke, Herr Nachbar!');
    const edges = await t.db
      .selectFrom('interaction')
      .selectAll()
      .where('source_id', '=', n?.id ?? '')
      .execute();
    assert.equal(edges.length, 1);
    assert.equal(edges[0]?.area, 'support');
    assert.equal(edges[0]?.source_type, 'care_need');
    assert.deepEqual([edges[0]?.a_id, edges[0]?.b_id], [k.helper.id, k.owner.id]);
    assert.equal((await call(k.helper, 'POST', `/${k.circleId}/needs/${n?.id}/done`, {})).statusCode, 409);
  });

  test('the load view warns when one person carries more than half of the last eight weeks', async () => {
    const neighbour2 = await createUser(t, { displayName: 'Zweiter Helfer' });
    await join(t, k.coordinator, k.circleId, neighbour2, 'helper');
    for (let i = 0; i < 3; i++) {
      const [n] = await need(k.coordinator, {
        start: inHours(-24 * (i + 2)),
        end: inHours(-24 * (i + 2) + 1),
      });
      await call(k.helper, 'POST', `/${k.circleId}/needs/${n?.id}/claim`);
    }
    const load = (await call(k.coordinator, 'GET', `/${k.circleId}/load`)).json();
    assert.equal(load.weeks, 8);
    assert.equal(load.helpers[0].name, 'Nachbar');
    assert.ok(load.warning);
    assert.equal(load.warning.name, 'Nachbar');
    assert.ok(load.warning.share > 0.5);
    assert.ok(load.unclaimedNextWeek >= 1);
    assert.equal((await call(k.helper, 'GET', `/${k.circleId}/load`)).statusCode, 404);
  });

  test('each member’s calendar feed holds only this circle’s needs they may see, until revoked or they leave', async () => {
    await need(k.coordinator, {
      title: 'Nur für Herrn K.',
      visibility: 'owner_only',
      start: inHours(30),
      end: inHours(31),
    });
    await need(k.coordinator, { title: 'Kaffee trinken', start: inHours(30), end: inHours(31) });
    const feed = await call(k.helper, 'POST', `/${k.circleId}/feed`);
    assert.equal(feed.statusCode, 201);
    const path = new URL(feed.json().url).pathname;
    const ics = await t.app.inject({ url: path });
    assert.equal(ics.statusCode, 200);
    assert.match(ics.headers['content-type'] ?? '', /text\/calendar/);
    assert.ok(ics.body.includes('Kaffee trinken'));
    assert.ok(!ics.body.includes('Nur für Herrn K.'));
    const ownerIcs = await t.app.inject({
      url: new URL((await call(k.owner, 'POST', `/${k.circleId}/feed`)).json().url).pathname,
    });
    assert.ok(ownerIcs.body.includes('Nur für Herrn K.'));

    const renewed = await call(k.helper, 'POST', `/${k.circleId}/feed`);
    assert.equal((await t.app.inject({ url: path })).statusCode, 404, 'the previous URL stops working');
    const current = new URL(renewed.json().url).pathname;
    assert.equal((await t.app.inject({ url: current })).statusCode, 200);
    assert.equal((await call(k.helper, 'DELETE', `/${k.circleId}/feed`)).statusCode, 204);
    assert.equal((await t.app.inject({ url: current })).statusCode, 404);

    const viewerFeed = new URL((await call(k.viewer, 'POST', `/${k.circleId}/feed`)).json().url).pathname;
    assert.equal((await t.app.inject({ url: viewerFeed })).statusCode, 200);
    await call(k.owner, 'DELETE', `/${k.circleId}/members/${k.viewer.id}`);
    assert.equal(
      (await t.app.inject({ url: viewerFeed })).statusCode,
      404,
      'a removed member’s feed is gone',
    );
  });
});
