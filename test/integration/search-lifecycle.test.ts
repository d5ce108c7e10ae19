import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { searchWordHealth } from '../../server/platform/search.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createOrganisation, createUser, type TestUser } from '../helpers/factories.ts';

/**
 * The search index follows every area's writes through the API: what is created is found, what is
 * changed is found by its new words and no longer by its old ones, what is withdrawn, closed, run
 * out or hidden by a moderator is gone — in the same transaction as the write, so search never
 * shows what the area no longer shows.
 */
interface Hit {
  type: string;
  entityType: string;
  entityId: string;
  title: string;
}

describe('search follows each area’s lifecycle', () => {
  let t: TestApp;
  let admin: TestUser;
  let staff: TestUser;
  let neighbour: TestUser;
  let orgId: string;

  before(async () => {
    t = await createTestApp();
    const org = await createOrganisation(t, { name: 'Quartiersladen Ost' });
    orgId = org.id;
    admin = await createUser(t, { admin: true });
    staff = await createUser(t, { memberOf: [[org.id, 'staff']] });
    neighbour = await createUser(t);
  });
  after(() => t.close());

  const call = (
    who: TestUser | null,
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    payload?: object,
  ) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: who?.headers ?? {},
      ...(payload ? { payload } : {}),
    });
  async function ok(
    who: TestUser | null,
    method: 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    payload?: object,
  ) {
    const res = await call(who, method, url, payload);
    assert.ok(res.statusCode < 300, `${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.statusCode === 204 ? null : res.json();
  }
  const found = async (q: string, who: TestUser | null = neighbour): Promise<Hit[]> => {
    const res = await call(who, 'GET', `/search?q=${encodeURIComponent(q)}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json().items;
  };
  const ids = async (q: string, who: TestUser | null = neighbour) =>
    (await found(q, who)).map((h) => h.entityId);

  test('organisations: found when created, by their new name once renamed', async () => {
    const created = await ok(admin, 'POST', '/organisations', {
      name: 'Tauschbörse Zwergenland',
      slug: 'tauschboerse-zwergenland',
      kind: 'initiative',
      sector: 'civil_society',
      description: 'Kinderkleidung tauschen statt kaufen.',
    });
    assert.deepEqual(
      (await found('Zwergenland', null)).map((h) => [h.type, h.entityId]),
      [['organisation', created.id]],
    );
    await ok(admin, 'PATCH', `/organisations/${created.id}`, { name: 'Tauschbörse Wichtelhaus' });
    assert.deepEqual(await ids('Zwergenland', null), []);
    assert.deepEqual(await ids('Wichtelhaus', null), [created.id]);
  });

  test('what an organisation offers is found by its name, the new one once it is renamed', async () => {
    const org = await ok(admin, 'POST', '/organisations', {
      name: 'Kochwerkstatt Sonnenblume',
      slug: 'kochwerkstatt-sonnenblume',
      kind: 'association',
      sector: 'civil_society',
    });
    const cook = await createUser(t, { memberOf: [[org.id, 'staff']] });
    const r = await ok(cook, 'POST', '/resources', {
      organisationId: org.id,
      kind: 'room',
      title: 'Lehrküche mit sechs Herden',
      whoMayBorrow: 'everyone',
    });
    assert.ok((await ids('Sonnenblume', null)).includes(r.id), 'found by the name of who offers it');
    await ok(admin, 'PATCH', `/organisations/${org.id}`, { name: 'Kochwerkstatt Löwenzahn' });
    assert.ok(!(await ids('Sonnenblume', null)).includes(r.id), 'no longer by the old name');
    assert.ok((await ids('Löwenzahn', null)).includes(r.id), 'by the new one');
  });

  test('resources: found while active, as help when a skill, gone when withdrawn or hidden', async () => {
    const r = await ok(staff, 'POST', '/resources', {
      organisationId: orgId,
      kind: 'equipment',
      title: 'Heckenschere elektrisch',
      description: 'Für Hecken bis zwei Meter.',
      whoMayBorrow: 'everyone',
    });
    const hit = (await found('Heckenschere', null)).find((h) => h.entityId === r.id);
    assert.equal(hit?.type, 'resource');
    await ok(staff, 'PATCH', `/resources/${r.id}`, { title: 'Astschere', kind: 'skill' });
    assert.ok(
      !(await found('Heckenschere', null)).some((h) => h.title === 'Heckenschere elektrisch'),
      'the old title is gone',
    );
    assert.equal((await found('Astschere', null)).find((h) => h.entityId === r.id)?.type, 'service');
    await ok(staff, 'DELETE', `/resources/${r.id}`);
    assert.ok(!(await ids('Astschere', null)).includes(r.id), 'withdrawn');

    const other = await ok(staff, 'POST', '/resources', {
      organisationId: orgId,
      kind: 'room',
      title: 'Werkraum Quartiersladen',
      whoMayBorrow: 'everyone',
    });
    assert.ok((await ids('Werkraum')).includes(other.id));
    const flag = await ok(neighbour, 'POST', '/flags', {
      entityType: 'resource',
      entityId: other.id,
      reason: 'spam',
    });
    await ok(admin, 'POST', `/admin/flags/${flag.id}/hide`, { reason: 'Werbung' });
    assert.ok(!(await ids('Werkraum')).includes(other.id), 'hidden by a moderator');
    await ok(staff, 'PATCH', `/resources/${other.id}`, { description: 'Jetzt mit Werkbank.' });
    assert.ok(!(await ids('Werkraum')).includes(other.id), 'still hidden after its owner changed it');
  });

  test('Tauschring posts: for people signed in, gone when closed or run out, back when renewed', async () => {
    const p = await ok(neighbour, 'POST', '/exchange/posts', {
      kind: 'offer',
      category: 'help',
      title: 'Fensterputzen im Erdgeschoss',
      description: 'Ich putze Ihre Fenster.',
    });
    assert.deepEqual(await ids('Fensterputzen', null), [], 'not for visitors');
    assert.deepEqual(
      (await found('Fensterputzen', staff)).map((h) => [h.type, h.entityId]),
      [['exchange_offer', p.id]],
    );
    await ok(neighbour, 'PATCH', `/exchange/posts/${p.id}`, {
      kind: 'want',
      title: 'Suche Hilfe beim Fensterputzen',
    });
    assert.equal((await found('Fensterputzen', staff))[0]?.type, 'exchange_want');
    await ok(neighbour, 'POST', `/exchange/posts/${p.id}/close`);
    assert.deepEqual(await ids('Fensterputzen', staff), [], 'closed');
    await ok(neighbour, 'POST', `/exchange/posts/${p.id}/renew`, { days: 10 });
    assert.deepEqual(await ids('Fensterputzen', staff), [p.id], 'renewed');
    await t.db
      .updateTable('exchange_post')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', p.id)
      .execute();
    await t.db
      .updateTable('search_document')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('entity_id', '=', p.id)
      .execute();
    assert.deepEqual(await ids('Fensterputzen', staff), [], 'run out');
  });

  test('opportunities: not while a draft, found when published, gone when closed', async () => {
    const o = await ok(staff, 'POST', '/opportunities', {
      level: 'regular',
      title: 'Lesepatenschaft in der Grundschule',
      description: 'Einmal pro Woche mit Kindern lesen.',
      mode: 'on_site',
      organisationIds: [orgId],
    });
    assert.deepEqual(await ids('Lesepatenschaft', null), [], 'a draft');
    await ok(staff, 'PATCH', `/opportunities/${o.id}`, { status: 'published' });
    assert.equal((await found('Lesepatenschaft', null))[0]?.type, 'opportunity');
    await ok(staff, 'PATCH', `/opportunities/${o.id}`, { status: 'closed' });
    assert.deepEqual(await ids('Lesepatenschaft', null), [], 'closed');
  });

  test('playbook pages: found by the words of their latest revision', async () => {
    const page = await ok(staff, 'POST', '/playbook/pages', {
      title: 'Flyer im Waschsalon',
      body: 'Aushänge im Waschsalon erreichen Studierende.',
    });
    assert.deepEqual(await ids('Waschsalon', null), [page.pageId]);
    await ok(staff, 'PUT', `/playbook/pages/${page.pageId}`, {
      baseRevision: 1,
      title: 'Flyer in der Bibliothek',
      body: 'Aushänge in der Bibliothek erreichen Studierende.',
    });
    assert.deepEqual(await ids('Waschsalon', null), []);
    assert.equal((await found('Bibliothek', null))[0]?.type, 'playbook_page');
  });

  // the word table (migration 20261213_0900_search_words) is kept by triggers: after the creations,
  // renames, hidings, withdrawals and closings above it must hold exactly what the entries say now
  test('the word table holds the words of every entry as it is now, and none of a hidden one', async () => {
    const difference = async () => (await searchWordHealth(t.db, t.networkId)).mismatched;
    const words = await sql<{ n: number }>`SELECT count(*)::int AS n FROM search_word`.execute(t.db);
    assert.ok((words.rows[0]?.n ?? 0) > 20, 'the entries above have words');
    assert.equal(await difference(), 0);
    const hidden = await sql<{ entries: number; words: number }>`
      SELECT count(*)::int AS entries,
             (SELECT count(*)::int FROM search_word w JOIN search_document d USING (network_id, entity_type, entity_id)
              WHERE d.hidden) AS words
      FROM search_document WHERE hidden`.execute(t.db);
    assert.ok((hidden.rows[0]?.entries ?? 0) > 0, 'a moderator hid an entry above');
    assert.equal(hidden.rows[0]?.words, 0, 'a hidden entry has no words');
    // an upsert that changes nothing but the time, and a delete of all at once, follow too
    await sql`UPDATE search_document SET updated_at = updated_at + interval '1 second'`.execute(t.db);
    assert.equal(await difference(), 0);
    await sql`DELETE FROM search_document WHERE entity_type = 'playbook_page'`.execute(t.db);
    assert.equal(await difference(), 0);
  });
});
