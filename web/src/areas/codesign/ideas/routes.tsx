import { lazy } from 'react';
import type { RouteObject } from 'react-router';

// Ideas: an ideas tool on a page of its own (the projects part shows it under the project, too).
const IdeasPage = lazy(() => import('./IdeasPage.tsx').then((m) => ({ default: m.IdeasPage })));

/** Its pages, each loaded when first opened (joined by ../routes.tsx). */
export const routes: RouteObject[] = [{ path: 'mitgestalten/ideen/:toolId', element: <IdeasPage /> }];
