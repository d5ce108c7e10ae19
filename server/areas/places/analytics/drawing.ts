import type { NodeView, TieView } from './snapshot.ts';

/**
 * What the network page draws and lists, cut from a stored view. The measures are always computed on
 * the whole graph (compute.ts); the page only shows them. At size M a year's view has 295 nodes and
 * 37 000 ties — a picture of all of them is a grey disc on a phone, ForceAtlas2 needs seconds for
 * it, and the answer was 890 KB. So the picture gets a backbone: every tie that is a bridge, and
 * each node's strongest ties, as many per node as fit under `maxDrawn`; the CSV and GraphML exports
 * keep every tie. Numbers are sent with four significant digits, which is all the page shows.
 */

/** The most ties the picture draws. */
export const maxDrawn = 2000;

/** `x` with four significant digits (null stays null). */
export function shown<T extends number | null>(x: T): T {
  return (x === null ? null : Number(x.toPrecision(4))) as T;
}

/** A node's measures as the page shows them. */
export function shownNode(n: NodeView): NodeView {
  return {
    ...n,
    strength: shown(n.strength),
    betweenness: shown(n.betweenness),
    constraint: shown(n.constraint),
    effectiveSize: shown(n.effectiveSize),
    brokerage: {
      coordinator: shown(n.brokerage.coordinator),
      itinerant: shown(n.brokerage.itinerant),
      gatekeeper: shown(n.brokerage.gatekeeper),
      representative: shown(n.brokerage.representative),
      liaison: shown(n.brokerage.liaison),
    },
  };
}

/** Heavier first; equal weights in the order of their nodes, so the same view draws the same. */
const stronger = (x: TieView, y: TieView) => y[2] - x[2] || x[0] - y[0] || x[1] - y[1];

/**
 * The ties the picture draws, in the stored order: all when they fit under `limit`; otherwise every
 * bridge and, for the largest k that keeps the total under `limit`, each node's k strongest ties.
 * Pure and deterministic.
 */
export function drawnTies(nodeCount: number, ties: readonly TieView[], limit = maxDrawn): TieView[] {
  if (ties.length <= limit) return [...ties];
  const byNode: number[][] = Array.from({ length: nodeCount }, () => []);
  const order = ties.map((_, i) => i).sort((i, j) => stronger(ties[i]!, ties[j]!));
  for (const i of order) {
    const [a, b] = ties[i]!;
    byNode[a]?.push(i);
    byNode[b]?.push(i);
  }
  const bridges = ties.flatMap((t, i) => (t[3] === 1 ? [i] : []));
  const keptWith = (k: number) => {
    const kept = new Set(bridges);
    for (const list of byNode) for (const i of list.slice(0, k)) kept.add(i);
    return kept;
  };
  // the largest k whose backbone fits (k = 1 always fits unless the bridges alone do not)
  let lo = 1;
  let hi = Math.max(1, ...byNode.map((l) => l.length));
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (keptWith(mid).size <= limit) lo = mid;
    else hi = mid - 1;
  }
  let kept = [...keptWith(lo)];
  if (kept.length > limit) kept = kept.sort((i, j) => stronger(ties[i]!, ties[j]!)).slice(0, limit);
  return kept.sort((i, j) => i - j).map((i) => [...ties[i]!] as TieView);
}

/** The ties as the page draws them, with their weights as it shows them. */
export function shownTies(nodeCount: number, ties: readonly TieView[], limit = maxDrawn): TieView[] {
  return drawnTies(nodeCount, ties, limit).map(([a, b, w, bridge]) => [a, b, shown(w), bridge]);
}
