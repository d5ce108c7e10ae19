import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { signedIn } from '../../../app/RequireAccount.tsx';

// Communities: the list, making one, a community's page and its management, each fetched when opened.
const CommunityListPage = lazy(() =>
  import('./CommunityListPage.tsx').then((m) => ({ default: m.CommunityListPage })),
);
const CommunityCreatePage = lazy(() =>
  import('./CommunityCreatePage.tsx').then((m) => ({ default: m.CommunityCreatePage })),
);
const CommunityPage = lazy(() => import('./CommunityPage.tsx').then((m) => ({ default: m.CommunityPage })));
const CommunityManagePage = lazy(() =>
  import('./CommunityManagePage.tsx').then((m) => ({ default: m.CommunityManagePage })),
);

/** Its pages, each loaded when first opened (joined by ../routes.tsx). */
export const routes: RouteObject[] = [
  { path: 'raeume/gemeinschaften', element: <CommunityListPage /> },
  { path: 'raeume/gemeinschaften/neu', element: signedIn(<CommunityCreatePage />) },
  { path: 'raeume/gemeinschaften/:slug', element: <CommunityPage /> },
  { path: 'raeume/gemeinschaften/:slug/verwalten', element: signedIn(<CommunityManagePage />) },
];
