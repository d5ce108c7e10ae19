import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TestApp } from '../helpers/app.ts';
import { createOrganisation, createUser, type TestUser } from '../helpers/factories.ts';
import { createPostgresTestApp } from './postgres.ts';

describe('discussion posts never share a position (PostgreSQL, 20 parallel replies)', () => {
  let t: TestApp;
  let people: TestUser[];
  let threadId: string;

  const post = (user: TestUser, url: string, payload: object) =>
    t.app.inject({ method: 'POST', url: `/api/v1/discussions${url}`, headers: user.headers, payload });

  before(async () => {
    t = await createPostgresTestApp();
    // members of an organisation: nobody waits for review
    const club = await createOrganisation(t, { name: 'Sportverein' });
    people = [];
    for (let i = 0; i < 20; i++)
      people.push(
        await createUser(t, { displayName: `Nachbarin ${i + 1}`, memberOf: [[club.id, 'volunteer']] }),
      );
    const r = await post(people[0]!, '/threads', {
      title: 'Uns fehlt ein Jugendraum',
      theme: 'youth',
      body: 'Wer weiß einen Raum?',
    });
    assert.equal(r.statusCode, 201, r.body);
    threadId = r.json().id;
  });
  after(() => t.close());

  test('every reply gets its own position, gap-free, and the thread counts them all', async () => {
    const answers = await Promise.all(
      people.map((p, i) => post(p, `/threads/${threadId}/posts`, { body: `Antwort ${i + 1}` })),
    );
    for (const a of answers) assert.equal(a.statusCode, 201, a.body);
    const positions = answers.map((a) => a.json().position as number).sort((x, y) => x - y);
    assert.deepEqual(
      positions,
      Array.from({ length: 20 }, (_, i) => i + 2),
    );
    const rows = await t.db
      .selectFrom('discussion_post')
      .select('position')
      .where('thread_id', '=', threadId)
      .orderBy('position')
      .execute();
    assert.deepEqual(
      rows.map((r) => r.position),
      Array.from({ length: 21 }, (_, i) => i + 1),
    );
    const thread = await t.db
      .selectFrom('discussion_thread')
      .select('post_count')
      .where('id', '=', threadId)
      .executeTakeFirstOrThrow();
    assert.equal(thread.post_count, 21, 'no lost update of the counter');
  });
});
