import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { lineDiff, side } from './diff.ts';

describe('line diff', () => {
  test('a changed line shows as deleted then inserted between equal lines', () => {
    assert.deepEqual(lineDiff('a\nb\nc', 'a\nB\nc'), [
      { op: 'equal', text: 'a' },
      { op: 'delete', text: 'b' },
      { op: 'insert', text: 'B' },
      { op: 'equal', text: 'c' },
    ]);
  });

  test('both sides of any diff give back the two texts, and equal lines are a longest common run', () => {
    const text = fc.array(fc.constantFrom('Aushang', 'Flyer', 'WhatsApp', '', 'Zeitung', 'Nachbarn'), {
      maxLength: 30,
    });
    fc.assert(
      fc.property(text, text, (a, b) => {
        const before = a.join('\n');
        const after = b.join('\n');
        const d = lineDiff(before, after);
        assert.equal(side(d, 'before'), before);
        assert.equal(side(d, 'after'), after);
        if (before === after) assert.ok(d.every((l) => l.op === 'equal'));
      }),
    );
  });
});
