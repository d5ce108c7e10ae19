/**
 * What the commitments API answers, derived from the server's response schemas
 * (server/areas/codesign/commitments/routes/schema.ts). Type-only imports: nothing reaches the bundle.
 */
import type { Static } from '@fastify/type-provider-typebox';
import type {
  CommitmentOptions,
  CommitmentPage,
  CommitmentView,
  LinkedView,
} from '../../../../../server/areas/codesign/commitments/routes/schema.ts';
import type { CodesignCommitmentKind, CodesignCommitmentStatus } from '../../../../../server/db/schema.ts';

export type Commitment = Static<typeof CommitmentView>;
export type CommitmentList = Static<typeof CommitmentPage>;
export type Options = Static<typeof CommitmentOptions>;
export type Linked = Static<typeof LinkedView>;
export type Kind = CodesignCommitmentKind;
export type Status = CodesignCommitmentStatus;
export const kinds: readonly Kind[] = ['booking', 'loan', 'shifts', 'opportunity', 'credits', 'task'];
export const statuses: readonly Status[] = ['in_progress', 'planned', 'done', 'dropped'];
