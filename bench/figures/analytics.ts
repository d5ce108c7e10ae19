import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  articulationPoints,
  betweenness,
  bridges,
  brokerage,
  constraint,
  effectiveSize,
  eiIndex,
  graphFromEdges,
  louvain,
} from '../../server/areas/places/analytics/measures/index.ts';
import { igraphPython } from '../../server/areas/places/analytics/measures/reference.ts';
import { benchGraph } from '../../server/areas/places/analytics/measures/testGraphs.ts';
import { log, root } from '../runner/options.ts';
import { emit } from '../runner/output.ts';
import { tempDir } from '../runner/scratch.ts';

const execFileP = promisify(execFile);

/**
 * analytics.*: the network measures of Räume & Brücken (server/areas/places/analytics/measures)
 * on the clustered graph of 5 000 nodes and 25 000 ties (40 communities, 90 % internal, seed 7),
 * against python3-igraph on the same graph in the same run. igraph is timed inside Python around
 * the call alone (bench/igraph_measures.py; the graph is read and built before the clock starts),
 * ours around the function call on the already built compact graph. Each figure is the median of
 * its runs; betweenness alternates ours and igraph's, round by round, so both meet the same load.
 * Targets: exact betweenness ≤ 1.5 × igraph, constraint ≤ 3 × igraph.
 */
export async function analyticsFigures() {
  const t = benchGraph();
  const g = graphFromEdges(t.n, t.edges);
  const groups = Int32Array.from(t.groups);
  const about = { nodes: t.n, ties: t.edges.length, communities: 40, internal: 0.9, seed: 7 };
  const py = igraphPython();
  const file = path.join(tempDir('analytics'), 'graph.txt');
  writeFileSync(file, `${t.n}\n${t.edges.map((e) => e.join(' ')).join('\n')}\n`);
  const igraph = async (measure: string, repeat: number) => {
    if (!py) return null;
    const { stdout } = await execFileP(
      py,
      [path.join(root, 'bench', 'igraph_measures.py'), file, measure, '--repeat', String(repeat)],
      {
        timeout: 600_000,
      },
    );
    return JSON.parse(stdout) as Record<string, number[] | number | string>;
  };
  const noIgraph = py
    ? {}
    : { skipped_baseline: 'python3-igraph is not installed (apt-get install python3-igraph)' };
  const ms = (f: () => unknown) => {
    const t0 = performance.now();
    f();
    return performance.now() - t0;
  };
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    const mid = Math.floor(s.length / 2);
    return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  };

  // exact betweenness: three rounds, ours then igraph's
  const rounds = 3;
  const ours: number[] = [];
  const theirs: number[] = [];
  let version: string | null = null;
  for (let r = 0; r < rounds; r++) {
    log(`analytics: exact betweenness, round ${r + 1} of ${rounds} …`);
    ours.push(ms(() => betweenness(g)) / 1000);
    const out = await igraph('betweenness', 1);
    if (out) {
      theirs.push(...(out.betweenness as number[]));
      version = out.igraph as string;
    }
  }
  emit('analytics.betweenness_exact', median(ours), 's', py ? median(theirs) : null, {
    target: 1.5,
    runs: ours.map((x) => Number(x.toFixed(3))),
    igraph_runs: theirs.map((x) => Number(x.toFixed(3))),
    igraph: version,
    graph: about,
    ...noIgraph,
  });

  // constraint: the first call (the JIT cold), then the median of 20 more
  const cold = ms(() => constraint(g));
  const warm = Array.from({ length: 20 }, () => ms(() => constraint(g)));
  const ic = await igraph('constraint', 20);
  emit(
    'analytics.constraint',
    median(warm),
    'ms',
    ic ? median((ic.constraint as number[]).map((x) => x * 1000)) : null,
    {
      target: 3,
      first_call_ms: Number(cold.toFixed(2)),
      graph: about,
      ...noIgraph,
    },
  );

  // Louvain against igraph's multilevel, with the modularity each reaches
  const qs: number[] = [];
  const lv = Array.from({ length: 7 }, (_, seed) =>
    ms(() => {
      qs.push(louvain(g, { seed: seed + 1 }).modularity);
    }),
  );
  const il = await igraph('louvain', 7);
  emit(
    'analytics.louvain',
    median(lv),
    'ms',
    il ? median((il.louvain as number[]).map((x) => x * 1000)) : null,
    {
      // seeds 1 … 7: the lowest and the highest modularity reached
      modularity: [Math.min(...qs), Math.max(...qs)].map((q) => Number(q.toFixed(4))),
      igraph_modularity: il ? Number((il.louvain_modularity as number).toFixed(4)) : null,
      graph: about,
      ...noIgraph,
    },
  );

  // the rest, ours alone (igraph has no E-I, brokerage roles or weighted effective size)
  const sampled = ms(() => betweenness(g, { exactUpTo: 0, samples: 1000, seed: 1 }));
  emit('analytics.betweenness_sampled_1000', sampled, 'ms', null, { graph: about });
  const rest = {
    effective_size: () => effectiveSize(g),
    brokerage: () => brokerage(g, groups),
    ei_index_1000_permutations: () => eiIndex(g, groups, { permutations: 1000, seed: 1 }),
    cuts: () => [articulationPoints(g), bridges(g)],
  };
  for (const [name, f] of Object.entries(rest)) {
    f();
    emit(`analytics.${name}`, median(Array.from({ length: 5 }, () => ms(f))), 'ms', null, { graph: about });
  }
}
