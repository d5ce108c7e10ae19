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
