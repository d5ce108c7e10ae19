/**
 * What the interactions API answers, derived from the server's response schema
 * (server/areas/places/routes/interactions/index.ts). Type-only import: nothing reaches the bundle.
 */
import type { Static } from '@fastify/type-provider-typebox';
import type { InteractionView } from '../../../../../server/areas/places/interactions/routes/interactions/index.ts';

/** The six areas of the network (server: db/schema.ts `areas`), in the order the product names them. */
export const areas = ['knowledge', 'participation', 'codesign', 'sharing', 'support', 'places'] as const;
export type Area = (typeof areas)[number];

export type Interaction = Static<typeof InteractionView>;
