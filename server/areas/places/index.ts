/**
 * Räume & Brücken: networks across places and milieus. Each part lives in a folder of its own
 * (../parts.ts says what a part brings); this manifest joins them. Today: the record of interactions
 * online and offline that every area adds to, confirmed by the people in it; events of organisations and
 * communities and the one calendar across all areas.
 */
import { joinParts } from '../parts.ts';
import { eventsPart } from './events/index.ts';
import { interactionsPart } from './interactions/index.ts';

/** The parts, in the order their demo town is built. */
export const placesArea = joinParts('places', [interactionsPart, eventsPart]);
