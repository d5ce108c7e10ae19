import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { edgesOf, graphFromEdges } from './graph.ts';
import { clustered300, karate, smallGraphs, type TestGraph } from './testGraphs.ts';

/**
 * The igraph reference of the tests: the graphs it is computed on, a way to compute it live with
 * reference.py when python3-igraph is installed, and (run as a script) rewriting the committed
 * fixture reference.json from it:
 *
 *     npm exec -- node server/areas/places/analytics/measures/reference.ts
 *
 * The Python interpreter is $IGRAPH_PYTHON, else the first of python3 and /usr/bin/python3 that can
 * import igraph (a pyenv python3 on PATH does not see the Debian package).
 */

export const fixturePath = path.join(import.meta.dirname, 'reference.json');

export interface IgraphValues {
  betweenness: number[];
  /** null where igraph gives NaN (isolates) */
  constraint: (number | null)[];
  assortativity: number | null;
  modularity: number | null;
  articulation_points: number[];
  bridges: [number, number][];
  multilevel_modularity: number;
}

export interface Reference {
  igraph: string;
  graphs: Record<string, IgraphValues>;
}

/** The graphs of the reference, by name. */
export function referenceGraphs(): Record<string, TestGraph> {
  return { ...smallGraphs, karate: karate(), clustered300: clustered300() };
}

let python: string | null | undefined;

/** A Python that can import igraph, or null. */
export function igraphPython(): string | null {
  if (python !== undefined) return python;
  const candidates = process.env.IGRAPH_PYTHON
    ? [process.env.IGRAPH_PYTHON]
    : ['python3', '/usr/bin/python3'];
  python = candidates.find((p) => spawnSync(p, ['-c', 'import igraph']).status === 0) ?? null;
  return python;
}

/** igraph's values for the reference graphs, computed now (the ties merged as graphFromEdges merges them). */
export function liveReference(py: string): Reference {
  const input: Record<string, { n: number; edges: [number, number, number][]; groups: number[] }> = {};
  for (const [name, t] of Object.entries(referenceGraphs())) {
    input[name] = { n: t.n, edges: [...edgesOf(graphFromEdges(t.n, t.edges))], groups: t.groups };
  }
  const out = execFileSync(py, [path.join(import.meta.dirname, 'reference.py')], {
    input: JSON.stringify(input),
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out.toString()) as Reference;
}

if (import.meta.main) {
  const py = igraphPython();
  if (!py) {
    process.stderr.write('python3-igraph is not installed (apt-get install python3-igraph)\n');
    process.exit(1);
  }
  const ref = liveReference(py);
  writeFileSync(fixturePath, `${JSON.stringify(ref)}\n`);
  // in the project's JSON format, so `npm run lint` passes on it
  execFileSync(path.join(import.meta.dirname, '../../../../../node_modules/.bin/biome'), [
    'format',
    '--write',
    fixturePath,
  ]);
  process.stderr.write(`wrote ${fixturePath} (igraph ${ref.igraph})\n`);
}
