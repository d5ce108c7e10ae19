import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { signedIn } from '../../../app/RequireAccount.tsx';

// Discussions: the list, a new thread, the review queue and a thread, each fetched when opened.
const ThreadListPage = lazy(() =>
  import('./ThreadListPage.tsx').then((m) => ({ default: m.ThreadListPage })),
);
const NewThreadPage = lazy(() => import('./NewThreadPage.tsx').then((m) => ({ default: m.NewThreadPage })));
const ReviewPage = lazy(() => import('./ReviewPage.tsx').then((m) => ({ default: m.ReviewPage })));
const ThreadPage = lazy(() => import('./ThreadPage.tsx').then((m) => ({ default: m.ThreadPage })));

/** Its pages, each loaded when first opened (joined by ../routes.tsx). */
export const routes: RouteObject[] = [
  { path: 'wissen/diskussionen', element: <ThreadListPage /> },
  { path: 'wissen/diskussionen/neu', element: signedIn(<NewThreadPage />) },
  { path: 'wissen/diskussionen/pruefen', element: signedIn(<ReviewPage />) },
  { path: 'wissen/diskussionen/:id', element: <ThreadPage /> },
];
