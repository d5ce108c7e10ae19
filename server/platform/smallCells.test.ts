import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { minPeoplePerCell, protectCell, wholeMonths } from './smallCells.ts';

describe('small cells of statistics about people', () => {
  test('a cell of 1 to 4 people shows none of its figures, one of 0 or of 5 and more shows them all', () => {
    assert.equal(minPeoplePerCell, 5);
    for (const people of [1, 2, 3, 4]) {
      assert.deepEqual(protectCell(people, { people, minutes: 120 }), {
        people: null,
        minutes: null,
        suppressed: true,
      });
    }
    assert.deepEqual(protectCell(0, { people: 0, minutes: 0 }), { people: 0, minutes: 0, suppressed: false });
    assert.deepEqual(protectCell(5, { people: 5, minutes: 600 }), {
      people: 5,
      minutes: 600,
      suppressed: false,
    });
  });

  test('ranges are widened to whole months, leap years included', () => {
    assert.deepEqual(wholeMonths({ from: '2028-02-17', to: '2028-02-20' }), {
      from: '2028-02-01',
      to: '2028-02-29',
    });
    assert.deepEqual(wholeMonths({ from: '2026-11-30', to: '2027-01-01' }), {
      from: '2026-11-01',
      to: '2027-01-31',
    });
  });
});
