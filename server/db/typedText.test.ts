import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { freshDatabase } from '../../test/helpers/app.ts';
import { matchesTyped } from './typedText.ts';

// What a person types into a list's search box finds a row by stem in either language, by a title
// like it, or by a title containing it literally — on a table shaped as opportunities and resources
// are (the stored vector of migration 20261125_1500_search_vectors).

let d: Awaited<ReturnType<typeof freshDatabase>>;
before(async () => {
  d = await freshDatabase();
  await sql`CREATE TABLE typed_probe (
    id int PRIMARY KEY,
    title text NOT NULL,
    description text NOT NULL,
    search_vector tsvector GENERATED ALWAYS AS (
      to_tsvector('german', title || ' ' || description) || to_tsvector('english', title || ' ' || description)
    ) STORED)`.execute(d.db);
  await sql`INSERT INTO typed_probe (id, title, description) VALUES
    (1, 'Hausaufgabenhilfe – Altstadt', 'Wir lernen mit Kindern'),
    (2, 'Gardening together', 'Planting trees in the park'),
    (3, 'Rabatt 50% im Laden', 'Einkaufen'),
    (4, 'Fahrradwerkstatt', 'Reparaturen für alle'),
    (5, 'Vorlesen im Seniorenheim', 'Bücher und Geschichten')`.execute(d.db);
});
after(() => d.close());

async function found(typed: string): Promise<number[]> {
  const rows = await d.db
    .selectFrom(sql<{ id: number; title: string; search_vector: string }>`typed_probe`.as('p'))
    .select(sql<number>`p.id`.as('id'))
    .where(matchesTyped('p', typed))
    .orderBy(sql`p.id`)
    .execute();
  return rows.map((r) => r.id);
}

test('by stem in German or English, by a title like it, by a title containing it', async () => {
  assert.deepEqual(await found('Kinder'), [1], 'a German stem of the text');
  assert.deepEqual(await found('tree'), [2], 'an English stem ("trees")');
  assert.deepEqual(await found('Fahradwerkstat'), [4], 'a title like it (two letters missing)');
  assert.deepEqual(await found('aufgabenhil'), [1], 'part of a title word');
  assert.deepEqual(await found('50%'), [3], '% is taken literally');
  assert.deepEqual(await found('  Seniorenheim  '), [5], 'spaces around are ignored');
  assert.deepEqual(await found('Schwimmbad'), [], 'nothing alike');
});

test('as a prepared statement, whichever plan PostgreSQL chose, the same answers', async () => {
  // the server sends named prepared statements; after five runs PostgreSQL may keep a generic plan,
  // in which the typed text is a parameter (the reason the text query is made once per statement)
  for (let i = 0; i < 8; i++) {
    assert.deepEqual(await found('Kinder'), [1]);
    assert.deepEqual(await found('tree'), [2]);
  }
});
