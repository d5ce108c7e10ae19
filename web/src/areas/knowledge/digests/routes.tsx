import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { signedIn } from '../../../app/RequireAccount.tsx';

const FollowsPage = lazy(() => import('./FollowsPage.tsx').then((m) => ({ default: m.FollowsPage })));
const UnsubscribePage = lazy(() =>
  import('./UnsubscribePage.tsx').then((m) => ({ default: m.UnsubscribePage })),
);

/** Its pages, each loaded when first opened (joined by ../routes.tsx). */
export const routes: RouteObject[] = [
  { path: 'wissen/folgen', element: signedIn(<FollowsPage />) },
  // from the digest's link, without signing in; only the button there changes anything
  { path: 'wissen/abbestellen', element: <UnsubscribePage /> },
];
