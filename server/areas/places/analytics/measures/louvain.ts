import type { Graph } from './graph.ts';
import { seededRandom, shuffle } from './random.ts';

/**
 * Communities: Newman's modularity of a partition, and the Louvain method (Blondel et al. 2008)
 * to find one with high modularity, both weighted by tie strength.
 */

/**
 * Q = Σ_c [ in_c / 2W − γ (tot_c / 2W)² ], with W the total tie weight, in_c twice the weight of
 * the ties inside community c and tot_c the summed strength of its members; as igraph's
 * `modularity(membership, weights=..., resolution=γ)`. NaN for a graph without ties, as igraph.
 * `membership[u]` is node u's community, a whole number ≥ 0.
 */
export function modularity(g: Graph, membership: Int32Array, resolution = 1): number {
  const { n, offsets, targets, weights } = g;
  if (membership.length !== n)
    throw new RangeError(`membership has ${membership.length} entries for ${n} nodes`);
  let count = 0;
  for (const c of membership) {
    if (c < 0) throw new RangeError('a community number is negative');
    if (c + 1 > count) count = c + 1;
  }
  const inside = new Float64Array(count);
  const tot = new Float64Array(count);
  let m2 = 0;
  for (let u = 0; u < n; u++) {
    const cu = membership[u]!;
    for (let k = offsets[u]!; k < offsets[u + 1]!; k++) {
      const w = weights[k]!;
      m2 += w;
      tot[cu]! += w;
      if (membership[targets[k]!] === cu) inside[cu]! += w;
    }
  }
  if (m2 === 0) return Number.NaN;
  let q = 0;
  for (let c = 0; c < count; c++) q += inside[c]! / m2 - resolution * (tot[c]! / m2) ** 2;
  return q;
}

/** One level of the method: a weighted graph whose nodes may carry a loop (their inner weight, twice). */
interface Level {
  n: number;
  offsets: Int32Array;
  targets: Int32Array;
  weights: Float64Array;
  strength: Float64Array;
}

export interface LouvainOptions {
  /** seeds the order in which nodes are visited */
  seed: number;
  /** γ: above 1 smaller communities, below 1 larger ones; default 1 */
  resolution?: number;
}

/**
 * The Louvain method on the compact graph: every node starts alone; nodes, in a seeded random
 * order, move to the neighbouring community that raises modularity most, until none moves; then
 * each community becomes one node (its inner ties a loop) and the same is done again, until a
 * level moves nothing. Returns communities numbered 0 … C − 1 (in order of their first node) and
 * their modularity at `resolution`.
 */
export function louvain(g: Graph, opts: LouvainOptions): { membership: Int32Array; modularity: number } {
  const resolution = opts.resolution ?? 1;
  const random = seededRandom(opts.seed);
  const strength = new Float64Array(g.n);
  for (let u = 0; u < g.n; u++) {
    for (let k = g.offsets[u]!; k < g.offsets[u + 1]!; k++) strength[u]! += g.weights[k]!;
  }
  let level: Level = { ...g, strength };
  let m2 = 0;
  for (const s of strength) m2 += s;
  // node of the original graph → node of the current level
  const membership = new Int32Array(g.n);
  for (let u = 0; u < g.n; u++) membership[u] = u;
  if (m2 > 0) {
    for (;;) {
      const { community, count, moved } = movePhase(level, m2, resolution, random);
      if (!moved) break;
      for (let u = 0; u < g.n; u++) membership[u] = community[membership[u]!]!;
      level = aggregate(level, community, count);
    }
  }
  const numbered = renumber(membership);
  return { membership: numbered, modularity: modularity(g, numbered, resolution) };
}

/** Communities numbered 0 … C − 1 in order of their first node. */
function renumber(membership: Int32Array): Int32Array {
  const map = new Map<number, number>();
  const out = new Int32Array(membership.length);
  for (let u = 0; u < membership.length; u++) {
    const c = membership[u]!;
    let x = map.get(c);
    if (x === undefined) {
      x = map.size;
      map.set(c, x);
    }
    out[u] = x;
  }
  return out;
}

/** Local moving until no node moves; communities renumbered 0 … count − 1. */
function movePhase(level: Level, m2: number, resolution: number, random: ReturnType<typeof seededRandom>) {
  const { n, offsets, targets, weights, strength } = level;
  const community = new Int32Array(n);
  const tot = new Float64Array(n);
  for (let u = 0; u < n; u++) {
    community[u] = u;
    tot[u] = strength[u]!;
  }
  const order = new Int32Array(n);
  for (let u = 0; u < n; u++) order[u] = u;
  shuffle(order, random);
  const toCommunity = new Float64Array(n);
  const seen = new Int32Array(n).fill(-1);
  const touched = new Int32Array(n);
  const perWeight = resolution / m2;
  // a move must gain more than rounding can fake, or two nodes could swap forever
  const epsilon = 1e-12 * m2;
  let movedAny = false;
  for (let pass = 0; pass < 1000; pass++) {
    let moves = 0;
    for (let i = 0; i < n; i++) {
      const u = order[i]!;
      const own = community[u]!;
      const ku = strength[u]!;
      let nt = 0;
      for (let k = offsets[u]!; k < offsets[u + 1]!; k++) {
        const v = targets[k]!;
        if (v === u) continue;
        const c = community[v]!;
        if (seen[c] !== u) {
          seen[c] = u;
          toCommunity[c] = 0;
          touched[nt++] = c;
        }
        toCommunity[c]! += weights[k]!;
      }
      tot[own]! -= ku;
      const kScaled = ku * perWeight;
      let best = own;
      let bestGain = (seen[own] === u ? toCommunity[own]! : 0) - tot[own]! * kScaled;
      const stay = bestGain;
      for (let t = 0; t < nt; t++) {
        const c = touched[t]!;
        const gain = toCommunity[c]! - tot[c]! * kScaled;
        if (gain > bestGain) {
          best = c;
          bestGain = gain;
        }
      }
      if (best !== own && bestGain - stay <= epsilon) best = own;
      tot[best]! += ku;
      if (best !== own) {
        community[u] = best;
        moves++;
      }
    }
    if (moves === 0) break;
    movedAny = true;
  }
  const numbered = renumber(community);
  let count = 0;
  for (const c of numbered) if (c + 1 > count) count = c + 1;
  return { community: numbered, count, moved: movedAny };
}

/** The graph of communities: their ties summed, their inner ties (both directions) a loop. */
function aggregate(level: Level, community: Int32Array, count: number): Level {
  const { n, offsets, targets, weights, strength } = level;
  // members of each community, by a counting sort
  const start = new Int32Array(count + 1);
  for (let u = 0; u < n; u++) start[community[u]! + 1]!++;
  for (let c = 0; c < count; c++) start[c + 1]! += start[c]!;
  const fill = start.slice(0, count);
  const members = new Int32Array(n);
  for (let u = 0; u < n; u++) members[fill[community[u]!]!++] = u;

  const newStrength = new Float64Array(count);
  const newOffsets = new Int32Array(count + 1);
  const rowTargets: number[] = [];
  const rowWeights: number[] = [];
  const acc = new Float64Array(count);
  const seen = new Int32Array(count).fill(-1);
  const touched = new Int32Array(count);
  for (let c = 0; c < count; c++) {
    let nt = 0;
    for (let i = start[c]!; i < start[c + 1]!; i++) {
      const u = members[i]!;
      newStrength[c]! += strength[u]!;
      for (let k = offsets[u]!; k < offsets[u + 1]!; k++) {
        const d = community[targets[k]!]!;
        if (seen[d] !== c) {
          seen[d] = c;
          acc[d] = 0;
          touched[nt++] = d;
        }
        acc[d]! += weights[k]!;
      }
    }
    for (let t = 0; t < nt; t++) {
      rowTargets.push(touched[t]!);
      rowWeights.push(acc[touched[t]!]!);
    }
    newOffsets[c + 1] = rowTargets.length;
  }
  return {
    n: count,
    offsets: newOffsets,
    targets: Int32Array.from(rowTargets),
    weights: Float64Array.from(rowWeights),
    strength: newStrength,
  };
}
