import { lazy } from 'react';
import type { RouteObject } from 'react-router';

const PlacesHomePage = lazy(() => import('./PlacesHomePage.tsx'));

/** /raeume: the area's home, with a tile into each part. */
export const routes: RouteObject[] = [{ path: 'raeume', element: <PlacesHomePage /> }];
