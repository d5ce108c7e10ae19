/**
 * Räume & Brücken: networks across places and milieus. Each part lives in a folder of its own
 * (../parts.ts says what a part brings); this manifest joins them. Today: the record of interactions
 * online and offline that every area adds to, confirmed by the people in it; communities of interest
 * and identity beyond the district, whose discussions are Wissen's; the network analytics; bridges
 * worth building between organisations far apart.
 */
import { joinParts } from '../parts.ts';
import { analyticsPart } from './analytics/index.ts';
import { bridgesPart } from './bridges/index.ts';
import { communitiesPart } from './communities/index.ts';
import { interactionsPart } from './interactions/index.ts';

/**
 * The parts, in the order their demo town is built: the analytics after the communities (they are
 * nodes of the graph) and the interactions, so its first snapshot sees them; bridges last, as it
 * reads what the others made.
 */
export const placesArea = joinParts('places', [
  interactionsPart,
  communitiesPart,
  analyticsPart,
  bridgesPart,
]);
