/** The shapes of /api/v1/circles/:id/map… (server/routes/api/circles/schema.ts, network map). */
export const sectors = ['family', 'friends_neighbours', 'work_school_clubs', 'professional'] as const;
export type Sector = (typeof sectors)[number];
export const qualities = ['supportive', 'ambivalent', 'conflict'] as const;
export type Quality = (typeof qualities)[number];
export const supportKinds = ['practical', 'emotional', 'information', 'care', 'money'] as const;
export type Support = (typeof supportKinds)[number];
export const rings = [1, 2, 3] as const;

export interface MapEntry {
  id: string;
  sector: Sector;
  ring: number;
  /** Initials unless the person may be named (consent or an account of their own). */
  displayLabel: string;
  /** The full label: only for those who may see it (owner, coordination). */
  label?: string;
  showLabel: boolean;
  accountId: string | null;
  quality: Quality;
  support: Support[];
  note: string;
}

export interface MapTie {
  id: string;
  a: string;
  b: string;
  quality: Quality;
  support: Support[];
}

export interface Figures {
  size: number;
  perSector: Record<Sector, number>;
  perRing: Record<'1' | '2' | '3', number>;
  professionalShare: number;
  supportiveTies: number;
  conflictTies: number;
}

export interface MapView {
  personLabel: string;
  entries: MapEntry[];
  ties: MapTie[];
  figures: Figures;
  abilities: { edit: boolean };
}

export interface SnapshotSummary {
  id: string;
  title: string;
  takenAt: string;
  figures: Figures;
}

export interface SnapshotView extends SnapshotSummary {
  entries: MapEntry[];
  ties: MapTie[];
}

export interface Comparison {
  from: { id: string; takenAt: string; figures: Figures };
  to: { id: string | null; takenAt: string; figures: Figures };
  added: MapEntry[];
  removed: MapEntry[];
  changed: { before: MapEntry; after: MapEntry; fields: string[] }[];
}

/** How an entry is marked when two states of the map are laid over each other. */
export type Mark = 'added' | 'removed' | 'changed';
