/**
 * How far apart two organisations or communities are in the interaction graph: nodes are
 * organisations and communities, and two are tied when an interaction joined them — an organisation
 * directly, a person through every organisation and community they belong to (repositories/graph.ts
 * reads the ties from the record: confirmed interactions only, a support circle's never). Pure: no
 * database.
 */

/** `organisation:<id>` or `community:<id>`. */
export type NodeKey = string;

export const nodeKey = (type: 'organisation' | 'community', id: string): NodeKey => `${type}:${id}`;

export class TieGraph {
  private readonly adjacent = new Map<NodeKey, Set<NodeKey>>();
  private readonly stepsFrom = new Map<NodeKey, Map<NodeKey, number>>();

  constructor(ties: Iterable<readonly [NodeKey, NodeKey]>) {
    for (const [a, b] of ties) {
      if (a === b) continue;
      this.neighbours(a, true).add(b);
      this.neighbours(b, true).add(a);
    }
  }

  private neighbours(n: NodeKey, create = false): Set<NodeKey> {
    let s = this.adjacent.get(n);
    if (!s) {
      s = new Set();
      if (create) this.adjacent.set(n, s);
    }
    return s;
  }

  /** Whether the two are tied directly or through one node in between. */
  withinTwoSteps(a: NodeKey, b: NodeKey): boolean {
    if (a === b) return true;
    const na = this.neighbours(a);
    if (na.has(b)) return true;
    const nb = this.neighbours(b);
    const [small, large] = na.size <= nb.size ? [na, nb] : [nb, na];
    for (const n of small) if (large.has(n)) return true;
    return false;
  }

  /** The length of the shortest path between the two, or null when none joins them. */
  steps(a: NodeKey, b: NodeKey): number | null {
    if (a === b) return 0;
    let from = this.stepsFrom.get(a);
    if (!from) {
      // breadth first from `a` once; every pair with `a` reads it
      from = new Map([[a, 0]]);
      let frontier = [a];
      for (let d = 1; frontier.length > 0; d++) {
        const next: NodeKey[] = [];
        for (const n of frontier)
          for (const m of this.neighbours(n))
            if (!from.has(m)) {
              from.set(m, d);
              next.push(m);
            }
        frontier = next;
      }
      this.stepsFrom.set(a, from);
    }
    return from.get(b) ?? null;
  }
}
