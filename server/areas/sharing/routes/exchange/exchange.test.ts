import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../../../test/helpers/app.ts';
import { createOrganisation, createUser, type TestUser } from '../../../../../test/helpers/factories.ts';
import { remindExpiringPosts } from '../../commands/remindExpiringPosts.ts';

describe('offers and wants (Tauschring)', () => {
  let t: TestApp;
  let jonas: TestUser;
  let mechanic: TestUser;
  let tutor: TestUser;
  let nosy: TestUser;
  let want: string;
  let bikeOffer: string;

  const call = (user: TestUser | null, method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({
      method,
      url: `/api/v1/exchange${url}`,
      headers: user?.headers ?? {},
      ...(payload ? { payload } : {}),
    });

  before(async () => {
    t = await createTestApp();
    jonas = await createUser(t, { displayName: 'Jonas' });
    mechanic = await createUser(t, { displayName: 'Ali' });
    tutor = await createUser(t, { displayName: 'Frau M.' });
    nosy = await createUser(t);
    want = (
      await call(jonas, 'POST', '/posts', {
        kind: 'want',
        category: 'skill',
        title: 'Wer hilft, mein Fahrrad zu reparieren?',
        description: 'Der Schlauch ist platt.',
      })
    ).json().id;
    bikeOffer = (
      await call(mechanic, 'POST', '/posts', {
        kind: 'offer',
        category: 'help',
        title: 'Fahrradreparatur',
        description: 'Ich flicke Schläuche und stelle Bremsen ein.',
        timeCreditMinutes: 60,
      })
    ).json().id;
    await call(tutor, 'POST', '/posts', { kind: 'offer', category: 'lesson', title: 'Nachhilfe in Mathe' });
  });
  after(() => t.close());

  test('the board is for signed-in members; open posts are listed and found by text', async () => {
    assert.equal((await call(null, 'GET', '/posts')).statusCode, 401);
    const offers = (await call(nosy, 'GET', '/posts?kind=offer')).json();
    assert.equal(offers.total, 2);
    const found = (await call(nosy, 'GET', `/posts?q=${encodeURIComponent('Fahrrad')}`)).json();
    assert.deepEqual(found.items.map((p: { id: string }) => p.id).sort(), [want, bikeOffer].sort());
  });

  test('a want gets the fitting offer as a suggestion, not unrelated ones or its own', async () => {
    const matches = (await call(jonas, 'GET', `/posts/${want}/matches`)).json().items;
    assert.equal(matches[0].id, bikeOffer);
    assert.ok(!matches.some((m: { title: string }) => m.title === 'Nachhilfe in Mathe'));
    assert.ok(!matches.some((m: { id: string }) => m.id === want));
  });

  test('people write to the author without seeing an email address; each sees only their own conversation', async () => {
    const first = await call(jonas, 'POST', `/posts/${bikeOffer}/messages`, { body: 'Passt Samstag um 10?' });
    assert.equal(first.statusCode, 201, first.body);
    assert.equal(first.json().toId, mechanic.id);
    assert.ok(!first.body.includes('@'));
    const told = await t.db
      .selectFrom('notification')
      .select('kind')
      .where('account_id', '=', mechanic.id)
      .where('kind', '=', 'exchange.message')
      .execute();
    assert.equal(told.length, 1);
    const reply = await call(mechanic, 'POST', `/posts/${bikeOffer}/messages`, {
      body: 'Ja, gern!',
      to: jonas.id,
    });
    assert.equal(reply.statusCode, 201);
    // the author can only answer people who wrote
    assert.equal(
      (await call(mechanic, 'POST', `/posts/${bikeOffer}/messages`, { body: 'Hallo', to: nosy.id }))
        .statusCode,
      404,
    );
    const thread = (await call(jonas, 'GET', `/posts/${bikeOffer}/messages`)).json().items;
    assert.deepEqual(
      thread.map((m: { body: string }) => m.body),
      ['Passt Samstag um 10?', 'Ja, gern!'],
    );
    assert.deepEqual((await call(nosy, 'GET', `/posts/${bikeOffer}/messages`)).json().items, []);
  });

  test('authors are reminded once before a post expires and can renew it; closed posts take no answers', async () => {
    const short = (
      await call(tutor, 'POST', '/posts', { kind: 'want', category: 'item', title: 'Suche Leiter', days: 2 })
    ).json();
    const job = await t.db
      .selectFrom('job')
      .select('kind')
      .where('kind', '=', 'exchange.remind_expiring')
      .where('dedupe_key', 'like', `${short.id}:%`)
      .executeTakeFirst();
    assert.ok(job);
    assert.equal(await remindExpiringPosts(t.db, t.networkId), 1);
    assert.equal(await remindExpiringPosts(t.db, t.networkId), 0);
    const note = await t.db
      .selectFrom('notification')
      .select('params')
      .where('account_id', '=', tutor.id)
      .where('kind', '=', 'exchange.post_expiring')
      .executeTakeFirstOrThrow();
    assert.equal((note.params as unknown as { title: string }).title, 'Suche Leiter');
    const renewed = await call(tutor, 'POST', `/posts/${short.id}/renew`);
    assert.equal(renewed.statusCode, 200, renewed.body);
    assert.ok(new Date(renewed.json().expiresAt) > new Date(short.expiresAt));
    assert.equal((await call(jonas, 'POST', `/posts/${short.id}/renew`)).statusCode, 403);

    const closed = await call(tutor, 'POST', `/posts/${short.id}/close`);
    assert.equal(closed.json().status, 'closed');
    const late = await call(jonas, 'POST', `/posts/${short.id}/messages`, { body: 'Noch da?' });
    assert.equal(late.statusCode, 409);
    assert.ok(
      !(await call(jonas, 'GET', '/posts?kind=want'))
        .json()
        .items.some((p: { id: string }) => p.id === short.id),
    );
    assert.ok(
      (await call(tutor, 'GET', '/posts?mine=true'))
        .json()
        .items.some((p: { id: string }) => p.id === short.id),
    );
  });
  test('an organisation’s page lists the posts made for it: filtered by organisation', async () => {
    const org = await createOrganisation(t, { name: 'Repair-Café' });
    const staff = await createUser(t, { displayName: 'Lukas', memberOf: [[org.id, 'staff']] });
    const forOrg = await call(staff, 'POST', '/posts', {
      kind: 'offer',
      category: 'help',
      title: 'Reparaturcafé jeden Samstag',
      organisationId: org.id,
    });
    assert.equal(forOrg.statusCode, 201, forOrg.body);
    await call(staff, 'POST', '/posts', { kind: 'offer', category: 'item', title: 'Mein altes Fahrrad' });
    const listed = (await call(nosy, 'GET', `/posts?organisationId=${org.id}`)).json();
    assert.deepEqual(
      listed.items.map((p: { id: string }) => p.id),
      [forOrg.json().id],
      'only the post made for the organisation, not its staff member’s own',
    );
    assert.equal(listed.items[0].organisation.name, 'Repair-Café');
    const other = await createOrganisation(t);
    assert.equal((await call(nosy, 'GET', `/posts?organisationId=${other.id}`)).json().total, 0);
    assert.equal((await call(nosy, 'GET', '/posts?organisationId=kein-uuid')).statusCode, 400);
  });
});
