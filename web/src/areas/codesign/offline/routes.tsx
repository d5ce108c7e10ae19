import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { signedIn } from '../../../app/RequireAccount.tsx';

// Offline: assisted participation with consent, taking contributions over, meeting records, paper kits and tallies.
const AssistedPage = lazy(() => import('./AssistedPage.tsx'));
const PaperKitPage = lazy(() => import('./PaperKitPage.tsx'));
const TallyPage = lazy(() => import('./TallyPage.tsx'));
const ClaimPage = lazy(() => import('./ClaimPage.tsx'));
const MeetingRecordPage = lazy(() => import('./MeetingRecordPage.tsx'));

/** Its pages, each loaded when first opened (joined by ../routes.tsx). */
export const routes: RouteObject[] = [
  { path: 'mitgestalten/projekte/:projectId/mit-unterstuetzung', element: signedIn(<AssistedPage />) },
  { path: 'mitgestalten/projekte/:projectId/werkzeuge/:toolId/papier', element: <PaperKitPage /> },
  {
    path: 'mitgestalten/projekte/:projectId/werkzeuge/:toolId/auszaehlung',
    element: signedIn(<TallyPage />),
  },
  { path: 'mitgestalten/projekte/:projectId/werkzeuge/:toolId/protokoll', element: <MeetingRecordPage /> },
  { path: 'mitgestalten/uebernehmen', element: signedIn(<ClaimPage />) },
];
