import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../../../test/helpers/app.ts';
import { createOrganisation, createUser, type TestUser } from '../../../../../test/helpers/factories.ts';

describe('participation playbook: pages with revisions shared by all organisations', () => {
  let t: TestApp;
  let centre: { id: string };
  let petra: TestUser;
  let diakonieStaff: TestUser;
  let volunteer: TestUser;
  let pageId: string;

  const call = (user: TestUser | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    t.app.inject({
      method,
      url: `/api/v1/playbook${url}`,
      headers: user?.headers ?? {},
      ...(payload ? { payload } : {}),
    });
  const revisions = async () =>
    (
      await t.db
        .selectFrom('playbook_revision')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;

  before(async () => {
    t = await createTestApp();
    centre = await createOrganisation(t, { name: 'Nachbarschaftszentrum' });
    const diakonie = await createOrganisation(t, { name: 'Diakonie' });
    petra = await createUser(t, { displayName: 'Petra', memberOf: [[centre.id, 'staff']] });
    diakonieStaff = await createUser(t, { displayName: 'Herr D.', memberOf: [[diakonie.id, 'staff']] });
    volunteer = await createUser(t, { memberOf: [[centre.id, 'volunteer']] });
  });
  after(() => t.close());

  test('staff of any organisation start a page; volunteers and visitors cannot, and bad input writes nothing', async () => {
    const body = {
      title: 'Ältere Nachbarn erreichen',
      body: 'Aushänge im Treppenhaus.\nPersönlich ansprechen.\nFlyer beim Bäcker.',
      tags: ['Senioren', 'Ansprache'],
      channels: [{ channel: 'Aushang im Treppenhaus', reached: 'ältere Menschen ohne Internet' }],
      organisationId: centre.id,
    };
    assert.equal((await call(null, 'POST', '/pages', body)).statusCode, 401);
    assert.equal((await call(volunteer, 'POST', '/pages', body)).statusCode, 403);
    assert.equal((await call(petra, 'POST', '/pages', { ...body, title: 'x' })).statusCode, 400);
    const foreignOrg = await call(diakonieStaff, 'POST', '/pages', body);
    assert.equal(foreignOrg.statusCode, 422, 'writing for an organisation one does not act for');
    assert.equal(await revisions(), 0);
    const r = await call(petra, 'POST', '/pages', body);
    assert.equal(r.statusCode, 201, r.body);
    pageId = r.json().pageId;
    assert.equal(r.json().revision, 1);
    assert.deepEqual(r.json().channels, body.channels);
    assert.deepEqual(r.json().organisation, { id: centre.id, name: 'Nachbarschaftszentrum' });
    const anyone = await call(null, 'GET', `/pages/${pageId}`);
    assert.equal(anyone.statusCode, 200);
    assert.equal(anyone.json().abilities.edit, false);
  });

  test('each save is a revision; a save from an old revision is refused; revisions are listed and diffed', async () => {
    const second = await call(diakonieStaff, 'PUT', `/pages/${pageId}`, {
      baseRevision: 1,
      title: 'Ältere Nachbarn erreichen',
      body: 'Aushänge im Treppenhaus.\nPersönlich ansprechen, am besten zu zweit.\nFlyer beim Bäcker.\nTelefonkette.',
      tags: ['Senioren', 'Telefon'],
      summary: 'Telefonkette ergänzt',
    });
    assert.equal(second.statusCode, 200, second.body);
    assert.equal(second.json().revision, 2);
    const stale = await call(petra, 'PUT', `/pages/${pageId}`, {
      baseRevision: 1,
      title: 'Alt',
      body: 'weg',
    });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().code, 'playbook.stale_revision');
    assert.equal(await revisions(), 2);

    const list = (await call(null, 'GET', `/pages/${pageId}/revisions`)).json().items;
    assert.deepEqual(
      list.map((r: { revision: number; author: { name: string } }) => [r.revision, r.author.name]),
      [
        [2, 'Herr D.'],
        [1, 'Petra'],
      ],
    );
    const old = (await call(null, 'GET', `/pages/${pageId}/revisions/1`)).json();
    assert.equal(old.revision, 1);
    assert.equal(old.currentRevision, 2);
    assert.ok(!old.body.includes('Telefonkette'));

    const diff = (await call(null, 'GET', `/pages/${pageId}/diff?from=1&to=2`)).json();
    assert.deepEqual(diff.tags, { added: ['Telefon'], removed: ['Ansprache'] });
    assert.deepEqual(
      diff.lines.filter((l: { op: string }) => l.op !== 'equal'),
      [
        { op: 'delete', text: 'Persönlich ansprechen.' },
        { op: 'insert', text: 'Persönlich ansprechen, am besten zu zweit.' },
        { op: 'insert', text: 'Telefonkette.' },
      ],
    );
    assert.equal((await call(null, 'GET', `/pages/${pageId}/diff?from=1&to=9`)).statusCode, 404);
    assert.equal((await call(null, 'GET', `/pages/${pageId}/diff?from=1`)).statusCode, 400);
  });

  test('pages are listed with their current revision, by tag and text, and found by the network search', async () => {
    const all = (await call(null, 'GET', '/pages')).json();
    assert.equal(all.total, 1);
    assert.equal(all.items[0].revision, 2);
    assert.equal((await call(null, 'GET', '/pages?tag=Telefon')).json().total, 1);
    assert.equal((await call(null, 'GET', '/pages?tag=Ansprache')).json().total, 0);
    assert.equal((await call(null, 'GET', `/pages?q=${encodeURIComponent('Telefonkette')}`)).json().total, 1);
    const hits = await t.app.inject({ url: `/api/v1/search?q=${encodeURIComponent('Telefonkette')}` });
    assert.ok(hits.body.includes(pageId), hits.body);
  });
});
