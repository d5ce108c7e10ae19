import type { RouteObject } from 'react-router';
import { routes as events } from './events/routes.tsx';
import { routes as interactions } from './interactions/routes.tsx';

/** Räume & Brücken: the pages of its parts, each part in a folder of its own. */
export const routes: RouteObject[] = [...interactions, ...events];
