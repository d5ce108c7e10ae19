/**
 * Räume & Brücken: networks across places and milieus. Each part lives in a folder of its own
 * (../parts.ts says what a part brings); this manifest joins them. Today: the record of interactions
 * online and offline that every area adds to, confirmed by the people in it.
 */
import { joinParts } from '../parts.ts';
import { bridgesPart } from './bridges/index.ts';
import { interactionsPart } from './interactions/index.ts';

/** The parts, in the order their demo town is built (bridges last: it reads what the others made). */
export const placesArea = joinParts('places', [interactionsPart, bridgesPart]);
