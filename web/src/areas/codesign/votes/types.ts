/**
 * What the votes API answers, derived from the server's schemas
 * (server/areas/codesign/votes/routes/votes/schema.ts). Type-only imports: nothing reaches the bundle.
 */
import type { Static } from '@fastify/type-provider-typebox';
import type { OptionView, VoteView } from '../../../../../server/areas/codesign/votes/routes/votes/schema.ts';

export type Vote = Static<typeof VoteView>;
export type VoteOption = Static<typeof OptionView>;
