import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { signedIn } from '../../../app/RequireAccount.tsx';

// Each page fetched when opened; the graph drawing (sigma.js, WebGL) only when it is shown.
const NetworkPage = lazy(() => import('./NetworkPage.tsx').then((m) => ({ default: m.NetworkPage })));
const OwnNetworkPage = lazy(() =>
  import('./OwnNetworkPage.tsx').then((m) => ({ default: m.OwnNetworkPage })),
);

/** The organisation graph for coordinators, and one's own network for everyone signed in. */
export const routes: RouteObject[] = [
  { path: 'raeume/netzwerk', element: signedIn(<NetworkPage />) },
  { path: 'raeume/netzwerk/ich', element: signedIn(<OwnNetworkPage />) },
];
