import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { signedIn } from '../../app/RequireAccount.tsx';

// fetched when opened
const TimebankPage = lazy(() => import('./TimebankPage.tsx').then((m) => ({ default: m.TimebankPage })));
const StatementPage = lazy(() => import('./StatementPage.tsx').then((m) => ({ default: m.StatementPage })));
const TransferPage = lazy(() => import('./TransferPage.tsx').then((m) => ({ default: m.TransferPage })));

/** Zeitbank: accounts, statement and transfers. */
export const routes: RouteObject[] = [
  { path: 'zeitbank', element: signedIn(<TimebankPage />) },
  { path: 'zeitbank/kontoauszug', element: signedIn(<StatementPage />) },
  { path: 'zeitbank/ueberweisungen/:id', element: signedIn(<TransferPage />) },
];
