import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TieGraph } from './distance.ts';

/** A path a – b – c – d – e, and f alone. */
const path = new TieGraph([
  ['a', 'b'],
  ['c', 'b'],
  ['c', 'd'],
  ['d', 'e'],
]);

describe('the distance between two nodes of the tie graph', () => {
  test('within two steps: a direct tie, or one node in between — in either order', () => {
    assert.equal(path.withinTwoSteps('a', 'b'), true);
    assert.equal(path.withinTwoSteps('b', 'a'), true);
    assert.equal(path.withinTwoSteps('a', 'c'), true);
    assert.equal(path.withinTwoSteps('c', 'a'), true);
    assert.equal(path.withinTwoSteps('a', 'd'), false, 'three steps');
    assert.equal(path.withinTwoSteps('a', 'e'), false, 'four steps');
    assert.equal(path.withinTwoSteps('a', 'f'), false, 'not joined at all');
    assert.equal(path.withinTwoSteps('f', 'g'), false, 'two nodes without ties');
  });

  test('steps: the shortest path, null when none joins them', () => {
    assert.equal(path.steps('a', 'a'), 0);
    assert.equal(path.steps('a', 'b'), 1);
    assert.equal(path.steps('a', 'c'), 2);
    assert.equal(path.steps('a', 'd'), 3);
    assert.equal(path.steps('e', 'a'), 4);
    assert.equal(path.steps('a', 'f'), null);
  });

  test('a shortcut shortens every path through it; a tie with oneself is no tie', () => {
    const g = new TieGraph([
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'd'],
      ['d', 'e'],
      ['a', 'd'],
      ['x', 'x'],
    ]);
    assert.equal(g.steps('a', 'e'), 2);
    assert.equal(g.withinTwoSteps('a', 'e'), true);
    assert.equal(g.withinTwoSteps('b', 'e'), false);
    assert.equal(g.steps('x', 'a'), null);
  });
});
