import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../../../test/helpers/app.ts';
import { createOrganisation, createUser, type TestUser } from '../../../../../test/helpers/factories.ts';

describe('resources: catalogue, map and search', () => {
  let t: TestApp;
  let petra: TestUser;
  let yilmaz: TestUser;
  let visitor: TestUser;
  let centre: { id: string; name: string };
  const ids: Record<string, string> = {};

  const call = (
    user: TestUser | null,
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    payload?: object,
  ) =>
    t.app.inject({
      method,
      url: `/api/v1/resources${url}`,
      headers: user?.headers ?? {},
      ...(payload ? { payload } : {}),
    });

  before(async () => {
    t = await createTestApp();
    centre = await createOrganisation(t, { name: 'Stadtteilzentrum Linde' });
    petra = await createUser(t, { displayName: 'Petra', memberOf: [[centre.id, 'staff']] });
    yilmaz = await createUser(t, { displayName: 'Bäckerei Yilmaz' });
    visitor = await createUser(t);
    const make = async (user: TestUser, key: string, body: object) => {
      const res = await call(user, 'POST', '', body);
      assert.equal(res.statusCode, 201, res.body);
      ids[key] = res.json().id;
    };
    await make(petra, 'hall', {
      organisationId: centre.id,
      kind: 'room',
      title: 'Saal im Stadtteilzentrum',
      description: 'Großer Saal mit Küche, ebenerdig',
      lat: 51.3397,
      lng: 12.3731,
      capacity: 80,
      whoMayBorrow: 'everyone',
      accessibility: 'Rollstuhlgerecht, Induktionsschleife',
    });
    await make(petra, 'van', {
      organisationId: centre.id,
      kind: 'vehicle',
      title: 'Kleinbus (9 Sitze)',
      lat: 51.3399,
      lng: 12.3735,
      depositCents: 5000,
    });
    await make(yilmaz, 'backroom', {
      kind: 'room',
      title: 'Hinterzimmer der Bäckerei',
      description: 'Montagabends frei',
      lat: 51.35123,
      lng: 12.39871,
      capacity: 12,
      whoMayBorrow: 'everyone',
    });
    await make(petra, 'drill', { organisationId: centre.id, kind: 'equipment', title: 'Bohrmaschine' });
  });
  after(() => t.close());

  test('a private person’s address is shown approximately to others and exactly to the owner', async () => {
    const mine = (await call(yilmaz, 'GET', `/${ids.backroom}`)).json();
    assert.equal(mine.lat, 51.35123);
    assert.equal(mine.approximate, true);
    const theirs = (await call(visitor, 'GET', `/${ids.backroom}`)).json();
    assert.notEqual(theirs.lat, 51.35123);
    const metres = Math.hypot(
      (theirs.lat - 51.35123) * 111_320,
      (theirs.lng - 12.39871) * 111_320 * Math.cos(0.896),
    );
    assert.ok(metres < 300, `${metres} m`);
    const geo = await call(null, 'GET', '/geojson');
    assert.match(String(geo.headers['content-type']), /application\/geo\+json/);
    const feature = geo.json().features.find((f: { id: string }) => f.id === ids.backroom);
    assert.deepEqual(feature.geometry.coordinates, [theirs.lng, theirs.lat]);
    // an organisation's address is exact for everyone
    assert.equal((await call(null, 'GET', `/${ids.hall}`)).json().lat, 51.3397);
  });

  test('filters: kind, text in German, distance from a point and the map’s bounding box', async () => {
    const rooms = (await call(null, 'GET', '/?kind=room')).json();
    assert.deepEqual(rooms.items.map((r: { title: string }) => r.title).sort(), [
      'Hinterzimmer der Bäckerei',
      'Saal im Stadtteilzentrum',
    ]);
    const text = (await call(null, 'GET', `/?q=${encodeURIComponent('Küche ebenerdig')}`)).json();
    assert.ok(text.items.some((r: { id: string }) => r.id === ids.hall));
    const near = (await call(null, 'GET', '/?lat=51.3398&lng=12.3733&radiusKm=0.5')).json();
    assert.deepEqual(near.items.map((r: { id: string }) => r.id).sort(), [ids.hall, ids.van].sort());
    assert.ok(near.items[0].distanceKm < 0.1);
    const box = (await call(null, 'GET', '/?bbox=12.39,51.345,12.41,51.36')).json();
    assert.deepEqual(
      box.items.map((r: { id: string }) => r.id),
      [ids.backroom],
    );
  });

  test('the map clusters what is in view on a grid by zoom level, and names the resource of a cell of one', async () => {
    const view = '12.36,51.33,12.41,51.36';
    // zoomed out, the hall and the van (40 m apart) share a cell; the back room is two km away
    const far = await call(null, 'GET', `/clusters?bbox=${view}&zoom=12`);
    assert.equal(far.statusCode, 200, far.body);
    const cells = far.json().cells as { count: number; resource: { id: string; title: string } | null }[];
    assert.equal(far.json().total, 3); // the drill has no location
    assert.equal(far.json().capped, false);
    const pair = cells.find((c) => c.count === 2);
    assert.ok(pair, JSON.stringify(cells));
    assert.equal(pair.resource, null);
    assert.equal(cells.find((c) => c.count === 1)?.resource?.id, ids.backroom);
    // a view that only grazes their cell (a box around the hall alone) shows the cell whole, at
    // the mean of the two: a cluster does not change as the map pans
    const grazing = (
      await call(null, 'GET', '/clusters?bbox=12.3730,51.3396,12.3732,51.3398&zoom=12')
    ).json();
    assert.deepEqual(grazing.cells, [{ lat: 51.3398, lng: 12.3733, count: 2, resource: null }]);
    // with a filter the points are grouped live, on the same grid
    const rooms = (
      await call(null, 'GET', '/clusters?bbox=12.3730,51.3396,12.3732,51.3398&zoom=12&kind=room')
    )
      .json()
      .cells.map((c: { count: number; resource: { id: string } | null }) => [c.count, c.resource?.id]);
    assert.deepEqual(rooms, [[1, ids.hall]]);
    // zoomed in, every resource is its own marker with its title
    const close = (await call(null, 'GET', `/clusters?bbox=${view}&zoom=19`)).json();
    assert.deepEqual(close.cells.map((c: { resource: { title: string } }) => c.resource.title).sort(), [
      'Hinterzimmer der Bäckerei',
      'Kleinbus (9 Sitze)',
      'Saal im Stadtteilzentrum',
    ]);
    // the catalogue's filters apply; the list beside the map shows the view, centre first
    const vans = (await call(null, 'GET', `/clusters?bbox=${view}&zoom=19&kind=vehicle`)).json();
    assert.deepEqual(
      vans.cells.map((c: { resource: { id: string } }) => c.resource.id),
      [ids.van],
    );
    const list = (await call(null, 'GET', '/?bbox=12.37,51.339,12.40,51.352')).json();
    assert.deepEqual(
      list.items.map((r: { id: string }) => r.id),
      [ids.van, ids.hall, ids.backroom],
    );
    // a box that is not one, or no zoom, is a 400 that names the field
    for (const bad of ['12.41,51.36,12.36,51.33', '1.2.3,51,13,52', '12,91,13,92']) {
      const res = await call(null, 'GET', `/clusters?bbox=${bad}&zoom=12`);
      assert.equal(res.statusCode, 400, bad);
      assert.equal(res.json().errors[0].field, '/bbox');
    }
    assert.equal((await call(null, 'GET', `/clusters?bbox=${view}`)).statusCode, 400);
  });

  test('only the owner side changes a resource; withdrawing takes it out of the catalogue and search', async () => {
    assert.equal((await call(visitor, 'PATCH', `/${ids.drill}`, { title: 'Meins' })).statusCode, 403);
    const ok = await call(petra, 'PATCH', `/${ids.drill}`, { title: 'Akku-Bohrmaschine', bufferMinutes: 30 });
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.json().title, 'Akku-Bohrmaschine');
    assert.equal((await call(petra, 'DELETE', `/${ids.drill}`)).statusCode, 204);
    assert.equal((await call(visitor, 'GET', `/${ids.drill}`)).statusCode, 404);
    assert.equal((await call(petra, 'GET', `/${ids.drill}`)).json().active, false);
    const ownList = (await call(petra, 'GET', `/?organisationId=${centre.id}`)).json();
    assert.ok(ownList.items.some((r: { id: string; active: boolean }) => r.id === ids.drill && !r.active));
    const publicList = (await call(visitor, 'GET', `/?organisationId=${centre.id}`)).json();
    assert.ok(!publicList.items.some((r: { id: string }) => r.id === ids.drill));
    const doc = await t.db
      .selectFrom('search_document')
      .select('entity_id')
      .where('entity_id', '=', ids.drill ?? '')
      .executeTakeFirst();
    assert.equal(doc, undefined);
    const hall = await t.db
      .selectFrom('search_document')
      .select('title')
      .where('entity_id', '=', ids.hall ?? '')
      .executeTakeFirst();
    assert.equal(hall?.title, 'Saal im Stadtteilzentrum');
  });

  test('capacity is for rooms only, and a resource needs both coordinates or none', async () => {
    const cap = await call(petra, 'POST', '', {
      organisationId: centre.id,
      kind: 'equipment',
      title: 'Beamer',
      capacity: 4,
    });
    assert.equal(cap.statusCode, 422);
    assert.equal(cap.json().errors[0].field, '/capacity');
    assert.match(cap.json().errors[0].message, /nur bei Räumen/);
    const half = await call(petra, 'POST', '', {
      organisationId: centre.id,
      kind: 'equipment',
      title: 'Beamer',
      lat: 51.3,
    });
    assert.equal(half.statusCode, 422);
    const foreign = await call(visitor, 'POST', '', {
      organisationId: centre.id,
      kind: 'equipment',
      title: 'Beamer',
    });
    assert.equal(foreign.statusCode, 403);
  });

  test('a skill or a service is not asked about lending: a deposit or buffer is refused by field, neutral values pass', async () => {
    const skill = await call(yilmaz, 'POST', '', {
      kind: 'skill',
      title: 'Brot backen lernen',
      depositCents: 2000,
      bufferMinutes: 30,
      feeCents: 500,
    });
    assert.equal(skill.statusCode, 422);
    const fields = skill.json().errors.map((e: { field: string; message: string }) => [e.field, e.message]);
    assert.deepEqual(
      fields.map((f: string[]) => f[0]),
      ['/depositCents', '/bufferMinutes'],
    );
    assert.match(fields[0][1], /Kaution gibt es nur bei Dingen, die man ausleiht/);
    // a client that sends every field with its neutral value is not refused; a fee is fine for a skill
    const ok = await call(yilmaz, 'POST', '', {
      kind: 'service',
      title: 'Torten auf Bestellung',
      depositCents: 0,
      bufferMinutes: 0,
      capacity: null,
      feeCents: 1500,
      feeNote: 'Zutaten extra',
    });
    assert.equal(ok.statusCode, 201, ok.body);
    assert.equal(ok.json().conditions.feeCents, 1500);
    const giveaway = await call(yilmaz, 'POST', '', {
      kind: 'giveaway',
      title: 'Brot vom Vortag',
      feeCents: 100,
    });
    assert.equal(giveaway.statusCode, 422);
    assert.equal(giveaway.json().errors[0].field, '/feeCents');
    assert.match(giveaway.json().errors[0].message, /kostet nichts/);
    // and in English, for an English client
    const en = await t.app.inject({
      method: 'POST',
      url: '/api/v1/resources',
      headers: { ...yilmaz.headers, 'accept-language': 'en' },
      payload: { kind: 'skill', title: 'Sourdough', depositCents: 1 },
    });
    assert.match(en.json().errors[0].message, /Only things that are lent/);
  });

  test('a resource that becomes a service loses its deposit, buffer and capacity, and a buffer is then refused', async () => {
    const made = await call(petra, 'POST', '', {
      organisationId: centre.id,
      kind: 'room',
      title: 'Besprechungsraum',
      depositCents: 3000,
      bufferMinutes: 30,
      capacity: 8,
    });
    assert.equal(made.statusCode, 201, made.body);
    const id = made.json().id;
    const changed = await call(petra, 'PATCH', `/${id}`, {
      kind: 'service',
      title: 'Beratung im Besprechungsraum',
    });
    assert.equal(changed.statusCode, 200, changed.body);
    assert.equal(changed.json().conditions.depositCents, 0);
    assert.equal(changed.json().bufferMinutes, 0);
    assert.equal(changed.json().capacity, null);
    const refused = await call(petra, 'PATCH', `/${id}`, { bufferMinutes: 15 });
    assert.equal(refused.statusCode, 422);
    assert.equal(refused.json().errors[0].field, '/bufferMinutes');
    // the database holds the rule as well, whatever a route might forget
    await assert.rejects(
      t.db.updateTable('resource').set({ deposit_cents: 100 }).where('id', '=', id).execute(),
      /resource_lending_fields/,
    );
  });

  test('the address is kept as text; a private person’s goes with the exact point to the owner side only', async () => {
    const org = await call(petra, 'PATCH', `/${ids.hall}`, {
      address: 'Bahnhofstraße 27, 34560 Lindenbrück',
    });
    assert.equal(org.json().address, 'Bahnhofstraße 27, 34560 Lindenbrück');
    assert.equal(
      (await call(null, 'GET', `/${ids.hall}`)).json().address,
      'Bahnhofstraße 27, 34560 Lindenbrück',
    );
    await call(yilmaz, 'PATCH', `/${ids.backroom}`, { address: 'Marktstraße 9, 34560 Lindenbrück' });
    assert.equal(
      (await call(yilmaz, 'GET', `/${ids.backroom}`)).json().address,
      'Marktstraße 9, 34560 Lindenbrück',
    );
    assert.equal((await call(visitor, 'GET', `/${ids.backroom}`)).json().address, '');
    assert.equal((await call(null, 'GET', `/${ids.backroom}`)).json().address, '');
  });
});
