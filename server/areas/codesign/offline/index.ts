/** Offline: assisted participation with consent, taking contributions over, meeting records, paper kits and tallies. */
import type { AreaPart } from '../../parts.ts';

export const offlinePart: AreaPart = {
  routes: [],
};
