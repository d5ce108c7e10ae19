import type { Graph } from './graph.ts';

export interface Brokerage {
  /** a, b, c all in one group */
  coordinator: Float64Array;
  /** a and c in one group, the broker b in another ("consultant") */
  itinerant: Float64Array;
  /** exactly one of a, c in b's group (see below: counted here and in `representative`) */
  gatekeeper: Float64Array;
  /** the same pairs as `gatekeeper` */
  representative: Float64Array;
  /** a, b, c in three different groups */
  liaison: Float64Array;
  /** every open two-path through the node, each once: the sum of the roles without the repeat */
  total: Float64Array;
}

/**
 * Gould and Fernandez's (1989) brokerage roles for undirected ties. Node b brokers between a and c
 * when a – b – c are tied and a, c are not (an open two-path); each unordered pair {a, c} is one
 * brokerage, sorted into a role by the groups of a, b and c.
 *
 * With directed ties a → b → c, b is a gatekeeper when b and c share a group and a does not, a
 * representative when a and b share one and c does not. An undirected tie runs both ways, so a
 * pair with exactly one end in b's group is both: it is counted once in `gatekeeper` AND once in
 * `representative` (the two arrays are equal), and `total` counts it once. Nodes without a group
 * (negative) are compared like a group of their own each, so they never "share" a group.
 *
 * O(Σ degree²): for each b, each pair of neighbours, with a's neighbours marked to test a – c.
 */
export function brokerage(g: Graph, groups: Int32Array): Brokerage {
  const { n, offsets, targets } = g;
  if (groups.length !== n) throw new RangeError(`groups has ${groups.length} entries for ${n} nodes`);
  const coordinator = new Float64Array(n);
  const itinerant = new Float64Array(n);
  const gatekeeper = new Float64Array(n);
  const liaison = new Float64Array(n);
  const total = new Float64Array(n);
  const stamp = new Int32Array(n);
  let mark = 0;
  const same = (x: number, y: number) => x === y && x >= 0;
  for (let b = 0; b < n; b++) {
    const start = offsets[b]!;
    const end = offsets[b + 1]!;
    const gb = groups[b]!;
    let co = 0;
    let it = 0;
    let gk = 0;
    let li = 0;
    for (let i = start; i < end; i++) {
      const a = targets[i]!;
      const ga = groups[a]!;
      mark++;
      for (let k = offsets[a]!; k < offsets[a + 1]!; k++) stamp[targets[k]!] = mark;
      for (let j = i + 1; j < end; j++) {
        const c = targets[j]!;
        if (stamp[c] === mark) continue; // a – c tied: closed, no brokerage
        const gc = groups[c]!;
        const ab = same(ga, gb);
        const cb = same(gc, gb);
        if (ab && cb) co++;
        else if (ab || cb) gk++;
        else if (same(ga, gc)) it++;
        else li++;
      }
    }
    coordinator[b] = co;
    itinerant[b] = it;
    gatekeeper[b] = gk;
    liaison[b] = li;
    total[b] = co + it + gk + li;
  }
  return { coordinator, itinerant, gatekeeper, representative: gatekeeper.slice(), liaison, total };
}
