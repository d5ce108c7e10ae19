/** Accountability: who is affected vs who took part, the outcome, the review, the method library. */
import type { AreaPart } from '../../parts.ts';

export const accountabilityPart: AreaPart = {
  routes: [],
};
