import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { signedIn } from '../../app/RequireAccount.tsx';

// Teilen: catalogue, map (Leaflet), bookings, Tauschring, each fetched when opened.
const CataloguePage = lazy(() => import('./CataloguePage.tsx'));
const ResourceMapPage = lazy(() => import('./MapPage.tsx'));
const ResourcePage = lazy(() => import('./ResourcePage.tsx'));
const ResourceCreatePage = lazy(() =>
  import('./ResourceCreatePage.tsx').then((m) => ({ default: m.ResourceCreatePage })),
);
const ResourceEditPage = lazy(() =>
  import('./ResourceEditPage.tsx').then((m) => ({ default: m.ResourceEditPage })),
);
const MyBookingsPage = lazy(() =>
  import('./MyBookingsPage.tsx').then((m) => ({ default: m.MyBookingsPage })),
);
const BookingPage = lazy(() => import('./BookingPage.tsx').then((m) => ({ default: m.BookingPage })));
const RequestsPage = lazy(() => import('./RequestsPage.tsx').then((m) => ({ default: m.RequestsPage })));
const UtilisationPage = lazy(() =>
  import('./UtilisationPage.tsx').then((m) => ({ default: m.UtilisationPage })),
);
const ExchangePage = lazy(() => import('./ExchangePage.tsx').then((m) => ({ default: m.ExchangePage })));
const PostPage = lazy(() => import('./PostPage.tsx').then((m) => ({ default: m.PostPage })));

/** Teilen: catalogue, map, resources, bookings and the Tauschring. */
export const routes: RouteObject[] = [
  { path: 'teilen', element: <CataloguePage /> },
  { path: 'teilen/karte', element: <ResourceMapPage /> },
  { path: 'teilen/neu', element: signedIn(<ResourceCreatePage />) },
  { path: 'teilen/ressourcen/:id', element: <ResourcePage /> },
  { path: 'teilen/ressourcen/:id/bearbeiten', element: signedIn(<ResourceEditPage />) },
  { path: 'teilen/buchungen', element: signedIn(<MyBookingsPage />) },
  { path: 'teilen/buchungen/:id', element: signedIn(<BookingPage />) },
  { path: 'teilen/anfragen', element: signedIn(<RequestsPage />) },
  { path: 'teilen/auslastung', element: signedIn(<UtilisationPage />) },
  { path: 'tauschring', element: <ExchangePage /> },
  { path: 'tauschring/:id', element: <PostPage /> },
];
