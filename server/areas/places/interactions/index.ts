/**
 * Interactions: the record of who met whom, online and offline — the community graph every area adds
 * to (platform/interactions.ts) — with the interactions people log by hand and confirm.
 */
import type { AreaPart } from '../../parts.ts';
import { placesActivity } from './activity.ts';
import { interactionRoutes } from './routes/interactions/index.ts';
import { interactionsToday } from './today.ts';

export const interactionsPart: AreaPart = {
  routes: [{ prefix: '/interactions', plugin: interactionRoutes }],
  /** interactions others logged with me, waiting for my consent */
  today: interactionsToday,
  activity: placesActivity,
};
