import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { signedIn } from '../../../app/RequireAccount.tsx';

// News: the list, a post with its comments, writing and editing, each fetched when opened.
const NewsListPage = lazy(() => import('./NewsListPage.tsx').then((m) => ({ default: m.NewsListPage })));
const NewsPostPage = lazy(() => import('./NewsPostPage.tsx').then((m) => ({ default: m.NewsPostPage })));
const NewsCreatePage = lazy(() =>
  import('./NewsCreatePage.tsx').then((m) => ({ default: m.NewsCreatePage })),
);
const NewsEditPage = lazy(() => import('./NewsEditPage.tsx').then((m) => ({ default: m.NewsEditPage })));

/** Its pages, each loaded when first opened (joined by ../routes.tsx). */
export const routes: RouteObject[] = [
  { path: 'wissen/neuigkeiten', element: <NewsListPage /> },
  { path: 'wissen/neuigkeiten/neu', element: signedIn(<NewsCreatePage />) },
  { path: 'wissen/neuigkeiten/:id', element: <NewsPostPage /> },
  { path: 'wissen/neuigkeiten/:id/bearbeiten', element: signedIn(<NewsEditPage />) },
];
