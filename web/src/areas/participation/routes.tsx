import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { signedIn } from '../../app/RequireAccount.tsx';

// Mitmachen: discovery, map (Leaflet), shifts, hours, coordination and the playbook, each fetched when opened.
const OpportunitiesPage = lazy(() => import('./ListPage.tsx'));
const OpportunityMapPage = lazy(() => import('./MapPage.tsx'));
const OpportunityPage = lazy(() => import('./OpportunityPage.tsx'));
const OpportunityCreatePage = lazy(() =>
  import('./OpportunityCreatePage.tsx').then((m) => ({ default: m.OpportunityCreatePage })),
);
const OpportunityEditPage = lazy(() =>
  import('./OpportunityEditPage.tsx').then((m) => ({ default: m.OpportunityEditPage })),
);
const MyShiftsPage = lazy(() => import('./MyShiftsPage.tsx').then((m) => ({ default: m.MyShiftsPage })));
const HoursPage = lazy(() => import('./HoursPage.tsx').then((m) => ({ default: m.HoursPage })));
const CoordinationPage = lazy(() =>
  import('./CoordinationPage.tsx').then((m) => ({ default: m.CoordinationPage })),
);
const RosterPage = lazy(() => import('./RosterPage.tsx').then((m) => ({ default: m.RosterPage })));
const PlaybookListPage = lazy(() =>
  import('./PlaybookListPage.tsx').then((m) => ({ default: m.PlaybookListPage })),
);
const PlaybookPage = lazy(() => import('./PlaybookPage.tsx').then((m) => ({ default: m.PlaybookPage })));
const PlaybookCreatePage = lazy(() =>
  import('./PlaybookCreatePage.tsx').then((m) => ({ default: m.PlaybookCreatePage })),
);
const PlaybookEditPage = lazy(() =>
  import('./PlaybookEditPage.tsx').then((m) => ({ default: m.PlaybookEditPage })),
);
const PlaybookRevisionsPage = lazy(() =>
  import('./PlaybookRevisionsPage.tsx').then((m) => ({ default: m.PlaybookRevisionsPage })),
);

/** Mitmachen: discovery, map, shifts, hours, coordination and the playbook. */
export const routes: RouteObject[] = [
  { path: 'mitmachen', element: <OpportunitiesPage /> },
  { path: 'mitmachen/karte', element: <OpportunityMapPage /> },
  { path: 'mitmachen/neu', element: signedIn(<OpportunityCreatePage />) },
  { path: 'mitmachen/meine', element: signedIn(<MyShiftsPage />) },
  { path: 'mitmachen/stunden', element: signedIn(<HoursPage />) },
  { path: 'mitmachen/koordination', element: signedIn(<CoordinationPage />) },
  { path: 'mitmachen/schichten/:id', element: signedIn(<RosterPage />) },
  { path: 'mitmachen/praxis', element: <PlaybookListPage /> },
  { path: 'mitmachen/praxis/neu', element: signedIn(<PlaybookCreatePage />) },
  { path: 'mitmachen/praxis/:id', element: <PlaybookPage /> },
  { path: 'mitmachen/praxis/:id/bearbeiten', element: signedIn(<PlaybookEditPage />) },
  { path: 'mitmachen/praxis/:id/versionen', element: <PlaybookRevisionsPage /> },
  { path: 'mitmachen/:id', element: <OpportunityPage /> },
  { path: 'mitmachen/:id/bearbeiten', element: signedIn(<OpportunityEditPage />) },
];
