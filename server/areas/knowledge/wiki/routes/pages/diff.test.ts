import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { side, wordDiff } from './diff.ts';

test('a corrected word is one deletion and one insertion, the rest unchanged', () => {
  const d = wordDiff('Der Antrag geht an die Pflegekasse.', 'Der Antrag geht an die Krankenkasse.');
  assert.deepEqual(
    d.parts.filter((p) => p.op !== 'equal'),
    [
      { op: 'delete', text: 'Pflegekasse' },
      { op: 'insert', text: 'Krankenkasse' },
    ],
  );
});

test('both sides of any diff give back the two texts', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 200 }), fc.string({ maxLength: 200 }), (a, b) => {
      const d = wordDiff(a, b);
      assert.equal(side(d.parts, 'before'), a);
      assert.equal(side(d.parts, 'after'), b);
    }),
    { numRuns: 200 },
  );
});

test('past its limits the diff shows the whole text replaced, quickly', () => {
  const words = (seed: number) => Array.from({ length: 12_000 }, (_, i) => `w${(i * seed) % 9973}`).join(' ');
  const a = words(7);
  const b = words(13);
  const started = Date.now();
  const d = wordDiff(a, b, { timeout: 200, maxEditLength: 500 });
  assert.ok(Date.now() - started < 3000);
  assert.deepEqual(
    d.parts.map((p) => p.op),
    ['delete', 'insert'],
  );
  assert.equal(side(d.parts, 'before'), a);
  assert.equal(side(d.parts, 'after'), b);
});
