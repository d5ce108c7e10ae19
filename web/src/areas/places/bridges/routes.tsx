import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { signedIn } from '../../../app/RequireAccount.tsx';

// Bridges worth building: the suggestions for one's organisations; for the coordinator all of them
// and the hit rate. Each page is fetched when first opened.
const BridgesPage = lazy(() => import('./BridgesPage.tsx').then((m) => ({ default: m.BridgesPage })));
const BridgePage = lazy(() => import('./BridgePage.tsx').then((m) => ({ default: m.BridgePage })));

/** Its pages (joined by ../routes.tsx). */
export const routes: RouteObject[] = [
  { path: 'raeume/bruecken', element: signedIn(<BridgesPage />) },
  { path: 'raeume/bruecken/:id', element: signedIn(<BridgePage />) },
];
