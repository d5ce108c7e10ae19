/**
 * The shapes of /api/v1/circles/:id/map…, derived from the server's response schemas
 * (server/areas/support/routes/circles/schema.ts, network map). Type-only imports: nothing reaches
 * the bundle. The lists below stay values: the map lays itself out by them.
 */
import type { Static } from '@fastify/type-provider-typebox';
import type {
  CompareView,
  EntryView,
  Figures as FiguresSchema,
  MapView as MapViewSchema,
  SnapshotSummary as SnapshotSummarySchema,
  SnapshotView as SnapshotViewSchema,
  TieView,
} from '../../../../../server/areas/support/routes/circles/schema.ts';

export const sectors = ['family', 'friends_neighbours', 'work_school_clubs', 'professional'] as const;
export type Sector = (typeof sectors)[number];
export const qualities = ['supportive', 'ambivalent', 'conflict'] as const;
export type Quality = (typeof qualities)[number];
export const supportKinds = ['practical', 'emotional', 'information', 'care', 'money'] as const;
export type Support = (typeof supportKinds)[number];
export const rings = [1, 2, 3] as const;

/** displayLabel: initials unless the person may be named; label: only for those who may see it. */
export type MapEntry = Static<typeof EntryView>;

export type MapTie = Static<typeof TieView>;

export type Figures = Static<typeof FiguresSchema>;

export type MapView = Static<typeof MapViewSchema>;

export type SnapshotSummary = Static<typeof SnapshotSummarySchema>;

export type SnapshotView = Static<typeof SnapshotViewSchema>;

export type Comparison = Static<typeof CompareView>;

/** How an entry is marked when two states of the map are laid over each other. */
export type Mark = 'added' | 'removed' | 'changed';
