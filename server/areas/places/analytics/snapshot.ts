import type { Area, Sector } from '../../../db/schema.ts';

/**
 * The shape of a snapshot of the network analytics: what the job computes (compute.ts), stores
 * (places_analytics_snapshot, places_analytics_view) and the pages read. Organisations and
 * communities only; every figure about people is a `Cell` that the small-cell rule has already been
 * applied to (privacy.ts). No field ever names or counts one person.
 */

/** The periods a coordinator can choose: the last 3 or 12 whole months before the snapshot. */
export const periods = ['3m', '12m'] as const;
export type Period = (typeof periods)[number];
export const periodMonths: Record<Period, number> = { '3m': 3, '12m': 12 };

/** The areas whose interactions a view can be narrowed to; support circles are never one of them. */
export const viewAreas = ['all', 'knowledge', 'participation', 'codesign', 'sharing', 'places'] as const;
export type ViewArea = (typeof viewAreas)[number];
export type CountedArea = Exclude<ViewArea, 'all'>;
export const countedAreas = viewAreas.filter((a): a is CountedArea => a !== 'all');
/** The one area that never enters, except as an anonymous count. */
export const circleArea: Area = 'support';

/** How many months a snapshot looks back (its trend), and how many permutations the E-I baseline takes. */
export const snapshotMonths = 12;
export const eiPermutations = 1000;

/** A figure about people after the small-cell rule: its value, or null and `suppressed`. */
export interface Cell {
  value: number | null;
  suppressed: boolean;
}

export interface EiSummary {
  /** (E − I) / (E + I) over ties between grouped nodes */
  ei: number | null;
  /** what the group sizes give by chance */
  expected: number | null;
  /** −1 … +1 relative to what the group sizes allow; 0 = as by chance */
  rescaled: number | null;
  /** share of random relabellings at least as far from `expected` */
  p: number | null;
  internal: number;
  external: number;
}

export interface GroupEi {
  /** a sector, or a district's id */
  group: string;
  ei: number | null;
  internal: number;
  external: number;
}

/** The figures of one graph: a view (period × area) or one month of the trend. */
export interface GraphFigures {
  nodes: number;
  ties: number;
  eiSector: EiSummary;
  eiDistrict: EiSummary;
  crossSectorShare: number | null;
  crossDistrictShare: number | null;
  assortativitySector: number | null;
  assortativityDistrict: number | null;
  modularity: number | null;
  communities: number;
  cutVertices: number;
  bridges: number;
}

/** Aggregate figures about the people behind the interactions, each a protected cell. */
export interface PeopleFigures {
  tookPart: Cell;
  crossSector: Cell;
  notCrossSector: Cell;
  crossDistrict: Cell;
  notCrossDistrict: Cell;
  /** share of those who took part whose contacts span at least two sectors; null when hidden */
  crossSectorShare: number | null;
  crossDistrictShare: number | null;
}

export interface InteractionFigures {
  total: Cell;
  online: Cell;
  offline: Cell;
  onlineShare: number | null;
}

export interface ViewFigures extends GraphFigures {
  people: PeopleFigures;
  interactions: InteractionFigures;
  /** interactions in support circles, only as this one count and only when ≥ 5 (12 months, all areas) */
  circleInteractions: number | null;
  betweenness: { exact: boolean; samples: number | null; error: number | null };
  eiBySector: GroupEi[];
  eiByDistrict: GroupEi[];
}

export type NodeType = 'organisation' | 'community';

/** One organisation or community in a view, with its measures. */
export interface NodeView {
  id: string;
  type: NodeType;
  name: string;
  slug: string;
  /** organisations only */
  sector: Sector | null;
  districtId: string | null;
  degree: number;
  strength: number;
  betweenness: number;
  constraint: number | null;
  effectiveSize: number;
  brokerage: {
    coordinator: number;
    itinerant: number;
    gatekeeper: number;
    representative: number;
    liaison: number;
  };
  cutVertex: boolean;
  /** the Louvain community it falls in (0 …) */
  community: number;
}

/** A tie between two nodes of the view (indexes into `nodes`), its weight and whether it is a bridge. */
export type TieView = [a: number, b: number, weight: number, bridge: 0 | 1];

export interface MonthFigures extends GraphFigures {
  /** 'YYYY-MM' */
  month: string;
  people: PeopleFigures;
  interactions: InteractionFigures;
}

export interface ComputedView {
  period: Period;
  area: ViewArea;
  figures: ViewFigures;
  nodes: NodeView[];
  ties: TieView[];
}

export interface ComputedSnapshot {
  views: ComputedView[];
  trend: MonthFigures[];
}

/** A computed snapshot as JSON text, ready to be written (compute.ts renderSnapshot). */
export interface RenderedSnapshot {
  views: { period: Period; area: ViewArea; figures: string; nodes: string; ties: string }[];
  trend: string;
}
