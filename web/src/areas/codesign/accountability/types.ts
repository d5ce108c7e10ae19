/**
 * What the accountability API answers, derived from the server's response schemas
 * (server/areas/codesign/accountability/routes/accountability/schema.ts). Type-only imports.
 */
import type { Static } from '@fastify/type-provider-typebox';
import type {
  AffectedView,
  MethodUsageView,
  OutcomeUpdateView,
  OutcomeView,
  ReachView,
  ReviewView,
  ToolMethodsView,
} from '../../../../../server/areas/codesign/accountability/routes/accountability/schema.ts';

export type Reach = Static<typeof ReachView>;
export type ReachRow = Reach['dimensions'][number]['rows'][number];
export type Dimension = Reach['dimensions'][number]['dimension'];
export type Affected = Static<typeof AffectedView>;
export type AffectedGroup = Affected['groups'][number];
export type OutcomeAnswer = Static<typeof OutcomeView>;
export type Outcome = NonNullable<OutcomeAnswer['outcome']>;
export type OutcomeStatus = Outcome['status'];
export type OutcomeUpdate = Static<typeof OutcomeUpdateView>;
export type Review = Static<typeof ReviewView>;
export type Stake = Review['judgedStakes'][number];
export type ToolMethods = Static<typeof ToolMethodsView>;
export type MethodUsage = Static<typeof MethodUsageView>;

export const outcomeStatuses: readonly OutcomeStatus[] = [
  'planned',
  'on_track',
  'delayed',
  'achieved',
  'partly_achieved',
  'not_achieved',
  'abandoned',
];
export const stakes: readonly Stake[] = [
  'service_user',
  'relative',
  'volunteer',
  'staff',
  'resident',
  'other',
];
export const ageBands = ['under_18', '18_29', '30_49', '50_64', '65_79', '80_plus'] as const;
export const dimensions: readonly Dimension[] = ['stake', 'age_band', 'district', 'language'];
