/**
 * The compact graph every measure works on: undirected, weighted, in compressed sparse rows (CSR).
 * Node `u`'s neighbours are `targets[offsets[u] … offsets[u + 1] - 1]`, in ascending order, with
 * the tie's weight at the same index in `weights`; every tie is stored in both directions, so
 * `targets.length` is twice the number of ties. No self-loops, no parallel ties, weights > 0.
 */
export interface Graph {
  n: number;
  offsets: Int32Array;
  targets: Int32Array;
  weights: Float64Array;
}

/**
 * Builds the graph of `n` nodes (0 … n − 1) from ties `[a, b, weight]`. Parallel ties are merged
 * into one whose weight is their sum (the interactions between two parties become one tie whose
 * strength is their number); self-loops and ties of weight ≤ 0 (or NaN) are dropped. Runs in
 * O(n + ties): two counting sorts put each row in ascending order, so parallel ties sit side by side.
 */
export function graphFromEdges(n: number, edges: Iterable<readonly [number, number, number]>): Graph {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  let src = new Int32Array(1024);
  let dst = new Int32Array(1024);
  let wts = new Float64Array(1024);
  let arcs = 0;
  const push = (a: number, b: number, w: number) => {
    if (arcs === src.length) {
      const grow = <T extends Int32Array | Float64Array>(x: T, make: (k: number) => T) => {
        const y = make(x.length * 2);
        y.set(x);
        return y;
      };
      src = grow(src, (k) => new Int32Array(k));
      dst = grow(dst, (k) => new Int32Array(k));
      wts = grow(wts, (k) => new Float64Array(k));
    }
    src[arcs] = a;
    dst[arcs] = b;
    wts[arcs] = w;
    arcs++;
  };
  for (const [a, b, w] of edges) {
    if (!Number.isInteger(a) || !Number.isInteger(b) || a < 0 || b < 0 || a >= n || b >= n) {
      throw new RangeError(`tie [${a}, ${b}] names a node outside 0…${n - 1}`);
    }
    if (a === b || !(w > 0)) continue;
    push(a, b, w);
    push(b, a, w);
  }

  // counting sort by target, then a stable one by source: rows in ascending target order
  const count = new Int32Array(n + 1);
  for (let e = 0; e < arcs; e++) count[dst[e]! + 1]!++;
  for (let u = 0; u < n; u++) count[u + 1]! += count[u]!;
  const byTarget = new Int32Array(arcs);
  for (let e = 0; e < arcs; e++) byTarget[count[dst[e]!]!++] = e;
  const rowStart = new Int32Array(n + 1);
  for (let e = 0; e < arcs; e++) rowStart[src[e]! + 1]!++;
  for (let u = 0; u < n; u++) rowStart[u + 1]! += rowStart[u]!;
  const fill = rowStart.slice(0, n);
  const sortedTargets = new Int32Array(arcs);
  const sortedWeights = new Float64Array(arcs);
  for (let k = 0; k < arcs; k++) {
    const e = byTarget[k]!;
    const at = fill[src[e]!]!++;
    sortedTargets[at] = dst[e]!;
    sortedWeights[at] = wts[e]!;
  }

  // merge parallel ties (neighbours in a row)
  const offsets = new Int32Array(n + 1);
  let out = 0;
  for (let u = 0; u < n; u++) {
    const end = rowStart[u + 1]!;
    let last = -1;
    for (let k = rowStart[u]!; k < end; k++) {
      const v = sortedTargets[k]!;
      if (v === last) {
        sortedWeights[out - 1]! += sortedWeights[k]!;
      } else {
        sortedTargets[out] = v;
        sortedWeights[out] = sortedWeights[k]!;
        out++;
        last = v;
      }
    }
    offsets[u + 1] = out;
  }
  return { n, offsets, targets: sortedTargets.slice(0, out), weights: sortedWeights.slice(0, out) };
}

/** The number of ties (each counted once). */
export function tieCount(g: Graph): number {
  return g.targets.length / 2;
}

/** Each tie once, as `[a, b, weight]` with a < b, in ascending order of a then b. */
export function* edgesOf(g: Graph): Generator<[number, number, number]> {
  for (let u = 0; u < g.n; u++) {
    for (let k = g.offsets[u]!; k < g.offsets[u + 1]!; k++) {
      const v = g.targets[k]!;
      if (u < v) yield [u, v, g.weights[k]!];
    }
  }
}
