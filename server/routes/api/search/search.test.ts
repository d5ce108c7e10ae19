import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { createUser } from '../../../../test/helpers/factories.ts';
import { indexDocument } from '../../../platform/search.ts';
import { webPaths } from '../../../platform/webPaths.ts';

describe('search', () => {
  let t: TestApp;
  const ids = { cafe: crypto.randomUUID(), werkstatt: crypto.randomUUID(), hidden: crypto.randomUUID() };
  before(async () => {
    t = await createTestApp();
    const doc = (entityType: string, entityId: string, title: string, body: string) =>
      indexDocument(t.db, {
        networkId: t.networkId,
        entityType,
        entityId,
        title,
        body,
        link: webPaths.resource(entityId),
      });
    await doc(
      'organisation',
      ids.cafe,
      'Seniorencafé Lindenhof',
      'Ein Treffpunkt für ältere Menschen mit Kuchen.',
    );
    await doc(
      'wiki_page',
      ids.werkstatt,
      'Fahrradwerkstatt',
      'Reparaturen gegen Zeitgutschriften, jeden Samstag.',
    );
    await doc('pin', ids.hidden, 'Fahrradwerkstatt Werbung', 'Spam');
    await t.db
      .updateTable('search_document')
      .set({ hidden: true })
      .where('entity_id', '=', ids.hidden)
      .execute();
  });
  after(() => t.close());

  const search = (query: string) => t.app.inject({ method: 'GET', url: `/api/v1/search?${query}` });

  test('anyone finds public content by a German word form, with a snippet and a link', async () => {
    const res = await search('q=Reparatur');
    assert.equal(res.statusCode, 200);
    const page = res.json();
    assert.equal(page.total, 1);
    assert.deepEqual(page.items[0], {
      entityType: 'wiki_page',
      entityId: ids.werkstatt,
      title: 'Fahrradwerkstatt',
      snippet: page.items[0].snippet,
      link: webPaths.resource(ids.werkstatt),
    });
    assert.match(page.items[0].snippet, /Reparaturen/);
  });

  test('a typo still finds the title', async () => {
    const res = await search(`q=${encodeURIComponent('Fahradwerkstatt')}`);
    assert.ok(res.json().items.some((h: { entityId: string }) => h.entityId === ids.werkstatt));
  });

  test('hidden content is never found', async () => {
    const res = await search('q=Fahrradwerkstatt');
    const found = res.json().items.map((h: { entityId: string }) => h.entityId);
    assert.ok(found.includes(ids.werkstatt));
    assert.ok(!found.includes(ids.hidden));
    assert.equal(res.json().total, 1);
  });

  test('results can be limited to types and paged', async () => {
    const onlyOrgs = await search('q=Fahrradwerkstatt&type=organisation');
    assert.equal(onlyOrgs.json().total, 0);
    const two = await search('q=Seniorencafé&type=organisation,wiki_page&limit=1&offset=0');
    assert.equal(two.json().items[0].entityId, ids.cafe);
    assert.equal(two.json().limit, 1);
  });

  test('signed-in people search the same way', async () => {
    const u = await createUser(t);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/search?q=Kuchen', headers: u.headers });
    assert.equal(res.json().items[0].entityId, ids.cafe);
  });

  test('a missing, empty, blank or too long query is a 400', async () => {
    assert.equal((await search('')).statusCode, 400);
    assert.equal((await search('q=')).statusCode, 400);
    assert.equal((await search('q=%20%20')).statusCode, 400);
    assert.equal((await search(`q=${'a'.repeat(201)}`)).statusCode, 400);
    assert.equal((await search('q=x&type=DROP TABLE')).statusCode, 400);
    assert.equal((await search('q=x&order=new')).statusCode, 400);
  });
});
