/**
 * Räume & Brücken: the record of interactions online and offline between people and organisations —
 * the community graph every area adds to (platform/interactions.ts) — confirmed by the people in it.
 * Next: places and translocal communities, an events calendar, network analytics.
 */
import type { AreaManifest } from '../manifest.ts';
import { placesActivity } from './activity.ts';
import { interactionRoutes } from './routes/interactions/index.ts';
import { placesToday } from './today.ts';

export const placesArea: AreaManifest = {
  id: 'places',
  routes: [{ prefix: '/interactions', plugin: interactionRoutes }],
  /** interactions others logged with me, waiting for my consent */
  today: placesToday,
  activity: placesActivity,
};
