/** Consensus: proposals decided by agree / abstain / disagree / block, outcomes and review dates. */
import type { AreaPart } from '../../parts.ts';

export const consensusPart: AreaPart = {
  routes: [],
};
