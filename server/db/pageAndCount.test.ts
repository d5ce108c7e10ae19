import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { freshDatabase } from '../../test/helpers/app.ts';
import { pageAndCount } from './pageAndCount.ts';

// A list's statements are compiled once per key and run again on every call: what they answer is read
// each time, never kept; each key has its own statements.

let d: Awaited<ReturnType<typeof freshDatabase>>;
before(async () => {
  d = await freshDatabase();
  await sql`CREATE TABLE page_probe (id int PRIMARY KEY, colour text NOT NULL)`.execute(d.db);
  await sql`INSERT INTO page_probe SELECT i, CASE WHEN i % 3 = 0 THEN 'red' ELSE 'blue' END FROM generate_series(1, 10) i`.execute(
    d.db,
  );
});
after(() => d.close());

function probe(colour: string, page: { limit: number; offset: number }) {
  let builds = 0;
  const run = () =>
    pageAndCount(d.db, ['page_probe', colour, page], () => {
      builds++;
      const q = d.db
        .selectFrom(sql<{ id: number; colour: string }>`page_probe`.as('p'))
        .where(sql.ref('p.colour'), '=', colour);
      return {
        page: q.select(sql<number>`p.id`.as('id')).orderBy(sql`p.id`).limit(page.limit).offset(page.offset),
        count: q.select((eb) => eb.fn.countAll<number>().as('n')),
      };
    });
  return { run, builds: () => builds };
}

test('a list is compiled once per key and read afresh on every call', async () => {
  const red = probe('red', { limit: 2, offset: 0 });
  const first = await red.run();
  assert.deepEqual(
    first.items.map((r) => r.id),
    [3, 6],
  );
  assert.equal(first.total, 3);

  await sql`INSERT INTO page_probe VALUES (0, 'red')`.execute(d.db);
  const again = await red.run();
  assert.equal(red.builds(), 1, 'the second call runs the statements compiled by the first');
  assert.deepEqual(
    again.items.map((r) => r.id),
    [0, 3],
    'the rows written since are in the answer',
  );
  assert.equal(again.total, 4);
});

test('every filter value and page has statements of its own', async () => {
  const blue = await probe('blue', { limit: 2, offset: 0 }).run();
  assert.deepEqual(
    blue.items.map((r) => r.id),
    [1, 2],
  );
  assert.equal(blue.total, 7);
  const next = await probe('blue', { limit: 2, offset: 2 }).run();
  assert.deepEqual(
    next.items.map((r) => r.id),
    [4, 5],
  );
  const red = await probe('red', { limit: 2, offset: 2 }).run();
  assert.deepEqual(
    red.items.map((r) => r.id),
    [6, 9],
  );
});
