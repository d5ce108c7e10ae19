/** Commitments: the agreed measures as named commitments (a room or a loan, shifts, time credits, a task), linked both ways. */
import type { AreaPart } from '../../parts.ts';

export const commitmentsPart: AreaPart = {
  routes: [],
};
