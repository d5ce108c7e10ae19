import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { executeTx } from '../../server/db/tx.ts';
import {
  indexDocument,
  removeDocument,
  searchTypes,
  searchWordHealth,
} from '../../server/platform/search.ts';
import { webPaths } from '../../server/platform/webPaths.ts';
import type { TestApp } from '../helpers/app.ts';
import { createPostgresTestApp } from './postgres.ts';

/**
 * The search's word table (migration 20261213_0900_search_words) is kept by statement-level
 * triggers in the writing transaction. Writes of the same entries at the same moment — rewrites with
 * new titles, a moderator's hiding, removals and new entries — must leave it holding exactly the
 * words each entry has in the end: none of an old title, none of a hidden or removed entry, none
 * twice.
 */
describe('search word table under concurrent writes (PostgreSQL)', () => {
  let t: TestApp;
  before(async () => {
    t = await createPostgresTestApp();
  });
  after(() => t.close());

  const difference = async () => (await searchWordHealth(t.db, t.networkId)).mismatched;

  const doc = (id: string, title: string) => ({
    networkId: t.networkId,
    type: searchTypes[0],
    entityType: 'organisation',
    entityId: id,
    title,
    body: 'Ein Text über den Ort.',
    keywords: 'Treffpunkt',
    link: webPaths.resource(id),
  });

  test('rewrites, hidings and removals at once leave exactly the final words', async () => {
    const ids = Array.from({ length: 5 }, () => randomUUID());
    for (const id of ids) await indexDocument(t.db, doc(id, 'Erster Titel'));
    const writes: Promise<unknown>[] = [];
    for (let round = 0; round < 8; round++)
      for (const [k, id] of ids.entries()) {
        writes.push(
          executeTx(t.db, (tx) => indexDocument(tx, doc(id, `Titel ${round} Werkstatt${k} Runde${round}`))),
        );
        if (round === 3 && k === 0)
          writes.push(
            sql`UPDATE search_document SET hidden = true WHERE entity_id = ${id}::uuid`.execute(t.db),
          );
        if (round === 5 && k === 1) writes.push(removeDocument(t.db, t.networkId, 'organisation', id));
      }
    writes.push(...Array.from({ length: 10 }, (_, n) => indexDocument(t.db, doc(randomUUID(), `Neu ${n}`))));
    await Promise.all(writes);
    assert.equal(await difference(), 0);
    const words = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM search_word WHERE entity_id = ANY(${ids}::uuid[])`.execute(t.db);
    assert.ok((words.rows[0]?.n ?? 0) > 0);
    const hidden = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM search_word w JOIN search_document d USING (network_id, entity_type, entity_id)
      WHERE d.hidden`.execute(t.db);
    assert.equal(hidden.rows[0]?.n, 0, 'a hidden entry has no words, also when rewritten after the hiding');
  });
});
