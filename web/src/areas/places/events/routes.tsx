import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { signedIn } from '../../../app/RequireAccount.tsx';

// The calendar and its events, each page fetched when first opened.
const CalendarPage = lazy(() => import('./CalendarPage.tsx'));
const EventPage = lazy(() => import('./EventPage.tsx'));
const EventCreatePage = lazy(() =>
  import('./EventEditPages.tsx').then((m) => ({ default: m.EventCreatePage })),
);
const EventEditPage = lazy(() => import('./EventEditPages.tsx').then((m) => ({ default: m.EventEditPage })));
const RegistrationsPage = lazy(() => import('./RegistrationsPage.tsx'));

/** The one calendar across all areas, an event, writing one, and the host's list of who registered. */
export const routes: RouteObject[] = [
  { path: 'raeume/kalender', element: <CalendarPage /> },
  { path: 'raeume/kalender/neu', element: signedIn(<EventCreatePage />) },
  { path: 'raeume/kalender/:id', element: <EventPage /> },
  { path: 'raeume/kalender/:id/bearbeiten', element: signedIn(<EventEditPage />) },
  { path: 'raeume/kalender/:id/anmeldungen', element: signedIn(<RegistrationsPage />) },
];
