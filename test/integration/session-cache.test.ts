import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createOrganisation, createUser, type TestUser } from '../helpers/factories.ts';

/**
 * A signed-in request's session is remembered for a second (auth/sessions.ts). These tests hold it to
 * its promise: whatever changes what a session grants is seen by the very next request.
 */
describe('the remembered session never outlives a change to what it grants', () => {
  let t: TestApp;
  let admin: TestUser;
  let org: { id: string };

  const orgAbilities = async (user: TestUser) => {
    const r = await t.app.inject({
      method: 'GET',
      url: `/api/v1/organisations/${org.id}`,
      headers: user.headers,
    });
    return r.json().abilities as { update: boolean; manageMembers: boolean };
  };
  const whoAmI = (user: TestUser) =>
    t.app.inject({ method: 'GET', url: '/api/v1/me', headers: user.headers });

  before(async () => {
    t = await createTestApp();
    org = await createOrganisation(t);
    admin = await createUser(t, { memberOf: [[org.id, 'admin']] });
  });
  after(() => t.close());

  test('a member who is removed loses the organisation’s rights on the next request', async () => {
    const staff = await createUser(t, { memberOf: [[org.id, 'admin']] });
    assert.equal((await orgAbilities(staff)).update, true); // now remembered
    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/organisations/${org.id}/members/${staff.id}`,
      headers: admin.headers,
    });
    assert.equal(removed.statusCode, 204);
    assert.deepEqual(await orgAbilities(staff), {
      ...(await orgAbilities(staff)),
      update: false,
      manageMembers: false,
    });
  });

  test('a role given is there on the next request', async () => {
    const volunteer = await createUser(t, { memberOf: [[org.id, 'volunteer']] });
    assert.equal((await orgAbilities(volunteer)).update, false);
    const changed = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/organisations/${org.id}/members/${volunteer.id}`,
      headers: admin.headers,
      payload: { role: 'admin' },
    });
    assert.equal(changed.statusCode < 300, true, changed.body);
    assert.equal((await orgAbilities(volunteer)).update, true);
  });

  test('a signed-out session and a blocked account end at once', async () => {
    const leaving = await createUser(t);
    assert.equal((await whoAmI(leaving)).statusCode, 200);
    await t.app.inject({ method: 'DELETE', url: '/api/v1/session', headers: leaving.headers });
    assert.equal((await whoAmI(leaving)).statusCode, 401);

    const instanceAdmin = await createUser(t, { admin: true });
    const blocked = await createUser(t);
    assert.equal((await whoAmI(blocked)).statusCode, 200);
    const block = await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/accounts/${blocked.id}/block`,
      headers: instanceAdmin.headers,
      payload: { reason: 'Spam' },
    });
    assert.equal(block.statusCode < 300, true, block.body);
    assert.equal((await whoAmI(blocked)).statusCode, 401);
  });

  test('a change written outside the app’s query builder (another process) shows within a second', async () => {
    const person = await createUser(t);
    const isAdmin = async () =>
      (await t.app.inject({ method: 'GET', url: '/api/v1/session', headers: person.headers })).json().account
        .isInstanceAdmin;
    const health = () =>
      t.app.inject({ method: 'GET', url: '/api/v1/timebank/health', headers: person.headers });
    assert.equal((await health()).statusCode, 403);
    assert.equal(await isAdmin(), false);
    // what the `admin` command line does from its own process: this process is not told
    await sql`UPDATE account SET is_instance_admin = true WHERE id = ${person.id}`.execute(t.db);
    await new Promise((r) => setTimeout(r, 1100));
    assert.equal((await health()).statusCode, 200);
  });
});
