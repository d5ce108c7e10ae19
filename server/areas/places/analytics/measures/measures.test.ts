import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  articulationPoints,
  betweenness,
  bridges,
  brokerage,
  constraint,
  crossGroupShare,
  effectiveSize,
  eiByGroup,
  eiIndex,
  type Graph,
  graphFromEdges,
  louvain,
  modularity,
} from './index.ts';
import { seededRandom, shuffle } from './random.ts';
import { smallGraphs, type TestGraph } from './testGraphs.ts';

/** Hand-computed values on small graphs (testGraphs.ts draws each). */

const build = (t: TestGraph): [Graph, Int32Array] => [
  graphFromEdges(t.n, t.edges),
  Int32Array.from(t.groups),
];
const { path, star, twoTriangles, barbell, isolates, weighted } = smallGraphs;

function near(actual: number, expected: number, what: string, tolerance = 1e-9) {
  if (Number.isNaN(expected)) {
    assert.ok(Number.isNaN(actual), `${what}: expected NaN, got ${actual}`);
    return;
  }
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: expected ${expected}, got ${actual}`);
}
function nearAll(actual: ArrayLike<number>, expected: number[], what: string) {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) near(actual[i]!, expected[i]!, `${what}[${i}]`);
}

describe('the compact graph', () => {
  test('merges parallel ties, drops self-loops and ties of weight 0, keeps rows sorted', () => {
    const g = graphFromEdges(weighted.n, weighted.edges);
    assert.deepEqual([...g.offsets], [0, 2, 4, 7, 8]);
    assert.deepEqual([...g.targets], [1, 2, 0, 2, 0, 1, 3, 2]);
    assert.deepEqual([...g.weights], [4, 1, 4, 2, 1, 2, 4, 4]);
  });

  test('refuses a tie to a node that does not exist', () => {
    assert.throws(() => graphFromEdges(3, [[0, 3, 1]]), RangeError);
    assert.throws(() => graphFromEdges(3, [[-1, 2, 1]]), RangeError);
  });

  test('grows past its first buffers and counts every tie once', () => {
    const edges: [number, number, number][] = [];
    for (let u = 0; u < 3000; u++) edges.push([u, (u + 1) % 3000, 1], [u, (u + 7) % 3000, 2]);
    const g = graphFromEdges(3000, edges);
    assert.equal(g.targets.length, 12_000);
    for (let u = 0; u < 3000; u++) assert.equal(g.offsets[u + 1]! - g.offsets[u]!, 4);
  });
});

describe('E-I index', () => {
  test('on a path split 2 / 3: E 1, I 3, expected from the group sizes, rescaled below it', () => {
    const r = eiIndex(...build(path), { permutations: 0, seed: 1 });
    assert.equal(r.internal, 3);
    assert.equal(r.external, 1);
    near(r.ei, -0.5, 'ei');
    // 4 of the 10 pairs inside a group: 1 − 2 · 4/10
    near(r.expected, 0.2, 'expected');
    near(r.max, 1, 'max');
    near(r.min, -1, 'min');
    near(r.rescaled, -0.7 / 1.2, 'rescaled');
    assert.ok(Number.isNaN(r.p), 'no permutations, no p');
  });

  test('on a star: E-I 0 lies below the 0.4 chance would give', () => {
    const r = eiIndex(...build(star), { permutations: 0, seed: 1 });
    near(r.ei, 0, 'ei');
    near(r.expected, 0.4, 'expected');
    // 3 pairs inside groups of sizes 3, 1, 1: at most 3 of the 4 ties inside
    near(r.min, -0.5, 'min');
    near(r.rescaled, -0.4 / 0.9, 'rescaled');
  });

  test('two triangles joined by a bridge are as closed as their sizes allow; p is the share of splits that are', () => {
    const r = eiIndex(...build(twoTriangles), { permutations: 4000, seed: 3 });
    near(r.ei, -5 / 7, 'ei');
    near(r.expected, 0.2, 'expected');
    near(r.min, -5 / 7, 'min');
    near(r.rescaled, -1, 'rescaled');
    // of the 20 ways to give 3 nodes group 0, 2 put each triangle in one group: p = 0.1
    assert.ok(Math.abs(r.p - 0.1) < 0.02, `p ${r.p}`);
  });

  test('a barbell with its middle node a group of its own', () => {
    const [g, groups] = build(barbell);
    const r = eiIndex(g, groups, { permutations: 0, seed: 1 });
    near(r.ei, -10 / 14, 'ei');
    near(r.expected, 1 / 3, 'expected');
    near(r.rescaled, -1, 'rescaled');
    const by = eiByGroup(g, groups);
    nearAll(by.ei, [-5 / 7, 1, -5 / 7], 'by group');
    nearAll(by.internal, [6, 0, 6], 'internal');
    nearAll(by.external, [1, 2, 1], 'external');
    near(crossGroupShare(g, groups), 2 / 14, 'cross-group share');
  });

  test('with isolates: more open than chance, rescaled towards the most open possible', () => {
    const [g, groups] = build(isolates);
    const r = eiIndex(g, groups, { permutations: 0, seed: 1 });
    near(r.ei, 1 / 3, 'ei');
    // sizes 3 and 4: 9 of 21 pairs inside
    near(r.expected, 1 / 7, 'expected');
    near(r.max, 1, 'max');
    near(r.rescaled, 2 / 9, 'rescaled');
    near(crossGroupShare(g, groups), 2 / 3, 'cross-group share');
  });

  test('ties touching a node without a group are left out, and so is the node', () => {
    const g = graphFromEdges(path.n, path.edges);
    const groups = Int32Array.from([0, -1, 1, 1, 0]);
    const r = eiIndex(g, groups, { permutations: 0, seed: 1 });
    // left: 2 – 3 (inside) and 3 – 4 (across); 4 grouped nodes, sizes 2 and 2: 2 of 6 pairs inside
    assert.equal(r.internal, 1);
    assert.equal(r.external, 1);
    near(r.ei, 0, 'ei');
    near(r.expected, 1 / 3, 'expected');
    near(r.rescaled, -1 / 3 / (1 / 3 - -1), 'rescaled');
  });

  test('counts ties, not their weight', () => {
    const [g, groups] = build(weighted);
    // 0 – 1 across, 0 – 2 inside, 1 – 2 across, 2 – 3 across
    const r = eiIndex(g, groups, { permutations: 0, seed: 1 });
    assert.deepEqual([r.internal, r.external], [1, 3]);
    near(r.ei, 0.5, 'ei');
  });

  test('a graph whose groups follow its communities: far below chance, no permutation as extreme', () => {
    const edges: [number, number, number][] = [];
    for (let c = 0; c < 4; c++) {
      for (let i = 0; i < 10; i++) for (let j = i + 1; j < 10; j++) edges.push([c * 10 + i, c * 10 + j, 1]);
      edges.push([c * 10, ((c + 1) % 4) * 10 + 1, 1]);
    }
    const g = graphFromEdges(40, edges);
    const groups = Int32Array.from({ length: 40 }, (_, u) => Math.floor(u / 10));
    const r = eiIndex(g, groups, { permutations: 500, seed: 1 });
    assert.equal(r.p, 0);
    // the same group sizes given at random: about as by chance, p large
    const across = shuffle(groups.slice(), seededRandom(5));
    const s = eiIndex(g, across, { permutations: 500, seed: 1 });
    assert.ok(s.p > 0.2, `p ${s.p}`);
    assert.ok(Math.abs(s.rescaled) < 0.3, `rescaled ${s.rescaled}`);
  });
});

describe('brokerage', () => {
  test('a star: the centre brokers all six pairs of its leaves', () => {
    const b = brokerage(...build(star));
    // leaves in groups 0, 0, 1, 2 around a centre in group 0
    assert.deepEqual(
      [b.coordinator[0], b.itinerant[0], b.gatekeeper[0], b.representative[0], b.liaison[0], b.total[0]],
      [1, 0, 4, 4, 1, 6],
    );
    for (let u = 1; u < 5; u++) assert.equal(b.total[u], 0);
  });

  test('a path: gatekeepers where the groups meet, a coordinator inside one', () => {
    const b = brokerage(...build(path));
    assert.deepEqual([...b.gatekeeper], [0, 1, 1, 0, 0]);
    assert.deepEqual([...b.representative], [0, 1, 1, 0, 0]);
    assert.deepEqual([...b.coordinator], [0, 0, 0, 1, 0]);
    assert.deepEqual([...b.liaison], [0, 0, 0, 0, 0]);
  });

  test('an itinerant broker between two of another group', () => {
    const b = brokerage(...build(isolates));
    assert.deepEqual([...b.itinerant], [0, 1, 0, 0, 0, 0, 0]);
    assert.deepEqual([...b.total], [0, 1, 0, 0, 0, 0, 0]);
  });

  test('closed pairs broker nothing: two triangles, a barbell with a liaison in the middle', () => {
    const t = brokerage(...build(twoTriangles));
    assert.deepEqual([...t.gatekeeper], [0, 0, 2, 2, 0, 0]);
    assert.deepEqual([...t.total], [0, 0, 2, 2, 0, 0]);
    const b = brokerage(...build(barbell));
    assert.deepEqual([...b.gatekeeper], [0, 0, 0, 3, 0, 3, 0, 0, 0]);
    assert.deepEqual([...b.liaison], [0, 0, 0, 0, 1, 0, 0, 0, 0]);
    assert.deepEqual([...b.coordinator], [0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  test('nodes without a group never share one', () => {
    const g = graphFromEdges(star.n, star.edges);
    const b = brokerage(g, Int32Array.from([-1, -1, -1, 0, 0]));
    // centre and leaves 1, 2 ungrouped: (1,2) liaison, (1,3) (1,4) (2,3) (2,4) liaison, (3,4) itinerant
    assert.equal(b.liaison[0], 5);
    assert.equal(b.itinerant[0], 1);
  });
});

describe('effective size', () => {
  test('contacts less their redundancy, n − 2t/n without weights', () => {
    nearAll(effectiveSize(graphFromEdges(path.n, path.edges)), [1, 2, 2, 2, 1], 'path');
    nearAll(effectiveSize(graphFromEdges(star.n, star.edges)), [4, 1, 1, 1, 1], 'star');
    nearAll(
      effectiveSize(graphFromEdges(twoTriangles.n, twoTriangles.edges)),
      [1, 1, 7 / 3, 7 / 3, 1, 1],
      'triangles',
    );
    nearAll(
      effectiveSize(graphFromEdges(barbell.n, barbell.edges)),
      [1, 1, 1, 2.5, 2, 2.5, 1, 1, 1],
      'barbell',
    );
  });

  test('isolates have none (NaN)', () => {
    nearAll(effectiveSize(graphFromEdges(isolates.n, isolates.edges)), [1, 2, 1, 1, 1, NaN, NaN], 'isolates');
  });

  test('weighted: redundancy by the ego’s share and the contact’s tie relative to its strongest', () => {
    // node 2: 1 − (2/7)(2/4) ... worked out in testGraphs' weighted graph: 5/7 + 6/7 + 1
    nearAll(effectiveSize(graphFromEdges(weighted.n, weighted.edges)), [1.5, 1.75, 18 / 7, 1], 'weighted');
  });
});

describe('constraint', () => {
  test('by hand on the weighted graph', () => {
    // node 3: one contact, 1. node 0: p01 = 4/5, p02 = 1/5; via 2: p02·p21 = (1/5)(2/7); via 1: p01·p12 = (4/5)(1/3)
    const c = constraint(graphFromEdges(weighted.n, weighted.edges));
    near(c[3]!, 1, 'node 3');
    near(c[0]!, (4 / 5 + (1 / 5) * (2 / 7)) ** 2 + (1 / 5 + (4 / 5) * (1 / 3)) ** 2, 'node 0');
  });
});

describe('cuts', () => {
  test('a path of 200 000 nodes: every inner node cuts, every tie is a bridge (no recursion)', () => {
    const n = 200_000;
    const edges: [number, number, number][] = [];
    for (let u = 0; u + 1 < n; u++) edges.push([u, u + 1, 1]);
    const g = graphFromEdges(n, edges);
    const points = articulationPoints(g);
    assert.equal(points.length, n - 2);
    assert.equal(points[0], 1);
    assert.equal(points[n - 3], n - 2);
    assert.equal(bridges(g).length, n - 1);
  });

  test('a cycle has neither', () => {
    const g = graphFromEdges(5, [
      [0, 1, 1],
      [1, 2, 1],
      [2, 3, 1],
      [3, 4, 1],
      [4, 0, 1],
    ]);
    assert.equal(articulationPoints(g).length, 0);
    assert.deepEqual(bridges(g), []);
  });
});

describe('betweenness and communities on small graphs', () => {
  test('the star’s centre lies on all six paths between leaves', () => {
    const r = betweenness(graphFromEdges(star.n, star.edges));
    assert.equal(r.exact, true);
    nearAll(r.values, [6, 0, 0, 0, 0], 'star');
  });

  test('two triangles: modularity of the triangles by hand, and Louvain finds them', () => {
    const g = graphFromEdges(twoTriangles.n, twoTriangles.edges);
    const triangles = Int32Array.from(twoTriangles.groups);
    // each triangle: 6 of 14 tie ends inside, 7 of 14 in all: 2 · (6/14 − (7/14)²)
    near(modularity(g, triangles), 5 / 14, 'Q');
    near(modularity(g, triangles, 0.5), 2 * (6 / 14 - 0.5 * 0.25), 'Q at γ 0.5');
    const found = louvain(g, { seed: 1 });
    assert.deepEqual([...found.membership], [0, 0, 0, 1, 1, 1]);
    near(found.modularity, 5 / 14, 'Louvain Q');
    assert.ok(Number.isNaN(modularity(graphFromEdges(3, []), Int32Array.from([0, 1, 2]))), 'no ties: NaN');
  });
});
