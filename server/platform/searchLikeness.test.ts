import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import { freshDatabase } from '../../test/helpers/app.ts';
import { trigramPieces } from './search.ts';
import { fold, synonymGroups } from './searchWords.ts';

/**
 * search.ts measures a term's likeness inside a title only where the title holds one of the term's
 * trigramPieces: the database's word_similarity must never reach the threshold without one, or a
 * document would lose a likeness it has.
 */
describe('search likeness gate', () => {
  let d: Awaited<ReturnType<typeof freshDatabase>>;
  before(async () => {
    d = await freshDatabase();
  });
  after(() => d.close());

  const likeness = async (term: string, text: string) =>
    (await sql<{ w: number }>`SELECT word_similarity(${term}, ${text}) AS w`.execute(d.db)).rows[0]?.w ?? 0;

  test('pieces are inner trigrams, enough that any share reaching the threshold holds one', () => {
    assert.equal(trigramPieces('raum', 0.6), null, 'a short word reaches 0.6 by its padded trigrams');
    assert.deepEqual(trigramPieces('pflegegrad', 0.6), ['pfl', 'fle', 'leg', 'ege', 'geg']);
    assert.equal(trigramPieces('räume', 0.75), null, 'not a–z: left to word_similarity');
  });

  test('word_similarity never reaches the threshold in a text without a piece', async () => {
    const terms = [
      ...new Set(synonymGroups.flat().map(fold)),
      'pflegegrad',
      'jugendraum',
      'nachbarschaftshilfe',
      'einkaufshilef',
      'fahradwerkstat',
    ].filter((t) => /^[a-z0-9]+$/.test(t) && t.length >= 4);
    // a term and a text of words cut from it — its start, middle or end, with a letter dropped or
    // an ending added — and from other terms, so likenesses near the threshold are common
    const piece = (t: string) =>
      fc
        .tuple(fc.nat(t.length - 1), fc.nat(t.length), fc.constantFrom('', 'x', 'e', 'en', 's'), fc.nat(8))
        .map(([from, len, end, drop]) => {
          let w = t.slice(Math.min(from, 3) * (from % 2), Math.min(from, 3) * (from % 2) + 3 + len) + end;
          if (drop < w.length && w.length > 4) w = w.slice(0, drop) + w.slice(drop + 1);
          return w;
        });
    const pair = fc.constantFrom(...terms).chain((term) =>
      fc.tuple(
        fc.constant(term),
        fc
          .array(
            fc.oneof(
              piece(term),
              fc.constantFrom(...terms).chain(piece),
              fc.constantFrom('haus', 'der', 'und'),
            ),
            {
              minLength: 1,
              maxLength: 4,
            },
          )
          .map((ws) => ws.join(' ')),
      ),
    );
    let reached = 0;
    await fc.assert(
      fc.asyncProperty(pair, fc.constantFrom(0.6, 0.75), async ([term, text], least) => {
        const pieces = trigramPieces(term, least);
        if (!pieces) return;
        const w = await likeness(term, text);
        if (w < least) return;
        reached++;
        assert.ok(
          pieces.some((p) => text.includes(p)),
          `${term} in "${text}": ${w}`,
        );
      }),
      { numRuns: 1500 },
    );
    assert.ok(reached > 50, `the texts reach the threshold often enough to test the gate (${reached})`);
  });
});
