import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { signedIn } from '../../../app/RequireAccount.tsx';

const MapReportsPage = lazy(() => import('./MapReportsPage.tsx'));
const NewReportPage = lazy(() => import('./NewReportPage.tsx'));
const ReportPage = lazy(() => import('./ReportPage.tsx'));
const EditReportPage = lazy(() => import('./EditReportPage.tsx'));

/** The neighbourhood knowledge map: the map and its list, filing a report, a report, changing one's own. */
export const routes: RouteObject[] = [
  { path: 'wissen/karte', element: <MapReportsPage /> },
  { path: 'wissen/karte/neu', element: signedIn(<NewReportPage />) },
  { path: 'wissen/karte/:id', element: <ReportPage /> },
  { path: 'wissen/karte/:id/bearbeiten', element: signedIn(<EditReportPage />) },
];
