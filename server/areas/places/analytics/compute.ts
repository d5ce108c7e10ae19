import type { Sector } from '../../../db/schema.ts';
import { sectors } from '../../../db/schema.ts';
import {
  articulationPoints,
  assortativity,
  betweenness,
  bridges,
  brokerage,
  constraint,
  crossGroupShare,
  type EiResult,
  effectiveSize,
  eiByGroup,
  eiIndex,
  type Graph,
  graphFromEdges,
  louvain,
} from './measures/index.ts';
import { CellTable, shareOf } from './privacy.ts';
import {
  type Cell,
  type ComputedSnapshot,
  type ComputedView,
  type CountedArea,
  countedAreas,
  type EiSummary,
  eiPermutations,
  type GraphFigures,
  type GroupEi,
  type InteractionFigures,
  type MonthFigures,
  type NodeType,
  type NodeView,
  type PeopleFigures,
  type Period,
  periodMonths,
  periods,
  type RenderedSnapshot,
  snapshotMonths,
  type TieView,
  type ViewArea,
  viewAreas,
} from './snapshot.ts';

/**
 * The whole computation of a snapshot from what the database aggregated (repositories/graphData.ts):
 * pure and synchronous, so it runs in a worker thread (worker.ts) and in tests alike.
 *
 * For every view (period × area) and every month of the trend, the ties of that slice are summed
 * into one graph of the organisations and communities that have a tie in it (a node without any is
 * left out, so the E-I baseline is taken over the active nodes), and every measure is taken on it.
 * The figures about people come in as counts with the number of people behind them and leave as
 * protected cells (privacy.ts), all in one table so complementary cells are found across views and
 * months.
 */

export interface NodeInput {
  id: string;
  type: NodeType;
  name: string;
  slug: string;
  sector: Sector | null;
  districtId: string | null;
}

/** Ties summed per node pair (u < v), per area and whether in the last three months. */
export interface ViewTieRows {
  u: Int32Array;
  v: Int32Array;
  /** index into `countedAreas` */
  area: Int8Array;
  /** 1: in the last three months of the snapshot */
  recent: Uint8Array;
  weight: Float64Array;
}

/** Ties summed per node pair and month (all areas). */
export interface MonthTieRows {
  u: Int32Array;
  v: Int32Array;
  /** 0 … snapshotMonths − 1, oldest first */
  month: Int8Array;
  weight: Float64Array;
}

/**
 * The people behind a slice, counted distinctly: `scope` is a period ('3m', '12m'), 'old' (the nine
 * months before the last three) or 'month'; `area` null means all areas.
 */
export interface PeopleRow {
  scope: '3m' | '12m' | 'old' | 'month';
  area: CountedArea | null;
  month: number | null;
  people: number;
  crossSector: number;
  crossDistrict: number;
  onlinePeople: number;
  offlinePeople: number;
}

export interface InteractionCountRow {
  area: CountedArea;
  month: number;
  online: boolean;
  n: number;
}

export interface SnapshotInput {
  /** 'YYYY-MM' of each month, oldest first */
  months: string[];
  nodes: NodeInput[];
  districtIds: string[];
  viewTies: ViewTieRows;
  monthTies: MonthTieRows;
  people: PeopleRow[];
  interactions: InteractionCountRow[];
  circle: { interactions: number; people: number };
}

const recentMonths = periodMonths['3m'];
const num = (x: number) => (Number.isFinite(x) ? x : null);

/** One graph of the active nodes of a slice. */
interface SliceGraph {
  g: Graph;
  /** local index → index into input.nodes */
  nodeOf: Int32Array;
  sector: Int32Array;
  district: Int32Array;
  ties: Array<[number, number, number]>;
}

function sliceGraph(input: SnapshotInput, sums: Map<number, number>): SliceGraph {
  const N = input.nodes.length;
  const local = new Map<number, number>();
  const nodeOf: number[] = [];
  const ties: Array<[number, number, number]> = [];
  const keys = [...sums.keys()].sort((a, b) => a - b);
  const idx = (x: number) => {
    let i = local.get(x);
    if (i === undefined) {
      i = nodeOf.length;
      local.set(x, i);
      nodeOf.push(x);
    }
    return i;
  };
  // nodes numbered in the order of the input (ascending key), so the result does not depend on Map order
  const active = new Set<number>();
  for (const k of keys) {
    active.add(Math.floor(k / N));
    active.add(k % N);
  }
  for (const x of [...active].sort((a, b) => a - b)) idx(x);
  for (const k of keys) {
    const w = sums.get(k)!;
    if (!(w > 0)) continue;
    ties.push([local.get(Math.floor(k / N))!, local.get(k % N)!, w]);
  }
  const n = nodeOf.length;
  const g = graphFromEdges(n, ties);
  const districtIndex = new Map(input.districtIds.map((d, i) => [d, i]));
  const sector = new Int32Array(n);
  const district = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const node = input.nodes[nodeOf[i]!]!;
    sector[i] = node.sector ? sectors.indexOf(node.sector) : -1;
    district[i] = node.districtId ? (districtIndex.get(node.districtId) ?? -1) : -1;
  }
  return { g, nodeOf: Int32Array.from(nodeOf), sector, district, ties };
}

function eiSummary(r: EiResult): EiSummary {
  return {
    ei: num(r.ei),
    expected: num(r.expected),
    rescaled: num(r.rescaled),
    p: num(r.p),
    internal: r.internal,
    external: r.external,
  };
}

function graphFigures(s: SliceGraph, seed: number) {
  const { g, sector, district } = s;
  const communities = louvain(g, { seed });
  const cuts = articulationPoints(g);
  const bridgeList = bridges(g);
  const figures: GraphFigures = {
    nodes: g.n,
    ties: s.ties.length,
    eiSector: eiSummary(eiIndex(g, sector, { permutations: eiPermutations, seed })),
    eiDistrict: eiSummary(eiIndex(g, district, { permutations: eiPermutations, seed })),
    crossSectorShare: num(crossGroupShare(g, sector)),
    crossDistrictShare: num(crossGroupShare(g, district)),
    assortativitySector: num(assortativity(g, sector)),
    assortativityDistrict: num(assortativity(g, district)),
    modularity: g.n > 0 ? num(communities.modularity) : null,
    communities: g.n > 0 ? Math.max(...communities.membership) + 1 : 0,
    cutVertices: cuts.length,
    bridges: bridgeList.length,
  };
  return { figures, communities, cuts, bridgeList };
}

function groupEi(g: Graph, groups: Int32Array, names: readonly string[]): GroupEi[] {
  const r = eiByGroup(g, groups);
  const out: GroupEi[] = [];
  for (let x = 0; x < r.ei.length; x++) {
    if (r.internal[x]! + r.external[x]! === 0) continue;
    out.push({ group: names[x]!, ei: num(r.ei[x]!), internal: r.internal[x]!, external: r.external[x]! });
  }
  return out;
}

/** The figures about people of every view and month, protected together. */
function peopleCells(input: SnapshotInput) {
  const t = new CellTable();
  const find = (scope: PeopleRow['scope'], area: CountedArea | null, month: number | null) =>
    input.people.find((r) => r.scope === scope && r.area === area && r.month === month);
  const count = (area: CountedArea | null, months: (m: number) => boolean, online?: boolean) =>
    input.interactions
      .filter(
        (r) =>
          (area === null || r.area === area) &&
          months(r.month) &&
          (online === undefined || r.online === online),
      )
      .reduce((s, r) => s + r.n, 0);

  interface Slots {
    tookPart: number;
    crossSector: number;
    notCrossSector: number;
    crossDistrict: number;
    notCrossDistrict: number;
    total: number;
    online: number;
    offline: number;
  }
  const slots = (
    row: PeopleRow | undefined,
    area: CountedArea | null,
    months: (m: number) => boolean,
  ): Slots => {
    const p = row ?? { people: 0, crossSector: 0, crossDistrict: 0, onlinePeople: 0, offlinePeople: 0 };
    const s: Slots = {
      tookPart: t.add(p.people, p.people),
      crossSector: t.add(p.crossSector, p.crossSector),
      notCrossSector: t.add(p.people - p.crossSector, p.people - p.crossSector),
      crossDistrict: t.add(p.crossDistrict, p.crossDistrict),
      notCrossDistrict: t.add(p.people - p.crossDistrict, p.people - p.crossDistrict),
      total: t.add(count(area, months), p.people),
      online: t.add(count(area, months, true), p.onlinePeople),
      offline: t.add(count(area, months, false), p.offlinePeople),
    };
    t.sum(s.tookPart, [s.crossSector, s.notCrossSector]);
    t.sum(s.tookPart, [s.crossDistrict, s.notCrossDistrict]);
    t.sum(s.total, [s.online, s.offline]);
    return s;
  };
  const M = snapshotMonths;
  const inPeriod = (p: Period) => (m: number) => m >= M - periodMonths[p];
  const old = (m: number) => m < M - recentMonths;
  const views = new Map<string, Slots>();
  const olds = new Map<string, Slots>();
  for (const area of viewAreas) {
    const a = area === 'all' ? null : area;
    for (const p of periods) views.set(`${p}:${area}`, slots(find(p, a, null), a, inPeriod(p)));
    olds.set(area, slots(find('old', a, null), a, old));
  }
  const months: Slots[] = [];
  for (let m = 0; m < M; m++) months.push(slots(find('month', null, m), null, (x) => x === m));
  const additive = ['total', 'online', 'offline'] as const;
  for (const k of additive) {
    for (const p of periods) {
      // all areas are the sum of the areas
      t.sum(
        views.get(`${p}:all`)![k],
        countedAreas.map((a) => views.get(`${p}:${a}`)![k]),
      );
      // a period of all areas is the sum of its months
      t.sum(
        views.get(`${p}:all`)![k],
        months.filter((_, m) => inPeriod(p)(m)).map((s) => s[k]),
      );
    }
    t.sum(
      olds.get('all')![k],
      countedAreas.map((a) => olds.get(a)![k]),
    );
    t.sum(
      olds.get('all')![k],
      months.filter((_, m) => old(m)).map((s) => s[k]),
    );
    // twelve months are the last three and the nine before, in every area
    for (const area of viewAreas)
      t.sum(views.get(`12m:${area}`)![k], [views.get(`3m:${area}`)![k], olds.get(area)![k]]);
  }
  const cells = t.protect();
  const read = (s: Slots): { people: PeopleFigures; interactions: InteractionFigures } => {
    const c = (i: number): Cell => cells[i]!;
    return {
      people: {
        tookPart: c(s.tookPart),
        crossSector: c(s.crossSector),
        notCrossSector: c(s.notCrossSector),
        crossDistrict: c(s.crossDistrict),
        notCrossDistrict: c(s.notCrossDistrict),
        crossSectorShare: shareOf(c(s.crossSector), c(s.tookPart)),
        crossDistrictShare: shareOf(c(s.crossDistrict), c(s.tookPart)),
      },
      interactions: {
        total: c(s.total),
        online: c(s.online),
        offline: c(s.offline),
        onlineShare: shareOf(c(s.online), c(s.total)),
      },
    };
  };
  return {
    view: (p: Period, area: ViewArea) => read(views.get(`${p}:${area}`)!),
    month: (m: number) => read(months[m]!),
  };
}

/** Circle interactions are shown only as one anonymous count of at least five, by at least five people. */
export const minCircleInteractions = 5;

export function computeSnapshot(input: SnapshotInput): ComputedSnapshot {
  const N = input.nodes.length;
  const people = peopleCells(input);
  const seed = 7;
  const views: ComputedView[] = [];
  for (const period of periods) {
    for (const area of viewAreas) {
      const sums = new Map<number, number>();
      const t = input.viewTies;
      const areaIndex = area === 'all' ? -1 : countedAreas.indexOf(area);
      for (let i = 0; i < t.u.length; i++) {
        if (areaIndex >= 0 && t.area[i] !== areaIndex) continue;
        if (period === '3m' && !t.recent[i]) continue;
        const k = t.u[i]! * N + t.v[i]!;
        sums.set(k, (sums.get(k) ?? 0) + t.weight[i]!);
      }
      views.push(computeView(input, sliceGraph(input, sums), period, area, people.view(period, area), seed));
    }
  }
  const trend: MonthFigures[] = input.months.map((month, m) => {
    const sums = new Map<number, number>();
    const t = input.monthTies;
    for (let i = 0; i < t.u.length; i++) {
      if (t.month[i] !== m) continue;
      const k = t.u[i]! * N + t.v[i]!;
      sums.set(k, (sums.get(k) ?? 0) + t.weight[i]!);
    }
    return { month, ...graphFigures(sliceGraph(input, sums), seed).figures, ...people.month(m) };
  });
  return { views, trend };
}

function computeView(
  input: SnapshotInput,
  s: SliceGraph,
  period: Period,
  area: ViewArea,
  aboutPeople: { people: PeopleFigures; interactions: InteractionFigures },
  seed: number,
): ComputedView {
  const { g } = s;
  const { figures, communities, cuts, bridgeList } = graphFigures(s, seed);
  const bc = betweenness(g, { exactUpTo: 5000, samples: 1000, seed });
  const cons = constraint(g);
  const eff = effectiveSize(g);
  const roles = brokerage(g, s.sector);
  const cut = new Set(cuts);
  const isBridge = new Set(bridgeList.map(([a, b]) => a * g.n + b));
  const nodes: NodeView[] = [];
  for (let i = 0; i < g.n; i++) {
    const node = input.nodes[s.nodeOf[i]!]!;
    let strength = 0;
    for (let k = g.offsets[i]!; k < g.offsets[i + 1]!; k++) strength += g.weights[k]!;
    nodes.push({
      id: node.id,
      type: node.type,
      name: node.name,
      slug: node.slug,
      sector: node.sector,
      districtId: node.districtId,
      degree: g.offsets[i + 1]! - g.offsets[i]!,
      strength,
      betweenness: bc.values[i]!,
      constraint: num(cons[i]!),
      effectiveSize: eff[i]!,
      brokerage: {
        coordinator: roles.coordinator[i]!,
        itinerant: roles.itinerant[i]!,
        gatekeeper: roles.gatekeeper[i]!,
        representative: roles.representative[i]!,
        liaison: roles.liaison[i]!,
      },
      cutVertex: cut.has(i),
      community: communities.membership[i]!,
    });
  }
  const ties: TieView[] = s.ties
    .map(([a, b, w]): [number, number, number] => (a < b ? [a, b, w] : [b, a, w]))
    .map(([a, b, w]) => [a, b, w, isBridge.has(a * g.n + b) ? 1 : 0]);
  const circle =
    period === '12m' &&
    area === 'all' &&
    input.circle.interactions >= minCircleInteractions &&
    input.circle.people >= minCircleInteractions
      ? input.circle.interactions
      : null;
  return {
    period,
    area,
    figures: {
      ...figures,
      ...aboutPeople,
      circleInteractions: circle,
      betweenness: { exact: bc.exact, samples: bc.samples ?? null, error: bc.error ?? null },
      eiBySector: groupEi(g, s.sector, sectors),
      eiByDistrict: groupEi(g, s.district, input.districtIds),
    },
    nodes,
    ties,
  };
}

/**
 * The snapshot as the JSON its rows store. Done where it was computed (the worker thread): a big
 * network's views hold some 170 000 small arrays at size M, and cloning them back to the server's
 * thread and turning them into text there held up its requests; a string crosses at once.
 */
export function renderSnapshot(c: ComputedSnapshot): RenderedSnapshot {
  return {
    views: c.views.map((v) => ({
      period: v.period,
      area: v.area,
      figures: JSON.stringify(v.figures),
      nodes: JSON.stringify(v.nodes),
      ties: JSON.stringify(v.ties),
    })),
    trend: JSON.stringify(c.trend),
  };
}
