import type { Graph } from './graph.ts';

/**
 * Burt's structural holes: how far a node's contacts are tied to each other (constraint) and how
 * many of them are not redundant (effective size). Both weighted by tie strength.
 */

/** p[k] for the arc k from u: the share of u's tie strength that goes to this neighbour */
function proportions(g: Graph): Float64Array {
  const { n, offsets, weights } = g;
  const p = new Float64Array(weights.length);
  for (let u = 0; u < n; u++) {
    const end = offsets[u + 1]!;
    let s = 0;
    for (let k = offsets[u]!; k < end; k++) s += weights[k]!;
    for (let k = offsets[u]!; k < end; k++) p[k] = weights[k]! / s;
  }
  return p;
}

/**
 * Burt's constraint, weighted, as igraph's `constraint(weights=...)`:
 * c(i) = Σ_{j ∈ N(i)} (p_ij + Σ_{q ∈ N(i), q ≠ j} p_iq · p_qj)², with p_ij = w_ij / Σ_k w_ik.
 * High when the contacts are few or tied to each other (no hole to broker across); a node with
 * a single contact has 1. Isolates get NaN, as in igraph (no contacts, nothing to constrain).
 * O(Σ degree²): for each i the two-step paths i → q → j, kept only where j is a contact of i.
 */
export function constraint(g: Graph): Float64Array {
  const { n, offsets, targets } = g;
  const p = proportions(g);
  const result = new Float64Array(n);
  const contrib = new Float64Array(n);
  // stamp[j] === i + 1 while j is a contact of i
  const stamp = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const start = offsets[i]!;
    const end = offsets[i + 1]!;
    if (start === end) {
      result[i] = Number.NaN;
      continue;
    }
    const mark = i + 1;
    for (let k = start; k < end; k++) {
      const j = targets[k]!;
      stamp[j] = mark;
      contrib[j] = p[k]!;
    }
    for (let k = start; k < end; k++) {
      const q = targets[k]!;
      const piq = p[k]!;
      const qEnd = offsets[q + 1]!;
      for (let l = offsets[q]!; l < qEnd; l++) {
        const j = targets[l]!;
        if (stamp[j] === mark) contrib[j]! += piq * p[l]!;
      }
    }
    let c = 0;
    for (let k = start; k < end; k++) {
      const x = contrib[targets[k]!]!;
      c += x * x;
    }
    result[i] = c;
  }
  return result;
}

/**
 * Burt's effective size, weighted as in Borgatti (1997) and networkx's `effective_size`:
 * e(i) = Σ_{j ∈ N(i)} (1 − Σ_{q ∈ N(i), q ≠ j} p_iq · m_jq), with p_iq = w_iq / Σ_k w_ik and
 * m_jq = w_jq / max_k w_jk (j's tie to q relative to j's strongest tie). The number of contacts
 * less their redundancy; with equal weights it is n − 2t/n (n contacts, t ties among them).
 * Isolates get NaN, as in networkx.
 */
export function effectiveSize(g: Graph): Float64Array {
  const { n, offsets, targets, weights } = g;
  const p = proportions(g);
  const maxWeight = new Float64Array(n);
  for (let u = 0; u < n; u++) {
    let m = 0;
    for (let k = offsets[u]!; k < offsets[u + 1]!; k++) if (weights[k]! > m) m = weights[k]!;
    maxWeight[u] = m;
  }
  const result = new Float64Array(n);
  const pOf = new Float64Array(n);
  const stamp = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const start = offsets[i]!;
    const end = offsets[i + 1]!;
    if (start === end) {
      result[i] = Number.NaN;
      continue;
    }
    const mark = i + 1;
    for (let k = start; k < end; k++) {
      stamp[targets[k]!] = mark;
      pOf[targets[k]!] = p[k]!;
    }
    let redundancy = 0;
    for (let k = start; k < end; k++) {
      const j = targets[k]!;
      const jEnd = offsets[j + 1]!;
      let r = 0;
      for (let l = offsets[j]!; l < jEnd; l++) {
        const q = targets[l]!;
        if (stamp[q] === mark) r += pOf[q]! * weights[l]!;
      }
      redundancy += r / maxWeight[j]!;
    }
    result[i] = end - start - redundancy;
  }
  return result;
}
