import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { drawnTies, shown, shownTies } from './drawing.ts';
import type { TieView } from './snapshot.ts';

const tiesOf = (n: number, edges: [number, number, number][], bridges: number[] = []): TieView[] =>
  edges
    .map(([a, b, w], i) => [a, b, w, bridges.includes(i) ? 1 : 0] as TieView)
    .filter(([a, b]) => a < n && b < n);

test('all ties are drawn while they fit', () => {
  const ties = tiesOf(3, [
    [0, 1, 1],
    [1, 2, 2],
  ]);
  assert.deepEqual(drawnTies(3, ties, 2), ties);
});

test('a dense graph keeps every bridge and each node its strongest ties', () => {
  // a clique of 6 (15 ties) with one weak bridge to a seventh node
  const edges: [number, number, number][] = [];
  for (let a = 0; a < 6; a++) for (let b = a + 1; b < 6; b++) edges.push([a, b, 10 + a + b]);
  edges.push([5, 6, 0.1]);
  const ties = tiesOf(7, edges, [15]);
  const drawn = drawnTies(7, ties, 8);
  assert.ok(drawn.length <= 8, `${drawn.length} drawn`);
  assert.ok(
    drawn.some(([a, b]) => a === 5 && b === 6),
    'the bridge stays',
  );
  for (let v = 0; v < 7; v++)
    assert.ok(
      drawn.some(([a, b]) => a === v || b === v),
      `node ${v} keeps a tie`,
    );
  // node 0's strongest tie (to 5, weight 15) is drawn, its weakest (to 1, weight 11) is not
  assert.ok(drawn.some(([a, b]) => a === 0 && b === 5));
  assert.ok(!drawn.some(([a, b]) => a === 0 && b === 1));
  // in the stored order
  assert.deepEqual(
    drawn,
    ties.filter((t) => drawn.some((d) => d[0] === t[0] && d[1] === t[1])),
  );
});

test('the backbone never exceeds the limit, keeps the stored order and is deterministic', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 2, max: 12 }),
      fc.array(fc.tuple(fc.nat(11), fc.nat(11), fc.integer({ min: 1, max: 20 }), fc.boolean()), {
        maxLength: 60,
      }),
      fc.integer({ min: 1, max: 30 }),
      (n, raw, limit) => {
        const seen = new Set<string>();
        const ties: TieView[] = [];
        for (const [x, y, w, bridge] of raw) {
          const [a, b] = [Math.min(x, y) % n, Math.max(x, y) % n];
          if (a === b || seen.has(`${a}-${b}`)) continue;
          seen.add(`${a}-${b}`);
          ties.push([a, b, w, bridge ? 1 : 0]);
        }
        const drawn = drawnTies(n, ties, limit);
        assert.ok(drawn.length <= Math.max(limit, 0));
        const index = drawn.map((d) => ties.findIndex((t) => t[0] === d[0] && t[1] === d[1]));
        assert.ok(index.every((i, k) => i >= 0 && (k === 0 || i > index[k - 1]!)));
        assert.deepEqual(drawnTies(n, ties, limit), drawn);
        if (ties.length <= limit) assert.equal(drawn.length, ties.length);
      },
    ),
    { seed: 16, numRuns: 300 },
  );
});

test('numbers are shown with four significant digits', () => {
  assert.equal(shown(0.123456789), 0.1235);
  assert.equal(shown(12345.678), 12350);
  assert.equal(shown(null), null);
  assert.deepEqual(shownTies(2, [[0, 1, 1 / 3, 0]]), [[0, 1, 0.3333, 0]]);
});
