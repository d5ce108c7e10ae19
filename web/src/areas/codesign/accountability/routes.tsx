import { lazy } from 'react';
import type { RouteObject } from 'react-router';

// Accountability: who is affected vs who took part, the outcome, the review, the method library.
const ImpactPage = lazy(() => import('./ImpactPage.tsx'));

/** Its pages, each loaded when first opened (joined by ../routes.tsx). */
export const routes: RouteObject[] = [
  { path: 'mitgestalten/projekte/:projectId/wirkung', element: <ImpactPage /> },
];
