/**
 * What the network analytics API answers, derived from the server's response schemas. Type-only
 * imports: nothing reaches the bundle.
 */
import type { Static } from '@fastify/type-provider-typebox';
import type { EgoView } from '../../../../../server/areas/places/analytics/routes/me/index.ts';
import type {
  NetworkView,
  NetworkTies as TiesSchema,
} from '../../../../../server/areas/places/analytics/routes/network/schema.ts';

export type Network = Static<typeof NetworkView>;
export type NetworkTies = Static<typeof TiesSchema>;
export type NetworkNode = Network['nodes'][number];
export type Figures = NonNullable<Network['figures']>;
export type Month = Network['trend'][number];
export type Ego = Static<typeof EgoView>;

export const periods = ['3m', '12m'] as const;
export const viewAreas = ['all', 'knowledge', 'participation', 'codesign', 'sharing', 'places'] as const;
export type Period = (typeof periods)[number];
export type ViewArea = (typeof viewAreas)[number];
