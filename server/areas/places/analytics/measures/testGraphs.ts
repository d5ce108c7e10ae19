import { seededRandom } from './random.ts';

/**
 * Deterministic graphs for the tests, the igraph reference (reference.py) and the benchmark
 * (bench/figures/analytics.ts): small hand-checkable ones, Zachary's karate club, and a clustered
 * generator that looks like the town's organisation graph (communities with mostly internal ties).
 */

export type Tie = readonly [number, number, number];

export interface TestGraph {
  n: number;
  edges: Tie[];
  /** a grouping of the nodes (sector, district, …) for E-I, brokerage and assortativity */
  groups: number[];
}

export interface ClusteredOptions {
  n: number;
  /** distinct ties (no self-loops, no parallel ties) */
  ties: number;
  communities: number;
  /** share of ties drawn inside a community, e.g. 0.9 */
  internal: number;
  seed: number;
  /** weights are whole numbers 1 … maxWeight (default 5), like counts of interactions */
  maxWeight?: number;
}

/**
 * Nodes in `communities` contiguous blocks of (nearly) equal size; each tie is drawn from a random
 * community: with probability `internal` both ends inside it, otherwise one end inside and one in
 * another community. Repeated pairs are drawn again, so there are exactly `ties` distinct ties.
 * `groups` is the community of each node.
 */
export function clusteredGraph(o: ClusteredOptions): TestGraph {
  const { n, ties, communities: c, internal, seed } = o;
  const maxWeight = o.maxWeight ?? 5;
  if (ties > (n * (n - 1)) / 2) throw new RangeError('more ties than pairs');
  const random = seededRandom(seed);
  const start = (k: number) => Math.floor((k * n) / c);
  const pickIn = (k: number) => start(k) + random.int(start(k + 1) - start(k));
  const seen = new Set<number>();
  const edges: Tie[] = [];
  while (edges.length < ties) {
    const k = random.int(c);
    const a = pickIn(k);
    let b: number;
    if (random.next() < internal || c === 1) {
      b = pickIn(k);
    } else {
      const other = (k + 1 + random.int(c - 1)) % c;
      b = pickIn(other);
    }
    const w = 1 + random.int(maxWeight);
    if (a === b) continue;
    const key = a < b ? a * n + b : b * n + a;
    if (seen.has(key)) continue;
    seen.add(key);
    edges.push([Math.min(a, b), Math.max(a, b), w]);
  }
  const groups: number[] = [];
  for (let k = 0; k < c; k++) for (let u = start(k); u < start(k + 1); u++) groups.push(k);
  return { n, edges, groups };
}

/** The benchmark's graph: 5 000 nodes, 25 000 ties, 40 communities, 90 % internal ties, seed 7. */
export const benchGraph = () =>
  clusteredGraph({ n: 5000, ties: 25_000, communities: 40, internal: 0.9, seed: 7 });

/** The tests' clustered graph: 300 nodes, 1 200 ties, 6 communities, 90 % internal ties, seed 7. */
export const clustered300 = () =>
  clusteredGraph({ n: 300, ties: 1200, communities: 6, internal: 0.9, seed: 7 });

// biome-ignore format: one tie per pair, as igraph's Graph.Famous('Zachary') lists them
const karateTies = [
  [0, 1], [0, 2], [0, 3], [0, 4], [0, 5], [0, 6], [0, 7], [0, 8], [0, 10], [0, 11], [0, 12], [0, 13],
  [0, 17], [0, 19], [0, 21], [0, 31], [1, 2], [1, 3], [1, 7], [1, 13], [1, 17], [1, 19], [1, 21],
  [1, 30], [2, 3], [2, 7], [2, 27], [2, 28], [2, 32], [2, 9], [2, 8], [2, 13], [3, 7], [3, 12],
  [3, 13], [4, 6], [4, 10], [5, 6], [5, 10], [5, 16], [6, 16], [8, 30], [8, 32], [8, 33], [9, 33],
  [13, 33], [14, 32], [14, 33], [15, 32], [15, 33], [18, 32], [18, 33], [19, 33], [20, 32],
  [20, 33], [22, 32], [22, 33], [23, 25], [23, 27], [23, 32], [23, 33], [23, 29], [24, 25],
  [24, 27], [24, 31], [25, 31], [26, 29], [26, 33], [27, 33], [28, 31], [28, 33], [29, 32],
  [29, 33], [30, 32], [30, 33], [31, 32], [31, 33], [32, 33],
] as const;

/** Mr Hi's faction (0) and the officer's (1) after the split, as networkx's `club` attribute has it. */
const karateFaction = [
  0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 1, 0, 0, 1, 0, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
];

/**
 * Zachary's karate club (34 members, 78 ties), grouped by faction. Weighted 1 … 3 by a fixed rule
 * ((a + b) mod 3 + 1) so the weighted measures see unequal ties; the unweighted ones ignore it.
 */
export const karate = (): TestGraph => ({
  n: 34,
  edges: karateTies.map(([a, b]) => [a, b, ((a + b) % 3) + 1] as const),
  groups: [...karateFaction],
});

const unit = (pairs: [number, number][]): Tie[] => pairs.map(([a, b]) => [a, b, 1] as const);

/** Small graphs whose measures are computed by hand in measures.test.ts. */
export const smallGraphs = {
  /** 0 – 1 – 2 – 3 – 4 */
  path: {
    n: 5,
    edges: unit([
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 4],
    ]),
    groups: [0, 0, 1, 1, 1],
  },
  /** 0 in the middle, 1 … 4 around it */
  star: {
    n: 5,
    edges: unit([
      [0, 1],
      [0, 2],
      [0, 3],
      [0, 4],
    ]),
    groups: [0, 0, 0, 1, 2],
  },
  /** triangles 0-1-2 and 3-4-5 joined by the bridge 2 – 3 */
  twoTriangles: {
    n: 6,
    edges: unit([
      [0, 1],
      [0, 2],
      [1, 2],
      [2, 3],
      [3, 4],
      [3, 5],
      [4, 5],
    ]),
    groups: [0, 0, 0, 1, 1, 1],
  },
  /** cliques {0,1,2,3} and {5,6,7,8} joined through 4: 3 – 4 – 5 */
  barbell: {
    n: 9,
    edges: unit([
      [0, 1],
      [0, 2],
      [0, 3],
      [1, 2],
      [1, 3],
      [2, 3],
      [3, 4],
      [4, 5],
      [5, 6],
      [5, 7],
      [5, 8],
      [6, 7],
      [6, 8],
      [7, 8],
    ]),
    groups: [0, 0, 0, 0, 1, 2, 2, 2, 2],
  },
  /** 0 – 1 – 2 and 3 – 4, with 5 and 6 alone */
  isolates: {
    n: 7,
    edges: unit([
      [0, 1],
      [1, 2],
      [3, 4],
    ]),
    groups: [0, 1, 0, 1, 1, 0, 1],
  },
  /**
   * Weighted: 0 – 1 (1 + 3, a parallel tie merged), 0 – 2 (1), 1 – 2 (2), 2 – 3 (4); the self-loop
   * 3 – 3 and the tie 1 – 3 of weight 0 are dropped.
   */
  weighted: {
    n: 4,
    edges: [
      [0, 1, 1],
      [0, 2, 1],
      [1, 2, 2],
      [2, 3, 4],
      [1, 0, 3],
      [3, 3, 5],
      [1, 3, 0],
    ] as Tie[],
    groups: [0, 1, 0, 1],
  },
} satisfies Record<string, TestGraph>;
