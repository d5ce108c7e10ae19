import type { Graph } from './graph.ts';

/**
 * Where the network hangs by a thread: articulation points (a node whose leaving splits its
 * component) and bridges (a tie whose loss does). Tarjan's depth-first search with discovery
 * times and low points, run with an explicit stack so graphs of any size fit (no recursion).
 */
function lowPoints(
  g: Graph,
  onTreeEdge: (
    parent: number,
    child: number,
    disc: Int32Array,
    low: Int32Array,
    parentIsRoot: boolean,
  ) => void,
) {
  const { n, offsets, targets } = g;
  const disc = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const parent = new Int32Array(n).fill(-1);
  // per node on the stack, the next arc of its row to look at
  const next = new Int32Array(n);
  const stack = new Int32Array(n);
  const rootChildren = new Int32Array(n);
  let time = 0;
  for (let root = 0; root < n; root++) {
    if (disc[root] !== -1) continue;
    let top = 0;
    stack[0] = root;
    disc[root] = low[root] = time++;
    next[root] = offsets[root]!;
    while (top >= 0) {
      const u = stack[top]!;
      if (next[u]! < offsets[u + 1]!) {
        const v = targets[next[u]!++]!;
        if (disc[v] === -1) {
          parent[v] = u;
          disc[v] = low[v] = time++;
          next[v] = offsets[v]!;
          stack[++top] = v;
        } else if (v !== parent[u] && disc[v]! < low[u]!) {
          // a back tie (the graph is simple, so the one tie to the parent is the tree tie)
          low[u] = disc[v]!;
        }
      } else {
        top--;
        const p = parent[u]!;
        if (p >= 0) {
          if (low[u]! < low[p]!) low[p] = low[u]!;
          if (p === root) rootChildren[root]!++;
          onTreeEdge(p, u, disc, low, p === root);
        }
      }
    }
  }
  return { rootChildren, parent };
}

/** The articulation points, ascending; as igraph's `articulation_points()` (sorted). */
export function articulationPoints(g: Graph): Int32Array {
  const cut = new Uint8Array(g.n);
  const { rootChildren, parent } = lowPoints(g, (p, u, disc, low, parentIsRoot) => {
    // a non-root p is a cut point when a child's subtree reaches no higher than p
    if (!parentIsRoot && low[u]! >= disc[p]!) cut[p] = 1;
  });
  const out: number[] = [];
  for (let u = 0; u < g.n; u++) {
    // a root is a cut point when it has two or more children in the search tree
    if ((parent[u] === -1 && rootChildren[u]! >= 2) || (parent[u] !== -1 && cut[u])) out.push(u);
  }
  return Int32Array.from(out);
}

/** The bridges as [a, b] with a < b, in ascending order; as igraph's `bridges()`. */
export function bridges(g: Graph): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  lowPoints(g, (p, u, disc, low) => {
    if (low[u]! > disc[p]!) out.push(p < u ? [p, u] : [u, p]);
  });
  return out.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
}
