import { lazy } from 'react';
import type { RouteObject } from 'react-router';

// Commitments: the agreed measures as named commitments (a room or a loan, shifts, time credits, a task), linked both ways.
const CommitmentsPage = lazy(() =>
  import('./CommitmentsPage.tsx').then((m) => ({ default: m.CommitmentsPage })),
);

/** Its pages, each loaded when first opened (joined by ../routes.tsx). */
export const routes: RouteObject[] = [
  { path: 'mitgestalten/projekte/:projectId/zusagen', element: <CommitmentsPage /> },
];
