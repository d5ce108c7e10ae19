import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { createOrganisation, createUser, type TestUser } from '../../../../test/helpers/factories.ts';
import { type FederatedInstance, federatedInstance, settle } from '../../../../test/helpers/federation.ts';

/**
 * The admin's federation routes, on two loopback instances: A's admin makes A's organisation follow
 * B's through the API, sees it accepted, unfollows; blocks and unblocks an instance. Nobody else
 * sees the routes, and with federation off they do not exist.
 */
describe('federation admin routes', () => {
  let a: FederatedInstance;
  let b: FederatedInstance;
  let off: TestApp;
  let adminA: TestUser;
  let orgAdminA: TestUser;
  let citizenA: TestUser;
  let adminOff: TestUser;
  let orgA: { id: string; slug: string };
  let orgB: { id: string; slug: string };

  before(async () => {
    a = await federatedInstance({ allowLoopback: true });
    b = await federatedInstance({ allowLoopback: true });
    off = await createTestApp();
    orgA = await createOrganisation(a, { name: 'Repair-Café Lindenbrück' });
    orgB = await createOrganisation(b, { name: 'Repair-Café Nachbarstadt' });
    adminA = await createUser(a, { admin: true });
    orgAdminA = await createUser(a, { memberOf: [[orgA.id, 'admin']] });
    citizenA = await createUser(a);
    adminOff = await createUser(off, { admin: true });
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
  ) => t.app.inject({ method, url: `/api/v1/federation${url}`, headers, ...(payload ? { payload } : {}) });

  const auditActions = async (t: TestApp) =>
    (
      await t.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', 'like', 'federation.%')
        .orderBy('at')
        .execute()
    ).map((r) => r.action);

  test('the admin sees federation switched on, with nothing yet', async () => {
    const res = await call(a, 'GET', '', adminA.headers);
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.enabled, true);
    assert.equal(body.handleForm, `@name@${new URL(a.origin).host}`);
    assert.deepEqual([body.follows, body.followers, body.blocks], [[], [], []]);
  });

  test('an organisation follows one on the other instance by its address, and unfollows', async () => {
    // on loopback the actor's address (a handle's WebFinger lookup would go over https)
    const remote = `${b.origin}/ap/actors/${orgB.id}`;
    const res = await call(a, 'POST', '/follows', adminA.headers, { localActor: orgA.id, remote });
    assert.equal(res.statusCode, 204, res.body);
    await settle(a, b);
    const list = (await call(a, 'GET', '', adminA.headers)).json();
    assert.equal(list.follows.length, 1);
    const [f] = list.follows;
    assert.equal(f.localActor.id, orgA.id);
    assert.equal(f.localActor.handle, `@${orgA.slug}@${new URL(a.origin).host}`);
    assert.equal(f.remote.uri, `${b.origin}/ap/actors/${orgB.id}`);
    assert.equal(f.status, 'accepted');
    const onB = (await call(b, 'GET', '', (await createUser(b, { admin: true })).headers)).json();
    assert.equal(onB.followers.length, 1);
    assert.equal(onB.followers[0].localActor.id, orgB.id);

    const del = await call(a, 'DELETE', `/follows/${orgA.id}/${f.remote.id}`, adminA.headers);
    assert.equal(del.statusCode, 204, del.body);
    await settle(a, b);
    assert.deepEqual((await call(a, 'GET', '', adminA.headers)).json().follows, []);
    assert.equal(
      (await call(a, 'DELETE', `/follows/${orgA.id}/${f.remote.id}`, adminA.headers)).statusCode,
      404,
    );
    assert.deepEqual(await auditActions(a), ['federation.followed', 'federation.unfollowed']);
  });

  test('a handle that is not one, or names nothing, is a clear 422', async () => {
    const bad = await call(a, 'POST', '/follows', adminA.headers, {
      localActor: orgA.id,
      remote: 'kein handle',
    });
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(
      bad.json().errors?.map((e: { field: string }) => e.field) ??
        bad.json().fields?.map((e: { field: string }) => e.field),
      ['/remote'],
    );
    const nobody = await call(a, 'POST', '/follows', adminA.headers, {
      localActor: orgA.id,
      remote: `${b.origin}/ap/actors/00000000-0000-4000-8000-000000000000`,
    });
    assert.equal(nobody.statusCode, 422);
    assert.match(nobody.json().detail ?? nobody.json().title, /gefunden|found/);
    const unknownLocal = await call(a, 'POST', '/follows', adminA.headers, {
      localActor: '00000000-0000-4000-8000-000000000000',
      remote: `${b.origin}/ap/actors/${orgB.id}`,
    });
    assert.equal(unknownLocal.statusCode, 404);
  });

  test('the admin blocks and unblocks an instance; a bad domain is a 422', async () => {
    assert.equal(
      (await call(a, 'POST', '/blocks', adminA.headers, { domain: 'Spam.Example.' })).statusCode,
      204,
    );
    assert.deepEqual(
      (await call(a, 'GET', '', adminA.headers)).json().blocks.map((x: { domain: string }) => x.domain),
      ['spam.example'],
    );
    assert.equal(
      (await call(a, 'POST', '/blocks', adminA.headers, { domain: 'kein domain' })).statusCode,
      422,
    );
    assert.equal((await call(a, 'DELETE', '/blocks/spam.example', adminA.headers)).statusCode, 204);
    assert.equal((await call(a, 'DELETE', '/blocks/spam.example', adminA.headers)).statusCode, 404);
    assert.deepEqual((await call(a, 'GET', '', adminA.headers)).json().blocks, []);
    assert.deepEqual((await auditActions(a)).slice(-2), ['federation.blocked', 'federation.unblocked']);
  });

  test('anyone but the instance admin gets 404, and nothing changes', async () => {
    for (const who of [orgAdminA.headers, citizenA.headers, undefined]) {
      assert.equal((await call(a, 'GET', '', who)).statusCode, 404);
      const block = await call(a, 'POST', '/blocks', who, { domain: 'other.example' });
      assert.ok([403, 404].includes(block.statusCode), `${block.statusCode}`);
    }
    assert.equal(
      (await call(a, 'POST', '/blocks', orgAdminA.headers, { domain: 'other.example' })).statusCode,
      404,
    );
    assert.equal(
      (await call(a, 'POST', '/follows', orgAdminA.headers, { localActor: orgA.id, remote: '@x@y.example' }))
        .statusCode,
      404,
    );
    assert.equal((await call(a, 'DELETE', '/blocks/spam.example', citizenA.headers)).statusCode, 404);
    assert.deepEqual((await call(a, 'GET', '', adminA.headers)).json().blocks, []);
  });

  test('with federation off every route is 404, even for the admin', async () => {
    assert.equal((await call(off, 'GET', '', adminOff.headers)).statusCode, 404);
    assert.equal(
      (await call(off, 'POST', '/blocks', adminOff.headers, { domain: 'spam.example' })).statusCode,
      404,
    );
    assert.equal((await call(off, 'DELETE', '/blocks/spam.example', adminOff.headers)).statusCode, 404);
  });
});
