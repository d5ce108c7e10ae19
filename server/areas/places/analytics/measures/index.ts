/**
 * Network measures of Räume & Brücken (issue #16) on a compact graph: pure functions, no database.
 * Build the graph with `graphFromEdges`, then call the measures; node i is the i-th party.
 */
export { type BetweennessOptions, type BetweennessResult, betweenness } from './betweenness.ts';
export { type Brokerage, brokerage } from './brokerage.ts';
export { articulationPoints, bridges } from './cuts.ts';
export { edgesOf, type Graph, graphFromEdges, tieCount } from './graph.ts';
export {
  assortativity,
  crossGroupShare,
  type EiByGroup,
  type EiResult,
  eiByGroup,
  eiIndex,
} from './groups.ts';
export { type LouvainOptions, louvain, modularity } from './louvain.ts';
export { constraint, effectiveSize } from './structuralHoles.ts';
