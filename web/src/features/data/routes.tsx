import { lazy } from 'react';
import type { RouteObject } from 'react-router';

const DataPage = lazy(() => import('./DataPage.tsx'));

/** "Daten & Schnittstellen": every feed, calendar, map layer and interface, for everyone. */
export const dataRoutes: RouteObject[] = [{ path: 'daten', element: <DataPage /> }];
