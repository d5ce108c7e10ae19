import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import sharp from 'sharp';
import { upsertDistrict } from '../../../../../../server/repositories/districts.ts';
import { createTestApp, type TestApp } from '../../../../../../test/helpers/app.ts';
import { createOrganisation, createUser, type TestUser } from '../../../../../../test/helpers/factories.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

function multipart(alt: string | null, file: Buffer | null) {
  const boundary = `----kp${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  if (alt !== null)
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="alt"\r\n\r\n${alt}\r\n`));
  if (file)
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="aufzug.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
      ),
      file,
      Buffer.from('\r\n'),
    );
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** The Weidenau stop and a point about 30 m north of it. */
const stop = { lat: 51.3, lng: 9.5 };
const near = { lat: 51.30027, lng: 9.5 };

describe('map reports: file, find nearby, "me too", status with reasons, GeoJSON', () => {
  let t: TestApp;
  let margarete: TestUser;
  let erwin: TestUser;
  let helga: TestUser;
  let townStaff: TestUser;
  let townVolunteer: TestUser;
  let clubStaff: TestUser;
  let coordinator: TestUser;
  let town: { id: string };
  let weidenau: string;
  let liftId: string;

  const call = (user: TestUser | null, method: Method, url: string, payload?: object) =>
    t.app.inject({
      method,
      url: `/api/v1/map-reports${url}`,
      headers: user?.headers ?? {},
      ...(payload ? { payload } : {}),
    });
  const lift = {
    kind: 'defect',
    category: 'accessibility',
    title: 'Aufzug an der Haltestelle Weidenau kaputt',
    body: 'Seit **drei Wochen** außer Betrieb.',
    ...stop,
    address: 'Haltestelle Weidenau',
  };
  const count = async (table: 'map_report_support' | 'map_report_status_change' | 'notification') =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  before(async () => {
    t = await createTestApp();
    await upsertDistrict(t.db, t.networkId, {
      slug: 'weidenau',
      name: 'Weidenau',
      boundary: {
        type: 'Polygon',
        coordinates: [
          [
            [9.49, 51.29],
            [9.51, 51.29],
            [9.51, 51.31],
            [9.49, 51.31],
            [9.49, 51.29],
          ],
        ],
      },
      centerLat: 51.3,
      centerLng: 9.5,
    });
    weidenau = (
      await t.db.selectFrom('district').select('id').where('slug', '=', 'weidenau').executeTakeFirstOrThrow()
    ).id;
    town = await createOrganisation(t, { name: 'Stadt Lindenbrück', kind: 'public_body' });
    const club = await createOrganisation(t, { name: 'Heimatverein' });
    margarete = await createUser(t, { displayName: 'Margarete M.' });
    erwin = await createUser(t, { displayName: 'Erwin R.' });
    helga = await createUser(t, { displayName: 'Helga S.' });
    townStaff = await createUser(t, { displayName: 'Thomas B.', memberOf: [[town.id, 'staff']] });
    townVolunteer = await createUser(t, { memberOf: [[town.id, 'volunteer']] });
    clubStaff = await createUser(t, { memberOf: [[club.id, 'staff']] });
    coordinator = await createUser(t, { displayName: 'Miriam K.', admin: true });
  });
  after(() => t.close());

  test('anyone signed in files a report; it finds its district, the author follows it, bad input is refused', async () => {
    assert.equal((await call(null, 'POST', '', lift)).statusCode, 401);
    assert.equal((await call(margarete, 'POST', '', { ...lift, kind: 'broken' })).statusCode, 400);
    assert.equal((await call(margarete, 'POST', '', { ...lift, lat: 91 })).statusCode, 400);
    const blank = await call(margarete, 'POST', '', { ...lift, title: '   \t  ' });
    assert.equal(blank.statusCode, 422, blank.body);
    assert.equal(blank.json().errors[0].field, '/title');
    const r = await call(margarete, 'POST', '', lift);
    assert.equal(r.statusCode, 201, r.body);
    const report = r.json();
    liftId = report.id;
    assert.equal(report.status, 'new');
    assert.deepEqual(report.district, { id: weidenau, name: 'Weidenau' });
    assert.equal(report.following, true, 'the author follows their report');
    assert.equal(report.freshness.ownerId, margarete.id, 'the author owns it');
    assert.match(report.bodyHtml, /<strong>drei Wochen<\/strong>/);
    assert.deepEqual(report.abilities, { edit: true, withdraw: true, support: false, changeStatus: false });
    const anonymous = (await call(null, 'GET', `/${liftId}`)).json();
    assert.equal(anonymous.author, null, 'no name for visitors');
    assert.equal((await call(erwin, 'GET', `/${liftId}`)).json().author.name, 'Margarete M.');
  });

  test('before filing, reports of the same kind within 50 m are offered', async () => {
    const found = (await call(erwin, 'GET', `/nearby?lat=${near.lat}&lng=${near.lng}&kind=defect`)).json();
    assert.deepEqual(
      found.items.map((i: { id: string }) => i.id),
      [liftId],
    );
    assert.ok(found.items[0].distance > 20 && found.items[0].distance < 40, `${found.items[0].distance} m`);
    const otherKind = (
      await call(erwin, 'GET', `/nearby?lat=${near.lat}&lng=${near.lng}&kind=good_place`)
    ).json();
    assert.equal(otherKind.items.length, 0);
    const far = (await call(erwin, 'GET', `/nearby?lat=${stop.lat + 0.001}&lng=${stop.lng}`)).json();
    assert.equal(far.items.length, 0, 'about 110 m away is another place');
  });

  test('"me too" counts each person once, never the author, and can be taken back', async () => {
    assert.equal((await call(null, 'PUT', `/${liftId}/support`)).statusCode, 401);
    const own = await call(margarete, 'PUT', `/${liftId}/support`);
    assert.equal(own.statusCode, 409);
    assert.equal((await call(erwin, 'PUT', `/${liftId}/support`)).json().supportCount, 1);
    assert.equal((await call(erwin, 'PUT', `/${liftId}/support`)).json().supportCount, 1, 'again: no change');
    assert.equal((await call(helga, 'PUT', `/${liftId}/support`)).json().supportCount, 2);
    const seen = (await call(erwin, 'GET', `/${liftId}`)).json();
    assert.equal(seen.supported, true);
    assert.equal(seen.following, true, 'a supporter follows the report');
    assert.deepEqual(
      seen.supporters.map((s: { name: string }) => s.name),
      ['Erwin R.', 'Helga S.'],
    );
    assert.equal((await call(helga, 'DELETE', `/${liftId}/support`)).json().supportCount, 1);
    assert.equal((await call(helga, 'DELETE', `/${liftId}/support`)).json().supportCount, 1);
    assert.equal(await count('map_report_support'), 1);
    const edge = await t.db
      .selectFrom('interaction')
      .select(['a_id', 'b_id', 'mode', 'area'])
      .where('source_type', '=', 'map_report_support')
      .execute();
    assert.deepEqual(
      edge.map((e) => [e.a_id, e.b_id, e.mode, e.area]),
      [
        [erwin.id, margarete.id, 'online', 'knowledge'],
        [helga.id, margarete.id, 'online', 'knowledge'],
      ],
    );
  });

  test('the author changes the report while it is new; others may not', async () => {
    assert.equal((await call(erwin, 'PUT', `/${liftId}`, lift)).statusCode, 403);
    const r = await call(margarete, 'PUT', `/${liftId}`, {
      ...lift,
      title: 'Aufzug Haltestelle Weidenau defekt',
    });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json().title, 'Aufzug Haltestelle Weidenau defekt');
  });

  test('staff of a public body and the coordinator set the status with a reason; followers are told', async () => {
    const change = { status: 'confirmed', reason: 'Aufzug ist außer Betrieb, Verkehrsbetriebe informiert.' };
    for (const who of [null, erwin, margarete, townVolunteer, clubStaff])
      assert.equal(
        (await call(who, 'POST', `/${liftId}/status`, change)).statusCode,
        who ? 403 : 401,
        `${who?.displayName ?? 'visitor'} may not set a status`,
      );
    const noReason = await call(townStaff, 'POST', `/${liftId}/status`, { status: 'confirmed', reason: ' ' });
    assert.equal(noReason.statusCode, 422);
    assert.equal(noReason.json().errors[0].field, '/reason');
    assert.equal(await count('map_report_status_change'), 0);
    const before = await count('notification');
    const r = await call(townStaff, 'POST', `/${liftId}/status`, change);
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json().status, 'confirmed');
    assert.deepEqual(
      r
        .json()
        .history.map((h: { from: string; to: string; reason: string; organisation: string }) => [
          h.from,
          h.to,
          h.reason,
          h.organisation,
        ]),
      [['new', 'confirmed', change.reason, 'Stadt Lindenbrück']],
    );
    // the author and Erwin (who follows by "me too"); Helga took hers back but still follows
    const told = await t.db
      .selectFrom('notification')
      .select(['account_id', 'kind', 'params', 'link'])
      .where('kind', '=', 'map_report.confirmed')
      .execute();
    assert.equal(await count('notification'), before + 3);
    assert.deepEqual(new Set(told.map((n) => n.account_id)), new Set([margarete.id, erwin.id, helga.id]));
    assert.equal(told[0]?.link, `/wissen/karte/${liftId}`);
    assert.equal(
      (await call(townStaff, 'POST', `/${liftId}/status`, change)).statusCode,
      409,
      'the same again',
    );
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', liftId)
      .where('action', '=', 'map_report.status_changed')
      .execute();
    assert.equal(audit.length, 1);
    const orgEdge = await t.db
      .selectFrom('interaction')
      .select(['a_type', 'a_id', 'b_id'])
      .where('source_type', '=', 'map_report_status')
      .execute();
    assert.deepEqual(
      orgEdge.map((e) => [e.a_type, e.a_id, e.b_id]),
      [['organisation', town.id, margarete.id]],
    );
    const byCoordinator = await call(coordinator, 'POST', `/${liftId}/status`, {
      status: 'forwarded',
      reason: 'An die Verkehrsbetriebe weitergeleitet.',
    });
    assert.equal(byCoordinator.statusCode, 200, byCoordinator.body);
    assert.equal(byCoordinator.json().history[1].organisation, null);
  });

  test('once taken up, the author can no longer change or withdraw it', async () => {
    const changed = await call(margarete, 'PUT', `/${liftId}`, lift);
    assert.equal(changed.statusCode, 409);
    assert.equal((await call(margarete, 'DELETE', `/${liftId}`)).statusCode, 409);
    assert.deepEqual((await call(margarete, 'GET', `/${liftId}`)).json().abilities, {
      edit: false,
      withdraw: false,
      support: false,
      changeStatus: false,
    });
  });

  test('the list filters by kind, category, status, district, words and map area, page by page', async () => {
    for (const [i, kind] of (['good_place', 'missing_offer', 'suggestion'] as const).entries())
      assert.equal(
        (
          await call(erwin, 'POST', '', {
            kind,
            category: 'green',
            title: `Ort Nummer ${i} am Park`,
            lat: 51.2 + i * 0.01,
            lng: 9.3,
          })
        ).statusCode,
        201,
      );
    const list = async (q: string) => (await call(null, 'GET', `?${q}`)).json();
    assert.equal((await list('')).total, 4);
    assert.equal((await list('kind=good_place')).total, 1);
    assert.equal((await list('category=accessibility')).items[0].id, liftId);
    assert.equal((await list('status=forwarded')).total, 1);
    assert.equal((await list(`districtId=${weidenau}`)).total, 1);
    assert.equal((await list('q=aufzug')).total, 1);
    assert.equal((await list('q=100%25')).total, 0, 'a % is a character, not a wildcard');
    assert.equal((await list('bbox=9.4,51.25,9.6,51.35')).items[0].id, liftId);
    assert.equal((await list('bbox=9.4,51.25,9.6,51.35')).total, 1);
    // the edges belong to the area: the first place lies on its south-west corner
    assert.equal((await list('bbox=9.3,51.2,9.4,51.205')).total, 1);
    assert.equal((await list('bbox=9.2,51.195,9.2999,51.205')).total, 0);
    const bad = await call(null, 'GET', '?bbox=9.6,51.25,9.4,51.35');
    assert.equal(bad.statusCode, 422);
    const page = await list('limit=2&offset=2');
    assert.equal(page.items.length, 2);
    assert.equal(page.total, 4);
    assert.ok(page.items.every((i: { freshness: { stale: boolean } }) => i.freshness.stale === false));
  });

  test('GeoJSON: every public report as a point with its documented properties, names of nobody', async () => {
    const r = await call(null, 'GET', '/geojson');
    assert.equal(r.statusCode, 200);
    assert.match(String(r.headers['content-type']), /application\/geo\+json/);
    const fc = r.json();
    assert.equal(fc.type, 'FeatureCollection');
    assert.equal(fc.features.length, 4);
    const f = fc.features.find((x: { id: string }) => x.id === liftId);
    assert.deepEqual(f.geometry, { type: 'Point', coordinates: [stop.lng, stop.lat] });
    assert.deepEqual(Object.keys(f.properties).sort(), [
      'address',
      'category',
      'createdAt',
      'district',
      'id',
      'kind',
      'status',
      'supportCount',
      'title',
      'updatedAt',
      'url',
    ]);
    assert.equal(f.properties.supportCount, 1);
    assert.equal(f.properties.district, 'Weidenau');
    assert.ok(!r.body.includes('Margarete'), 'no person in the export');
    assert.equal((await call(null, 'GET', '/geojson?bbox=9.4,51.25,9.6,51.35')).json().features.length, 1);
    const capped = (await call(null, 'GET', '/geojson?limit=2')).json();
    assert.equal(capped.features.length, 2);
    assert.equal(capped.truncated, true);
    assert.equal(capped.features[0].id, liftId, 'the most supported first');
  });

  test('a report a moderator hid is gone for everyone but moderators', async () => {
    const flag = await t.app.inject({
      method: 'POST',
      url: '/api/v1/flags',
      headers: erwin.headers,
      payload: { entityType: 'map_report', entityId: liftId, reason: 'other' },
    });
    assert.equal(flag.statusCode, 201, flag.body);
    const hide = await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/flags/${flag.json().id}/hide`,
      headers: coordinator.headers,
      payload: { reason: 'Test' },
    });
    assert.equal(hide.statusCode, 204, hide.body);
    assert.equal((await call(erwin, 'GET', `/${liftId}`)).statusCode, 404);
    assert.equal((await call(coordinator, 'GET', `/${liftId}`)).statusCode, 200);
    assert.equal((await call(null, 'GET', '?category=accessibility')).json().total, 0);
    assert.equal((await call(null, 'GET', '/geojson')).json().features.length, 3);
    assert.equal((await call(erwin, 'PUT', `/${liftId}/support`)).statusCode, 404);
  });

  test('a photo with its description; the author withdraws a new report with everything of it', async () => {
    const r = await call(helga, 'POST', '', { ...lift, title: 'Bank am Weg fehlt', kind: 'suggestion' });
    const id = r.json().id;
    const jpeg = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#369' } })
      .jpeg()
      .toBuffer();
    const upload = (user: TestUser, body: ReturnType<typeof multipart>) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/map-reports/${id}/photo`,
        headers: { ...user.headers, 'content-type': body.contentType },
        payload: body.payload,
      });
    assert.equal((await upload(erwin, multipart('Weg', jpeg))).statusCode, 403);
    assert.equal((await upload(helga, multipart('', jpeg))).statusCode, 422);
    assert.equal((await upload(helga, multipart('Weg', Buffer.from('kein Bild')))).statusCode, 415);
    const up = await upload(helga, multipart('Der Weg am Teich ohne Bank', jpeg));
    assert.equal(up.statusCode, 201, up.body);
    const view = (await call(null, 'GET', `/${id}`)).json();
    assert.equal(view.photo.alt, 'Der Weg am Teich ohne Bank');
    const img = await t.app.inject({ method: 'GET', url: view.photo.thumbUrl });
    assert.equal(img.statusCode, 200);
    assert.equal(img.headers['content-type'], 'image/webp');
    assert.equal((await call(null, 'GET', '')).json().items[0].photo.alt, 'Der Weg am Teich ohne Bank');
    await call(erwin, 'PUT', `/${id}/support`);
    assert.equal((await call(erwin, 'DELETE', `/${id}`)).statusCode, 403);
    assert.equal((await call(helga, 'DELETE', `/${id}`)).statusCode, 204);
    assert.equal((await call(null, 'GET', `/${id}`)).statusCode, 404);
    const left = await t.db
      .selectFrom('knowledge_follow')
      .select('account_id')
      .where('target_id', '=', id)
      .execute();
    assert.equal(left.length, 0, 'nobody follows a withdrawn report');
    const photos = await t.db
      .selectFrom('map_report_photo')
      .select('id')
      .where('report_id', '=', id)
      .execute();
    assert.equal(photos.length, 0);
  });

  test('search finds a report by its words and its kind', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/search?q=Park&type=map_report' });
    assert.equal(r.statusCode, 200, r.body);
    assert.ok(r.json().items.length >= 1);
    assert.ok(r.json().items.every((i: { type: string }) => i.type === 'map_report'));
  });
});

describe('map reports: a view holding more than the list counts', () => {
  let t: TestApp;
  /** the reports in the box, hidden one left out, in the list's order (newest first, then by id) */
  let inBox: string[];
  const box = 'bbox=9.5,51.3,9.51,51.31';
  const list = async (q: string) =>
    (await t.app.inject({ method: 'GET', url: `/api/v1/map-reports?${q}` })).json();
  const ids = (page: { items: { id: string }[] }) => page.items.map((i) => i.id);

  before(async () => {
    t = await createTestApp();
    const moderator = await createUser(t, { admin: true });
    // 1 050 in the box (pairs of them filed at the same moment: the id decides), 40 around it, newer
    await t.ownerDb
      .insertInto('map_report')
      .columns(['network_id', 'kind', 'category', 'title', 'lat', 'lng', 'created_at'])
      .expression(
        sql`SELECT ${t.networkId}::uuid, 'defect', 'other', 'Meldung ' || i,
              51.3 + (i % 100) * 0.0001, 9.5 + (i / 100) * 0.0005, now() - (i / 2) * interval '1 minute'
            FROM generate_series(0, 1049) AS i
            UNION ALL
            SELECT ${t.networkId}::uuid, 'defect', 'other', 'Daneben ' || i, 51.32, 9.5 + i * 0.0001,
              now() - i * interval '10 seconds'
            FROM generate_series(0, 39) AS i`,
      )
      .execute();
    const newest = await t.db
      .selectFrom('map_report')
      .select('id')
      .where('title', '=', 'Meldung 3')
      .executeTakeFirstOrThrow();
    await t.ownerDb
      .insertInto('hidden_content')
      .values({
        network_id: t.networkId,
        entity_type: 'map_report',
        entity_id: newest.id,
        hidden_by: moderator.id,
        reason: 'Test',
      })
      .execute();
    const rows = await t.db
      .selectFrom('map_report')
      .select('id')
      .where('title', 'like', 'Meldung %')
      .where('id', '<>', newest.id)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .execute();
    inBox = rows.map((r) => r.id);
  });
  after(() => t.close());

  test('counts up to 200 and says there are more; the page is the newest, the same as uncounted', async () => {
    assert.equal(inBox.length, 1049);
    const first = await list(`${box}&limit=20`);
    assert.deepEqual([first.total, first.moreThanCounted], [200, true]);
    assert.deepEqual(ids(first), inBox.slice(0, 20));
    // past the cap the count reaches at least to the page's end
    const far = await list(`${box}&limit=20&offset=1020`);
    assert.deepEqual([far.total, far.moreThanCounted], [1040, true]);
    assert.deepEqual(ids(far), inBox.slice(1020, 1040));
    const last = await list(`${box}&limit=20&offset=1040`);
    assert.deepEqual([last.total, last.moreThanCounted], [1049, false]);
    assert.deepEqual(ids(last), inBox.slice(1040));
    const all = await list('limit=5');
    assert.deepEqual([all.total, all.moreThanCounted], [200, true]);
  });

  test('a view holding fewer is counted exactly, its page the same order', async () => {
    // the box's first two columns of reports (lng 9.5 and 9.5005): 200, the hidden one left out
    const few = await list('bbox=9.5,51.3,9.5007,51.31&limit=30&offset=10');
    const columns = await t.db
      .selectFrom('map_report')
      .select('id')
      .where('title', 'like', 'Meldung %')
      .where('lng', '<', 9.5007)
      .execute();
    const inColumns = new Set(columns.map((c) => c.id));
    const narrowed = inBox.filter((id) => inColumns.has(id));
    assert.deepEqual([few.total, few.moreThanCounted], [narrowed.length, false]);
    assert.equal(narrowed.length, 199);
    assert.deepEqual(ids(few), narrowed.slice(10, 40));
  });
});
