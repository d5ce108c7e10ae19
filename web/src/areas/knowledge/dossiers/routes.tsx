import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { signedIn } from '../../../app/RequireAccount.tsx';

const ListPage = lazy(() => import('./ListPage.tsx').then((m) => ({ default: m.ListPage })));
const DraftsPage = lazy(() => import('./OwnListPage.tsx').then((m) => ({ default: m.DraftsPage })));
const InboxPage = lazy(() => import('./OwnListPage.tsx').then((m) => ({ default: m.InboxPage })));
const CreatePage = lazy(() => import('./CreatePage.tsx').then((m) => ({ default: m.CreatePage })));
const DossierPage = lazy(() => import('./DossierPage.tsx').then((m) => ({ default: m.DossierPage })));

/** Its pages, each loaded when first opened (joined by ../routes.tsx). */
export const routes: RouteObject[] = [
  { path: 'wissen/dossiers', element: <ListPage /> },
  { path: 'wissen/dossiers/neu', element: signedIn(<CreatePage />) },
  { path: 'wissen/dossiers/entwuerfe', element: signedIn(<DraftsPage />) },
  { path: 'wissen/dossiers/posteingang', element: signedIn(<InboxPage />) },
  { path: 'wissen/dossiers/:id', element: <DossierPage /> },
];
