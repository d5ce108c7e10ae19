import type { Static } from '@fastify/type-provider-typebox';
import type {
  ProposalAnswer,
  ProposalList,
  ProposalView,
  StanceList,
  StanceView,
} from '../../../../../server/areas/codesign/consensus/routes/schema.ts';
import type { CodesignOutcome, CodesignStance } from '../../../../../server/db/schema.ts';

/** Consensus's shapes, derived from the server's schemas. */
export type { CodesignOutcome, CodesignStance };
export type Proposal = Static<typeof ProposalView>;
export type ProposalPage = Static<typeof ProposalList>;
export type ProposalResult = Static<typeof ProposalAnswer>;
export type Stance = Static<typeof StanceView>;
export type StancePage = Static<typeof StanceList>;

export const stanceKinds: readonly CodesignStance[] = ['agree', 'abstain', 'disagree', 'block'];
export const outcomeKinds: readonly CodesignOutcome[] = ['decided', 'not_decided', 'changed'];

/** Cached answers of the part, one root per resource (invalidate by prefix). */
export const consensusKeys = {
  proposals: (...rest: readonly unknown[]) => ['codesign', 'consensus', 'proposals', ...rest] as const,
  stances: (...rest: readonly unknown[]) => ['codesign', 'consensus', 'stances', ...rest] as const,
};
