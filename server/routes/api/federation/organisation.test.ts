import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { createOrganisation, createUser, type TestUser } from '../../../../test/helpers/factories.ts';
import { type FederatedInstance, federatedInstance, settle } from '../../../../test/helpers/federation.ts';

/**
 * An organisation's admins follow groups elsewhere themselves, on two loopback instances: A's
 * Repair-Café admin follows B's Repair-Café by its address, sees it accepted, unfollows — with audit
 * rows. Its staff, volunteers, strangers and another organisation's admin get 404 and change
 * nothing; with federation off the routes do not exist.
 */
describe("an organisation's federation routes", () => {
  let a: FederatedInstance;
  let b: FederatedInstance;
  let off: TestApp;
  let orgA: { id: string; slug: string };
  let otherA: { id: string; slug: string };
  let orgB: { id: string; slug: string };
  let orgOff: { id: string; slug: string };
  let admin: TestUser;
  let staff: TestUser;
  let volunteer: TestUser;
  let stranger: TestUser;
  let otherAdmin: TestUser;
  let adminOff: TestUser;

  before(async () => {
    a = await federatedInstance({ allowLoopback: true });
    b = await federatedInstance({ allowLoopback: true });
    off = await createTestApp();
    orgA = await createOrganisation(a, { name: 'Repair-Café Lindenbrück' });
    otherA = await createOrganisation(a, { name: 'Tafel Lindenbrück' });
    orgB = await createOrganisation(b, { name: 'Repair-Café Nachbarstadt' });
    orgOff = await createOrganisation(off, { name: 'Repair-Café ohne Föderation' });
    admin = await createUser(a, { memberOf: [[orgA.id, 'admin']] });
    staff = await createUser(a, { memberOf: [[orgA.id, 'staff']] });
    volunteer = await createUser(a, { memberOf: [[orgA.id, 'volunteer']] });
    stranger = await createUser(a);
    otherAdmin = await createUser(a, { memberOf: [[otherA.id, 'admin']] });
    adminOff = await createUser(off, { memberOf: [[orgOff.id, 'admin']] });
  });
  after(async () => {
    await a?.close();
    await b?.close();
    await off?.close();
  });

  const call = (
    t: TestApp,
    method: 'GET' | 'POST' | 'DELETE',
    url: string,
    headers?: TestUser['headers'],
    payload?: object,
  ) => t.app.inject({ method, url: `/api/v1/organisations${url}`, headers, ...(payload ? { payload } : {}) });
  const remoteB = () => `${b.origin}/ap/actors/${orgB.id}`;
  const audits = async () =>
    (
      await a.db
        .selectFrom('audit_log')
        .select(['action', 'actor_id', 'details'])
        .where('action', 'like', 'federation.%')
        .orderBy('at')
        .execute()
    ).map((r) => [r.action, r.actor_id, (r.details as { localActor?: string }).localActor]);

  test('the admin sees the organisation follows nobody yet, and its name elsewhere', async () => {
    const res = await call(a, 'GET', `/${orgA.id}/federation`, admin.headers);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), {
      handle: `@${orgA.slug}@${new URL(a.origin).host}`,
      follows: [],
      followers: [],
    });
    const org = await call(a, 'GET', `/${orgA.slug}`, admin.headers);
    assert.equal(org.json().abilities.administerFederation, true);
  });

  test('a bad handle, nobody there, our own server or a blocked one: a clear 422, nothing stored', async () => {
    const follow = (remote: string) =>
      call(a, 'POST', `/${orgA.id}/federation/follows`, admin.headers, { remote });
    const bad = await follow('kein handle');
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(
      bad.json().errors.map((e: { field: string; message: string }) => [e.field, e.message]),
      [
        [
          '/remote',
          'Bitte die Adresse der Gruppe als @name@server angeben (z. B. @repaircafe@andere.stadt) oder als Link, der mit https:// beginnt.',
        ],
      ],
    );
    const nobody = await follow(`${b.origin}/ap/actors/00000000-0000-4000-8000-000000000000`);
    assert.equal(nobody.statusCode, 422);
    assert.equal(nobody.json().code, 'federation.not_found_remote');
    assert.match(nobody.json().title, /keine Gruppe oder Organisation gefunden/);
    const local = await follow(`${a.origin}/ap/actors/${otherA.id}`);
    assert.equal(local.statusCode, 422);
    assert.equal(local.json().code, 'federation.is_local');
    await a.db
      .insertInto('ap_blocked_domain')
      .values({ network_id: a.networkId, domain: '127.0.0.1' })
      .execute();
    const blocked = await follow(remoteB());
    await a.db.deleteFrom('ap_blocked_domain').execute();
    assert.equal(blocked.statusCode, 422);
    assert.equal(blocked.json().code, 'federation.blocked');
    assert.match(blocked.json().title, /gesperrt/);
    assert.deepEqual(await a.db.selectFrom('ap_following').selectAll().execute(), []);
    assert.deepEqual(await audits(), []);
  });

  test('staff, volunteers, strangers, another organisation’s admin and visitors get 404', async () => {
    for (const who of [staff, volunteer, stranger, otherAdmin, undefined]) {
      const h = who?.headers;
      assert.equal((await call(a, 'GET', `/${orgA.id}/federation`, h)).statusCode, 404);
      const follow = await call(a, 'POST', `/${orgA.id}/federation/follows`, h, { remote: remoteB() });
      // a visitor without a session is refused before the route (CSRF) or by it: never allowed
      assert.ok([403, 404].includes(follow.statusCode), `${follow.statusCode}`);
    }
    assert.equal(
      (await call(a, 'POST', `/${orgA.id}/federation/follows`, otherAdmin.headers, { remote: remoteB() }))
        .statusCode,
      404,
    );
    assert.equal(
      (await call(a, 'GET', '/00000000-0000-4000-8000-000000000000/federation', admin.headers)).statusCode,
      404,
    );
    assert.deepEqual(await a.db.selectFrom('ap_following').selectAll().execute(), []);
  });

  test('the admin follows by address, sees it accepted, and unfollows; each with its audit row', async () => {
    const res = await call(a, 'POST', `/${orgA.id}/federation/follows`, admin.headers, { remote: remoteB() });
    assert.equal(res.statusCode, 204, res.body);
    await settle(a, b);
    const list = (await call(a, 'GET', `/${orgA.id}/federation`, admin.headers)).json();
    assert.equal(list.follows.length, 1);
    const [f] = list.follows;
    assert.equal(f.remote.uri, remoteB());
    assert.equal(f.remote.name, 'Repair-Café Nachbarstadt');
    assert.equal(f.status, 'accepted');
    // the other organisation of A follows nobody
    const otherList = await call(a, 'GET', `/${otherA.id}/federation`, otherAdmin.headers);
    assert.deepEqual(otherList.json().follows, []);
    // B's admin sees A's organisation among its followers
    const adminB = await createUser(b, { memberOf: [[orgB.id, 'admin']] });
    const onB = (await call(b, 'GET', `/${orgB.id}/federation`, adminB.headers)).json();
    assert.deepEqual(
      onB.followers.map((x: { follower: string }) => x.follower),
      [`${a.origin}/ap/actors/${orgA.id}`],
    );

    // another organisation's admin cannot end it
    const foreign = await call(
      a,
      'DELETE',
      `/${orgA.id}/federation/follows/${f.remote.id}`,
      otherAdmin.headers,
    );
    assert.equal(foreign.statusCode, 404);
    const del = await call(a, 'DELETE', `/${orgA.id}/federation/follows/${f.remote.id}`, admin.headers);
    assert.equal(del.statusCode, 204, del.body);
    await settle(a, b);
    assert.deepEqual((await call(a, 'GET', `/${orgA.id}/federation`, admin.headers)).json().follows, []);
    assert.deepEqual((await call(b, 'GET', `/${orgB.id}/federation`, adminB.headers)).json().followers, []);
    assert.equal(
      (await call(a, 'DELETE', `/${orgA.id}/federation/follows/${f.remote.id}`, admin.headers)).statusCode,
      404,
    );
    assert.deepEqual(await audits(), [
      ['federation.followed', admin.id, orgA.id],
      ['federation.unfollowed', admin.id, orgA.id],
    ]);
  });

  test('with federation off the routes do not exist, even for the admin', async () => {
    assert.equal((await call(off, 'GET', `/${orgOff.id}/federation`, adminOff.headers)).statusCode, 404);
    assert.equal(
      (
        await call(off, 'POST', `/${orgOff.id}/federation/follows`, adminOff.headers, {
          remote: '@x@y.example',
        })
      ).statusCode,
      404,
    );
    assert.equal(
      (
        await call(
          off,
          'DELETE',
          `/${orgOff.id}/federation/follows/00000000-0000-4000-8000-000000000000`,
          adminOff.headers,
        )
      ).statusCode,
      404,
    );
    const org = await call(off, 'GET', `/${orgOff.slug}`, adminOff.headers);
    assert.equal(
      org.json().abilities.administerFederation,
      true,
      'the ability is the policy’s; the 404 tells “off”',
    );
  });
});
