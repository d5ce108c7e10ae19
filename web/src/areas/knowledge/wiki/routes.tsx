import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { signedIn } from '../../../app/RequireAccount.tsx';

const WikiListPage = lazy(() => import('./WikiListPage.tsx').then((m) => ({ default: m.WikiListPage })));
const WikiPageView = lazy(() => import('./WikiPageView.tsx').then((m) => ({ default: m.WikiPageView })));
const WikiEditPage = lazy(() => import('./WikiEditPage.tsx').then((m) => ({ default: m.WikiEditPage })));
const WikiCreatePage = lazy(() => import('./WikiEditPage.tsx').then((m) => ({ default: m.WikiCreatePage })));
const WikiRevisionsPage = lazy(() =>
  import('./WikiRevisionsPage.tsx').then((m) => ({ default: m.WikiRevisionsPage })),
);

/** Its pages, each loaded when first opened (joined by ../routes.tsx). */
export const routes: RouteObject[] = [
  { path: 'wissen/wiki', element: <WikiListPage /> },
  { path: 'wissen/wiki/neu', element: signedIn(<WikiCreatePage />) },
  { path: 'wissen/wiki/:id', element: <WikiPageView /> },
  { path: 'wissen/wiki/:id/bearbeiten', element: signedIn(<WikiEditPage />) },
  { path: 'wissen/wiki/:id/versionen', element: <WikiRevisionsPage /> },
];
