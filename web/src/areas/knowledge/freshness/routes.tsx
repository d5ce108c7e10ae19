import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { signedIn } from '../../../app/RequireAccount.tsx';

const StaleListPage = lazy(() => import('./StaleListPage.tsx').then((m) => ({ default: m.StaleListPage })));
const CheckPage = lazy(() => import('./CheckPage.tsx').then((m) => ({ default: m.CheckPage })));

/** Its pages, each loaded when first opened (joined by ../routes.tsx): the list of stale content, and one thing's check. */
export const routes: RouteObject[] = [
  { path: 'wissen/aktualitaet', element: signedIn(<StaleListPage />) },
  { path: 'wissen/aktualitaet/:targetType/:targetId', element: <CheckPage /> },
];
