import type { RouteObject } from 'react-router';

// Offline: assisted participation with consent, taking contributions over, meeting records, paper kits and tallies.

/** Its pages, each loaded when first opened (joined by ../routes.tsx). */
export const routes: RouteObject[] = [];
