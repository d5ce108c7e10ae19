import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../../../../test/helpers/app.ts';
import { createOrganisation, createUser, type TestUser } from '../../../../../../test/helpers/factories.ts';
import { jobHandlers } from '../../../../../platform/job-handlers.ts';
import { digestJob } from '../../index.ts';

describe('follows: only what one may see, listed with titles; the home suggests a digest', () => {
  let t: TestApp;
  let org: { id: string; slug: string; name: string };
  let member: TestUser;
  let outsider: TestUser;
  let secretPage: string;
  let pendingThread: string;
  let n = 0;

  const call = (user: TestUser | null, method: 'GET' | 'PUT' | 'DELETE', url: string) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: user?.headers ?? {},
      remoteAddress: `10.7.0.${++n & 255}`,
    });

  before(async () => {
    t = await createTestApp();
    org = await createOrganisation(t, { name: 'Seniorentreff' });
    member = await createUser(t, { memberOf: [[org.id, 'volunteer']] });
    outsider = await createUser(t);
    secretPage = (
      await t.db
        .insertInto('wiki_page')
        .values({
          network_id: t.networkId,
          slug: 'intern',
          title: 'Interne Absprachen',
          visibility: 'members',
          organisation_id: org.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    pendingThread = (
      await t.db
        .insertInto('discussion_thread')
        .values({
          network_id: t.networkId,
          title: 'Erster Beitrag in Prüfung',
          theme: 'age',
          author_id: member.id,
          review_status: 'pending',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  });
  after(() => t.close());

  test('a members-only page or a thread in review cannot be followed by others: 404 like a missing one', async () => {
    assert.equal((await call(outsider, 'PUT', `/follows/wiki_page/${secretPage}`)).statusCode, 404);
    assert.equal(
      (await call(outsider, 'PUT', `/follows/discussion_thread/${pendingThread}`)).statusCode,
      404,
    );
    assert.equal(
      (await call(outsider, 'PUT', '/follows/organisation/00000000-0000-4000-8000-000000000000')).statusCode,
      404,
    );
    assert.equal((await call(member, 'PUT', `/follows/wiki_page/${secretPage}`)).statusCode, 204);
    // her own thread in review she may follow
    assert.equal((await call(member, 'PUT', `/follows/discussion_thread/${pendingThread}`)).statusCode, 204);
    assert.equal((await call(null, 'GET', '/follows')).statusCode, 401);
    assert.equal((await call(member, 'GET', '/follows?limit=0')).statusCode, 400);
  });

  test('the list names each thing; a moderator hiding a thing takes its title away', async () => {
    const list = (await call(member, 'GET', '/follows')).json();
    assert.deepEqual(list.items.map((i: { title: string }) => i.title).sort(), [
      'Erster Beitrag in Prüfung',
      'Interne Absprachen',
    ]);
    const page = list.items.find((i: { targetId: string }) => i.targetId === secretPage);
    assert.equal(page.path, `/wissen/wiki/${secretPage}`);
    await t.db
      .insertInto('hidden_content')
      .values({
        network_id: t.networkId,
        entity_type: 'wiki_page',
        entity_id: secretPage,
        hidden_by: member.id,
        reason: 'test',
      })
      .execute();
    const after = (await call(member, 'GET', '/follows')).json();
    const hidden = after.items.find((i: { targetId: string }) => i.targetId === secretPage);
    assert.deepEqual([hidden.title, hidden.path], [null, null]);
    // the outsider follows nothing: an empty page
    assert.deepEqual((await call(outsider, 'GET', '/follows')).json(), {
      items: [],
      total: 0,
      limit: 20,
      offset: 0,
    });
  });

  test('the home suggests a digest to someone who follows things and has none, and stops once chosen', async () => {
    const suggestions = async (user: TestUser) => {
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/v1/me/today',
        headers: { ...user.headers, 'accept-language': 'de' },
        remoteAddress: `10.7.1.${++n & 255}`,
      });
      assert.equal(res.statusCode, 200, res.body);
      return (
        res.json().sections as { id: string; items: { title: string; detail?: string; link: string }[] }[]
      ).find((s) => s.id === 'knowledge.digest');
    };
    const offered = await suggestions(member);
    assert.ok(offered, 'offered');
    assert.equal(offered.items[0]?.link, '/wissen/folgen');
    assert.match(offered.items[0]?.detail ?? '', /Sie folgen 2 Dingen/);
    assert.equal(await suggestions(outsider), undefined, 'nothing followed, nothing offered');
    await t.app.inject({
      method: 'PUT',
      url: '/api/v1/digest/settings',
      headers: member.headers,
      payload: { frequency: 'daily' },
    });
    assert.equal(await suggestions(member), undefined);
  });

  test('the digest run is registered as recurring work', () => {
    assert.equal(typeof jobHandlers(t.app.deps.config)[digestJob], 'function');
  });
});
