/** The neighbourhood knowledge map (Bürgerwissen): reports and notes on a place, their status, "me too", GeoJSON. */
import type { KnowledgePart } from '../part.ts';

export const reportsPart: KnowledgePart = {
  routes: [],
};
