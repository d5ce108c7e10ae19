import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TestApp } from '../helpers/app.ts';
import { createOrganisation, createUser, type TestUser } from '../helpers/factories.ts';
import { createPostgresTestApp } from './postgres.ts';

describe('wiki: concurrent saves never lose text (PostgreSQL, 20 parallel saves)', () => {
  let t: TestApp;
  let editors: TestUser[];

  const call = (user: TestUser, method: 'POST' | 'PUT', url: string, payload: object) =>
    t.app.inject({ method, url: `/api/v1/wiki${url}`, headers: user.headers, payload });

  before(async () => {
    t = await createPostgresTestApp();
    const caritas = await createOrganisation(t, { name: 'Caritas' });
    editors = [];
    for (let i = 0; i < 5; i++) editors.push(await createUser(t, { memberOf: [[caritas.id, 'staff']] }));
  });
  after(() => t.close());

  test('20 parallel saves against the same base revision: one succeeds, 19 × 409 with both versions, no revision lost', async () => {
    const created = await call(editors[0]!, 'POST', '/pages', { title: 'Wegweiser Pflege', body: 'Anfang.' });
    assert.equal(created.statusCode, 201, created.body);
    const pageId = created.json().id as string;
    const bodies = Array.from({ length: 20 }, (_, i) => `Fassung ${i + 1} von Person ${(i % 5) + 1}.`);
    const results = await Promise.all(
      bodies.map((body, i) =>
        call(editors[i % editors.length]!, 'PUT', `/pages/${pageId}`, {
          title: 'Wegweiser Pflege',
          body,
          summary: `Änderung ${i + 1}`,
          baseRevision: 1,
        }),
      ),
    );
    const won = results.filter((r) => r.statusCode === 200);
    const lost = results.filter((r) => r.statusCode === 409);
    assert.equal(won.length, 1, results.map((r) => r.statusCode).join(','));
    assert.equal(lost.length, 19);
    const winner = won[0]!.json();
    assert.equal(winner.revision, 2);
    for (const r of lost) {
      const c = r.json();
      assert.equal(c.code, 'wiki.edit_conflict');
      // the current version is the winner's, and what the loser sent comes back whole
      assert.equal(c.current.revision, 2);
      assert.equal(c.current.body, winner.body);
      assert.ok(bodies.includes(c.yours.body));
      assert.notEqual(c.yours.body, winner.body);
      assert.equal(c.yours.baseRevision, 1);
    }
    const revisions = await t.db
      .selectFrom('wiki_revision')
      .select(['revision', 'body'])
      .where('page_id', '=', pageId)
      .orderBy('revision')
      .execute();
    assert.deepEqual(
      revisions.map((r) => r.revision),
      [1, 2],
      'exactly the first revision and the one save that won',
    );
    assert.equal(revisions[0]!.body, 'Anfang.');
    assert.equal(revisions[1]!.body, winner.body);
    const page = await t.db
      .selectFrom('wiki_page')
      .select('current_revision')
      .where('id', '=', pageId)
      .executeTakeFirstOrThrow();
    assert.equal(page.current_revision, 2);
    // each who lost saves again on top of the new revision, one after the other: nothing is lost
    let base = 2;
    for (const r of lost.slice(0, 3)) {
      const again = await call(editors[0]!, 'PUT', `/pages/${pageId}`, {
        title: 'Wegweiser Pflege',
        body: `${r.json().current.body}\n${r.json().yours.body}`,
        baseRevision: base,
      });
      assert.equal(again.statusCode, 200, again.body);
      base = again.json().revision;
    }
    assert.equal(base, 5);
  });
});
