import type { RouteObject } from 'react-router';
import { routes as analytics } from './analytics/routes.tsx';
import { routes as bridges } from './bridges/routes.tsx';
import { routes as communities } from './communities/routes.tsx';
import { routes as events } from './events/routes.tsx';
import { routes as home } from './home/routes.tsx';
import { routes as interactions } from './interactions/routes.tsx';

/** Räume & Brücken: the pages of its parts, each part in a folder of its own. */
export const routes: RouteObject[] = [
  ...home,
  ...interactions,
  ...communities,
  ...events,
  ...analytics,
  ...bridges,
];
