import { lazy } from 'react';
import type { RouteObject } from 'react-router';

// Consensus: proposals decided by agree / abstain / disagree / block, outcomes and review dates.
const StandaloneToolPage = lazy(() => import('./StandaloneToolPage.tsx'));

/**
 * Its pages, each loaded when first opened (joined by ../routes.tsx). The tool's page normally sits
 * under the projects part's header at the same address (its route comes first in the join and wins);
 * this one stands in for it until then, so the page can be reached and tested on its own.
 */
export const routes: RouteObject[] = [
  { path: 'mitgestalten/projekte/:projectId/werkzeuge/:toolId', element: <StandaloneToolPage /> },
];
