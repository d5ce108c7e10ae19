/**
 * What the bridges API answers, derived from the server's response schemas
 * (server/areas/places/bridges/routes/suggestions/schema.ts). Type-only import: nothing reaches the bundle.
 */
import type { Static } from '@fastify/type-provider-typebox';
import type {
  BridgeList,
  BridgeView,
  HitRate,
} from '../../../../../server/areas/places/bridges/routes/suggestions/schema.ts';

export type Bridge = Static<typeof BridgeView>;
export type BridgeSide = Bridge['sides'][number];
export type Bridges = Static<typeof BridgeList>;
export type BridgeHitRate = Static<typeof HitRate>;
