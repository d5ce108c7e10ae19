import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import {
  articulationPoints,
  assortativity,
  betweenness,
  bridges,
  constraint,
  graphFromEdges,
  louvain,
  modularity,
} from './index.ts';
import {
  fixturePath,
  type IgraphValues,
  igraphPython,
  liveReference,
  type Reference,
  referenceGraphs,
} from './reference.ts';
import { clustered300 } from './testGraphs.ts';

/**
 * The measures against python3-igraph: always against the committed fixture reference.json, and
 * where igraph is installed (CI installs it) the fixture against igraph computed now, so a wrong
 * fixture cannot pass. `npm exec -- node server/areas/places/analytics/measures/reference.ts`
 * rewrites the fixture.
 */

const fixture = JSON.parse(readFileSync(fixturePath, 'utf8')) as Reference;
const graphs = referenceGraphs();

/** |a − b| ≤ 1e-9 · max(1, |b|); null in igraph's JSON is NaN */
function same(actual: number, expected: number | null, what: string) {
  if (expected === null) {
    assert.ok(Number.isNaN(actual), `${what}: expected NaN, got ${actual}`);
    return;
  }
  const tolerance = 1e-9 * Math.max(1, Math.abs(expected));
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: expected ${expected}, got ${actual}`);
}
function sameAll(actual: ArrayLike<number>, expected: (number | null)[], what: string) {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) same(actual[i]!, expected[i]!, `${what}[${i}]`);
}

describe('the measures equal igraph’s (committed reference.json)', () => {
  test('the fixture holds every reference graph', () => {
    assert.deepEqual(Object.keys(fixture.graphs).sort(), Object.keys(graphs).sort());
  });

  for (const [name, t] of Object.entries(graphs)) {
    test(name, () => {
      const ref = fixture.graphs[name]!;
      const g = graphFromEdges(t.n, t.edges);
      const groups = Int32Array.from(t.groups);
      sameAll(betweenness(g).values, ref.betweenness, 'betweenness');
      sameAll(constraint(g), ref.constraint, 'constraint');
      same(assortativity(g, groups), ref.assortativity, 'assortativity');
      same(modularity(g, groups), ref.modularity, 'modularity of the groups');
      assert.deepEqual([...articulationPoints(g)], ref.articulation_points, 'articulation points');
      assert.deepEqual(bridges(g), ref.bridges, 'bridges');
      const found = louvain(g, { seed: 1 });
      assert.ok(
        found.modularity >= ref.multilevel_modularity - 0.02,
        `Louvain ${found.modularity} vs igraph's multilevel ${ref.multilevel_modularity}`,
      );
      same(modularity(g, found.membership), found.modularity, 'Louvain reports its modularity');
    });
  }

  test('igraph computed now agrees with the fixture (when python3-igraph is installed)', (t) => {
    const py = igraphPython();
    if (!py) {
      t.diagnostic('python3-igraph is not installed: compared with the committed fixture only');
      return;
    }
    const live = liveReference(py);
    t.diagnostic(`igraph ${live.igraph} (fixture: ${fixture.igraph})`);
    for (const [name, ref] of Object.entries(fixture.graphs)) {
      const now: IgraphValues = live.graphs[name]!;
      sameAll(now.betweenness, ref.betweenness, `${name} betweenness`);
      sameAll(
        now.constraint.map((x) => x ?? Number.NaN),
        ref.constraint,
        `${name} constraint`,
      );
      same(now.assortativity ?? Number.NaN, ref.assortativity, `${name} assortativity`);
      same(now.modularity ?? Number.NaN, ref.modularity, `${name} modularity`);
      assert.deepEqual(now.articulation_points, ref.articulation_points, `${name} articulation points`);
      assert.deepEqual(now.bridges, ref.bridges, `${name} bridges`);
      // multilevel depends on igraph's random order: Louvain is held to the live value too
      const t0 = graphs[name]!;
      const found = louvain(graphFromEdges(t0.n, t0.edges), { seed: 1 });
      assert.ok(found.modularity >= now.multilevel_modularity - 0.02, `${name}: Louvain below igraph's now`);
    }
  });
});

describe('sampled betweenness', () => {
  const t = clustered300();
  const g = graphFromEdges(t.n, t.edges);
  const exact = betweenness(g).values;

  test('60 of 300 sources: every true value lies within the stated error', () => {
    const r = betweenness(g, { exactUpTo: 0, samples: 60, seed: 3 });
    assert.equal(r.exact, false);
    assert.equal(r.samples, 60);
    assert.ok(r.error! > 0);
    let worst = 0;
    for (let v = 0; v < g.n; v++) worst = Math.max(worst, Math.abs(r.values[v]! - exact[v]!));
    assert.ok(worst > 0, 'a sample of 60 is not exact');
    assert.ok(worst <= r.error!, `largest miss ${worst} beyond the stated error ${r.error}`);
    // the error shrinks as the sample grows (1 / √k, and the finite population): with 240 well below
    const larger = betweenness(g, { exactUpTo: 0, samples: 240, seed: 3 });
    let worstLarger = 0;
    for (let v = 0; v < g.n; v++)
      worstLarger = Math.max(worstLarger, Math.abs(larger.values[v]! - exact[v]!));
    assert.ok(worstLarger <= larger.error!, `largest miss ${worstLarger} beyond ${larger.error}`);
    assert.ok(larger.error! < r.error! / 2, `error ${larger.error} with 240 vs ${r.error} with 60`);
  });

  test('the estimate is unbiased: its mean over 40 samples is near the true values', () => {
    const mean = new Float64Array(g.n);
    for (let seed = 1; seed <= 40; seed++) {
      const r = betweenness(g, { exactUpTo: 0, samples: 30, seed });
      for (let v = 0; v < g.n; v++) mean[v]! += r.values[v]! / 40;
    }
    const total = exact.reduce((a, x) => a + x, 0);
    const meanTotal = mean.reduce((a, x) => a + x, 0);
    assert.ok(Math.abs(meanTotal / total - 1) < 0.02, `mean total ${meanTotal} vs ${total}`);
  });

  test('all 300 sources sampled: the exact values, error 0', () => {
    const r = betweenness(g, { exactUpTo: 0, samples: 1000, seed: 3 });
    assert.equal(r.samples, 300);
    assert.equal(r.error, 0);
    sameAll(r.values, [...exact], 'betweenness');
  });
});
