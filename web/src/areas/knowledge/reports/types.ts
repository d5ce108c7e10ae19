/**
 * What the map's API answers, derived from the server's response schemas
 * (server/areas/knowledge/reports/routes/reports/schema.ts). Type-only imports: nothing reaches the
 * bundle. The lists stay values (the pages loop over them).
 */
import type { Static } from '@fastify/type-provider-typebox';
import type {
  FeatureCollection,
  NearbyItem,
  ReportItem,
  ReportPage,
  ReportView,
  SupportView,
} from '../../../../../server/areas/knowledge/reports/routes/reports/schema.ts';

export type MapReportItem = Static<typeof ReportItem>;
/** A page of the list; past the cap its total is a lower bound (`moreThanCounted`). */
export type MapReportPage = Static<typeof ReportPage>;
export type MapReport = Static<typeof ReportView>;
export type NearbyReport = Static<typeof NearbyItem>;
export type MapReportFeatures = Static<typeof FeatureCollection>;
export type Support = Static<typeof SupportView>;

export const kinds = ['defect', 'suggestion', 'good_place', 'missing_offer'] as const;
export type Kind = (typeof kinds)[number];
export const categories = [
  'mobility',
  'accessibility',
  'green',
  'safety',
  'cleanliness',
  'youth',
  'age',
  'culture',
  'health',
  'other',
] as const;
export type Category = (typeof categories)[number];
export const statuses = ['new', 'confirmed', 'forwarded', 'in_progress', 'done', 'rejected'] as const;
export type Status = (typeof statuses)[number];

/** The category a new report of each kind starts with (the person can change it). */
export const defaultCategory: Record<Kind, Category> = {
  defect: 'mobility',
  suggestion: 'green',
  good_place: 'green',
  missing_offer: 'age',
};
