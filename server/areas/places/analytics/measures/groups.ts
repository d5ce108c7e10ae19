import type { Graph } from './graph.ts';
import { seededRandom, shuffle } from './random.ts';

/**
 * Ties within and between groups (sectors, districts, kinds of organisation): Krackhardt and
 * Stern's E-I index, the share of ties across groups, and Newman's assortativity.
 *
 * `groups[u]` is node u's group, a whole number ≥ 0; a negative number means "no group", and every
 * tie touching such a node is left out of these measures. Ties are counted, each once, whatever
 * their weight: the question is how many relations cross, not how much happens on them.
 */

function checkGroups(g: Graph, groups: Int32Array) {
  if (groups.length !== g.n) throw new RangeError(`groups has ${groups.length} entries for ${g.n} nodes`);
}

/** The ties between two grouped nodes, each once (a < b), and how many of them are inside a group. */
function groupedTies(g: Graph, groups: Int32Array) {
  const { n, offsets, targets } = g;
  let m = 0;
  for (let u = 0; u < n; u++) {
    if (groups[u]! < 0) continue;
    for (let k = offsets[u]!; k < offsets[u + 1]!; k++) {
      const v = targets[k]!;
      if (u < v && groups[v]! >= 0) m++;
    }
  }
  const a = new Int32Array(m);
  const b = new Int32Array(m);
  let t = 0;
  let internal = 0;
  for (let u = 0; u < n; u++) {
    if (groups[u]! < 0) continue;
    for (let k = offsets[u]!; k < offsets[u + 1]!; k++) {
      const v = targets[k]!;
      if (u < v && groups[v]! >= 0) {
        a[t] = u;
        b[t] = v;
        t++;
        if (groups[u] === groups[v]) internal++;
      }
    }
  }
  return { a, b, m, internal };
}

export interface EiResult {
  /** (E − I) / (E + I): −1 all ties inside groups, +1 all across; NaN without grouped ties */
  ei: number;
  /**
   * The E-I expected when the same group sizes are given to the nodes at random: a tie joins two
   * nodes of one group with probability Σ n_g (n_g − 1) / (N (N − 1)), so expected = 1 − 2 · that.
   * Exact; the permutations' mean tends to it.
   */
  expected: number;
  /**
   * E-I relative to what the group sizes and the number of ties allow: 0 at `expected`, +1 at
   * `max` (as many ties across groups as there are pairs across), −1 at `min` (as many inside as
   * there are pairs inside); linear in between on each side:
   * (ei − expected) / (max − expected) above expected, (ei − expected) / (expected − min) below.
   */
  rescaled: number;
  /** the largest E-I the group sizes allow with this many ties: (2 · min(m, pairs across) − m) / m */
  max: number;
  /** the smallest: (m − 2 · min(m, pairs inside)) / m */
  min: number;
  /**
   * Two-sided: the share of permutations (group labels shuffled among the grouped nodes) whose E-I
   * lies at least as far from `expected` as the observed one. 0 means below 1 / permutations;
   * NaN with no permutations.
   */
  p: number;
  /** I: ties inside a group */
  internal: number;
  /** E: ties between groups */
  external: number;
}

/** Krackhardt and Stern's E-I index of the whole graph, with its baseline under random assignment. */
export function eiIndex(
  g: Graph,
  groups: Int32Array,
  opts: { permutations: number; seed: number },
): EiResult {
  checkGroups(g, groups);
  const { a, b, m, internal } = groupedTies(g, groups);
  const external = m - internal;
  const ei = m > 0 ? (external - internal) / m : Number.NaN;

  const sizes = new Map<number, number>();
  let N = 0;
  for (let u = 0; u < g.n; u++) {
    const x = groups[u]!;
    if (x < 0) continue;
    N++;
    sizes.set(x, (sizes.get(x) ?? 0) + 1);
  }
  const pairs = (N * (N - 1)) / 2;
  let pairsInside = 0;
  for (const s of sizes.values()) pairsInside += (s * (s - 1)) / 2;
  const pairsAcross = pairs - pairsInside;
  const expected = pairs > 0 ? 1 - (2 * pairsInside) / pairs : Number.NaN;
  const max = m > 0 ? (2 * Math.min(m, pairsAcross) - m) / m : Number.NaN;
  const min = m > 0 ? (m - 2 * Math.min(m, pairsInside)) / m : Number.NaN;
  let rescaled = Number.NaN;
  if (m > 0) {
    const d = ei - expected;
    if (d > 0) rescaled = max > expected ? d / (max - expected) : 0;
    else if (d < 0) rescaled = expected > min ? d / (expected - min) : 0;
    else rescaled = 0;
  }

  let p = Number.NaN;
  const permutations = Math.max(0, Math.floor(opts.permutations));
  if (permutations > 0 && m > 0) {
    const nodes = new Int32Array(N);
    const labels = new Int32Array(N);
    let i = 0;
    for (let u = 0; u < g.n; u++) {
      if (groups[u]! < 0) continue;
      nodes[i] = u;
      labels[i] = groups[u]!;
      i++;
    }
    const assigned = new Int32Array(g.n);
    const random = seededRandom(opts.seed);
    const observed = Math.abs(ei - expected);
    let asExtreme = 0;
    for (let r = 0; r < permutations; r++) {
      shuffle(labels, random);
      for (let j = 0; j < N; j++) assigned[nodes[j]!] = labels[j]!;
      let inside = 0;
      for (let t = 0; t < m; t++) if (assigned[a[t]!] === assigned[b[t]!]) inside++;
      const permuted = (m - 2 * inside) / m;
      // a hair of tolerance: an E-I equal to the observed one counts, whatever the rounding
      if (Math.abs(permuted - expected) >= observed - 1e-12) asExtreme++;
    }
    p = asExtreme / permutations;
  }
  return { ei, expected, rescaled, max, min, p, internal, external };
}

export interface EiByGroup {
  /** each group's E-I, (E_g − I_g) / (E_g + I_g), indexed by group; NaN for a group without ties */
  ei: Float64Array;
  /** I_g: ties between two members of the group */
  internal: Float64Array;
  /** E_g: ties from a member to a member of another group */
  external: Float64Array;
}

/** Each group's own E-I index (arrays as long as the largest group number + 1). */
export function eiByGroup(g: Graph, groups: Int32Array): EiByGroup {
  checkGroups(g, groups);
  let count = 0;
  for (const x of groups) if (x + 1 > count) count = x + 1;
  const internal = new Float64Array(count);
  const external = new Float64Array(count);
  const { a, b, m } = groupedTies(g, groups);
  for (let t = 0; t < m; t++) {
    const x = groups[a[t]!]!;
    const y = groups[b[t]!]!;
    if (x === y) internal[x]!++;
    else {
      external[x]!++;
      external[y]!++;
    }
  }
  const ei = new Float64Array(count);
  for (let x = 0; x < count; x++) {
    const total = internal[x]! + external[x]!;
    ei[x] = total > 0 ? (external[x]! - internal[x]!) / total : Number.NaN;
  }
  return { ei, internal, external };
}

/** The share of grouped ties that join two different groups, E / (E + I); NaN without grouped ties. */
export function crossGroupShare(g: Graph, groups: Int32Array): number {
  checkGroups(g, groups);
  const { m, internal } = groupedTies(g, groups);
  return m > 0 ? (m - internal) / m : Number.NaN;
}

/**
 * Newman's (2003) assortativity by group, as igraph's `assortativity_nominal(types, directed=False)`
 * (unweighted): r = (Σ_g e_gg − Σ_g a_g²) / (1 − Σ_g a_g²), where e_gh is the share of tie ends
 * joining g to h and a_g the share of tie ends in g. 1: ties only inside groups, 0: as by chance,
 * negative: ties avoid one's own group. NaN when every tie end is in one group (0 / 0), as in igraph.
 */
export function assortativity(g: Graph, groups: Int32Array): number {
  checkGroups(g, groups);
  const { a, b, m, internal } = groupedTies(g, groups);
  if (m === 0) return Number.NaN;
  const ends = new Map<number, number>();
  for (let t = 0; t < m; t++) {
    const x = groups[a[t]!]!;
    const y = groups[b[t]!]!;
    ends.set(x, (ends.get(x) ?? 0) + 1);
    ends.set(y, (ends.get(y) ?? 0) + 1);
  }
  let sumA2 = 0;
  for (const c of ends.values()) sumA2 += (c / (2 * m)) ** 2;
  return (internal / m - sumA2) / (1 - sumA2);
}
