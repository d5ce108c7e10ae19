import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import type { TestUser } from '../helpers/factories.ts';
import { api, circleWithEveryRole, type EveryRole } from './circles-fixture.ts';

describe('support circles: updates and the team around the person', () => {
  let t: TestApp;
  let call: ReturnType<typeof api>;
  let k: EveryRole;

  before(async () => {
    t = await createTestApp();
    call = api(t);
    k = await circleWithEveryRole(t);
  });
  after(() => t.close());

  const bodies = async (u: TestUser) =>
    (await call(u, 'GET', `/${k.circleId}/updates`)).json().items.map((x: { body: string }) => x.body);

  test('each post and comment is seen only by those its visibility names', async () => {
    const post = async (u: TestUser, body: string, visibility: string) => {
      const res = await call(u, 'POST', `/${k.circleId}/updates`, { body, visibility });
      assert.equal(res.statusCode, 201, res.body);
      return res.json().id as string;
    };
    const all = await post(k.proxy, 'Papa war heute gut gelaunt.', 'all_members');
    await post(k.coordinator, 'Pflegegrad beantragt.', 'coordinators_professionals');
    await post(k.owner, 'Ich möchte nicht ins Heim.', 'owner_only');
    const helperPost = await post(k.helper, 'Nur für Herrn K.: Schlüssel liegt beim Nachbarn.', 'owner_only');

    assert.deepEqual((await bodies(k.viewer)).sort(), ['Papa war heute gut gelaunt.']);
    assert.deepEqual((await bodies(k.professional)).sort(), [
      'Papa war heute gut gelaunt.',
      'Pflegegrad beantragt.',
    ]);
    assert.equal((await bodies(k.owner)).length, 4);
    assert.equal((await bodies(k.proxy)).length, 4, 'the proxy is an owner too');
    assert.ok(
      (await bodies(k.helper)).includes('Nur für Herrn K.: Schlüssel liegt beim Nachbarn.'),
      'authors see their own',
    );
    assert.equal(
      (await call(k.viewer, 'POST', `/${k.circleId}/updates`, { body: 'x', visibility: 'all_members' }))
        .statusCode,
      403,
    );

    const c1 = await call(k.helper, 'POST', `/${k.circleId}/updates/${all}/comments`, { body: 'Schön!' });
    assert.equal(c1.statusCode, 201, c1.body);
    await call(k.coordinator, 'POST', `/${k.circleId}/updates/${all}/comments`, {
      body: 'Intern: Arzt informiert.',
      visibility: 'coordinators_professionals',
    });
    const commentsFor = async (u: TestUser) =>
      (await call(u, 'GET', `/${k.circleId}/updates`))
        .json()
        .items.find((x: { id: string }) => x.id === all)
        .comments.map((c: { body: string }) => c.body);
    assert.deepEqual(await commentsFor(k.viewer), ['Schön!']);
    assert.deepEqual(await commentsFor(k.professional), ['Schön!', 'Intern: Arzt informiert.']);
    const hidden = await call(k.viewer, 'POST', `/${k.circleId}/updates/${helperPost}/comments`, {
      body: 'x',
    });
    assert.equal(hidden.statusCode, 403);
    const unseen = await call(k.professional, 'POST', `/${k.circleId}/updates/${helperPost}/comments`, {
      body: 'x',
    });
    assert.equal(unseen.statusCode, 404, 'an update one cannot see cannot be found');

    // members who want to hear of updates are told, but only of those they may see
    const heard = async (u: TestUser) =>
      (
        await t.db
          .selectFrom('notification')
          .select('kind')
          .where('account_id', '=', u.id)
          .where('kind', '=', 'circle.update_posted')
          .execute()
      ).length;
    assert.equal(await heard(k.viewer), 1);
    assert.equal(await heard(k.professional), 2);

    // the author hears of a comment, and from whom — but not of one the author may not see
    const helperNews = await post(k.helper, 'Ich fahre Donnerstag zur Physio.', 'all_members');
    const internal = await call(k.coordinator, 'POST', `/${k.circleId}/updates/${helperNews}/comments`, {
      body: 'Intern: Termin bestätigt.',
      visibility: 'coordinators_professionals',
    });
    assert.equal(internal.statusCode, 201, internal.body);
    await call(k.professional, 'POST', `/${k.circleId}/updates/${helperNews}/comments`, { body: 'Danke!' });
    const told = await t.db
      .selectFrom('notification')
      .select(['params', 'link'])
      .where('account_id', '=', k.helper.id)
      .where('kind', '=', 'circle.comment_posted')
      .execute();
    assert.deepEqual(told, [{ params: { name: k.professional.displayName }, link: `/kreise/${k.circleId}` }]);

    assert.equal((await call(k.viewer, 'DELETE', `/${k.circleId}/updates/${all}`)).statusCode, 403);
    assert.equal((await call(k.owner, 'DELETE', `/${k.circleId}/updates/${all}`)).statusCode, 204);
    assert.ok(!(await bodies(k.viewer)).includes('Papa war heute gut gelaunt.'));
  });

  test('the team of professionals: for coordinators and professionals, not for helpers and viewers', async () => {
    const res = await call(k.professional, 'POST', `/${k.circleId}/team`, {
      name: 'Frau Schmidt',
      organisationId: k.org.id,
      roleTitle: 'Sozialarbeiterin',
      contact: '0351 123456, Mo–Fr 9–12 Uhr',
    });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().organisationName, 'Beratungsstelle Mitte');
    await call(k.coordinator, 'POST', `/${k.circleId}/team`, {
      name: 'Pflegedienst Sonnenschein',
      organisationName: 'Sonnenschein GmbH',
      roleTitle: 'Ambulante Pflege',
    });
    const team = (await call(k.coordinator, 'GET', `/${k.circleId}/team`)).json().items;
    assert.deepEqual(
      team.map((x: { name: string }) => x.name),
      ['Frau Schmidt', 'Pflegedienst Sonnenschein'],
    );
    const changed = await call(k.coordinator, 'PATCH', `/${k.circleId}/team/${res.json().id}`, {
      contact: 'per E-Mail',
    });
    assert.equal(changed.json().contact, 'per E-Mail');
    assert.equal((await call(k.helper, 'GET', `/${k.circleId}/team`)).statusCode, 404);
    assert.equal((await call(k.viewer, 'GET', `/${k.circleId}/team`)).statusCode, 404);
    assert.equal((await call(k.owner, 'DELETE', `/${k.circleId}/team/${res.json().id}`)).statusCode, 204);
    assert.equal((await call(k.owner, 'GET', `/${k.circleId}/team`)).json().items.length, 1);
  });
});
