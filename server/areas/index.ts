import { registerCalendarSources } from '../platform/calendar.ts';
import { codesignArea } from './codesign/index.ts';
import { knowledgeArea } from './knowledge/index.ts';
import type { AreaManifest } from './manifest.ts';
import { participationArea } from './participation/index.ts';
import { placesArea } from './places/index.ts';
import { sharingArea } from './sharing/index.ts';
import { supportArea } from './support/index.ts';
import { registerTransferSources, timebankArea } from './timebank/index.ts';

/**
 * Every area of the platform, the one list: the API routes (routes/api/index.ts), the background
 * jobs (platform/job-handlers.ts) and the demo town (seed/demo.ts) are put together from it, in this
 * order (the demo town's areas build on the ones before them). Adding an area means adding it here.
 */
export const areas: readonly AreaManifest[] = [
  timebankArea,
  sharingArea,
  supportArea,
  participationArea,
  knowledgeArea,
  codesignArea,
  // last: Räume & Brücken reads what every other area recorded (its bridges are made from the whole town)
  placesArea,
];

for (const area of areas) if (area.transferSources) registerTransferSources(area.transferSources);
// the one calendar across all areas (platform/calendar.ts) asks each area's sources; the time bank has none
for (const area of areas)
  if (area.calendar && area.id !== 'timebank') registerCalendarSources(area.id, area.calendar);
