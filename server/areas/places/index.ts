/**
 * Räume & Brücken: networks across places and milieus. Each part lives in a folder of its own
 * (../parts.ts says what a part brings); this manifest joins them. Today: the record of interactions
 * online and offline that every area adds to, confirmed by the people in it; communities of interest
 * and identity beyond the district, whose discussions are Wissen's; events of organisations and
 * communities and the one calendar across all areas; the network analytics; bridges worth building
 * between organisations far apart.
 */
import { joinParts } from '../parts.ts';
import { analyticsPart } from './analytics/index.ts';
import { bridgesPart } from './bridges/index.ts';
import { communitiesPart } from './communities/index.ts';
import { eventsPart } from './events/index.ts';
import { interactionsPart } from './interactions/index.ts';

/**
 * The parts, in the order their demo town is built: events after the communities (the Repair-Café
 * holds some), the analytics after both (communities are nodes of the graph, attendance an
 * interaction), so its first snapshot sees them; bridges last, as it reads what the others made.
 */
export const placesArea = joinParts('places', [
  interactionsPart,
  communitiesPart,
  eventsPart,
  analyticsPart,
  bridgesPart,
]);
