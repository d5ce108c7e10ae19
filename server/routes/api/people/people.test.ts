import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { createOrganisation, createUser, type TestUser } from '../../../../test/helpers/factories.ts';

describe('people', () => {
  let t: TestApp;
  let jonas: TestUser;
  let viewer: TestUser;
  let org: { id: string; slug: string; name: string };
  before(async () => {
    t = await createTestApp();
    org = await createOrganisation(t, { name: 'Fahrradwerkstatt Ost' });
    jonas = await createUser(t, { displayName: 'Jonas', memberOf: [[org.id, 'volunteer']] });
    await t.db
      .updateTable('profile')
      .set({
        bio: 'Student, schraubt gern.',
        skills: ['Fahrräder'],
        interests: ['Radfahren'],
        languages: ['de', 'en'],
      })
      .where('account_id', '=', jonas.id)
      .execute();
    viewer = await createUser(t);
  });
  after(() => t.close());

  const get = (id: string, headers?: TestUser['headers']) =>
    t.app.inject({ method: 'GET', url: `/api/v1/people/${id}`, headers });

  test('a signed-in member sees a profile with memberships but never the email', async () => {
    const res = await get(jonas.id, viewer.headers);
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), {
      id: jonas.id,
      displayName: 'Jonas',
      bio: 'Student, schraubt gern.',
      skills: ['Fahrräder'],
      interests: ['Radfahren'],
      languages: ['de', 'en'],
      memberships: [
        { organisationId: org.id, name: 'Fahrradwerkstatt Ost', slug: org.slug, role: 'volunteer' },
      ],
    });
    assert.ok(!res.body.includes(jonas.email));
  });

  test('anonymous visitors get 404, so they do not learn who is in the network', async () => {
    const res = await get(jonas.id);
    assert.equal(res.statusCode, 404);
    assert.equal((await get('00000000-0000-4000-8000-000000000000')).statusCode, 404);
  });

  test('unknown and blocked people are not found', async () => {
    assert.equal((await get('00000000-0000-4000-8000-000000000000', viewer.headers)).statusCode, 404);
    const blocked = await createUser(t);
    await t.db
      .updateTable('account')
      .set({ blocked_at: new Date(), blocked_reason: 'Spam' })
      .where('id', '=', blocked.id)
      .execute();
    assert.equal((await get(blocked.id, viewer.headers)).statusCode, 404);
    // a blocked person's own session no longer counts as signed in
    assert.equal((await get(jonas.id, blocked.headers)).statusCode, 404);
  });

  test('a malformed id is a 400', async () => {
    assert.equal((await get('jonas', viewer.headers)).statusCode, 400);
  });
});
