import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { signedIn } from '../../app/RequireAccount.tsx';

// Räume & Brücken: one's interactions, fetched when opened.
const InteractionsPage = lazy(() =>
  import('./InteractionsPage.tsx').then((m) => ({ default: m.InteractionsPage })),
);

/** Räume & Brücken: one's interactions. */
export const routes: RouteObject[] = [{ path: 'begegnungen', element: signedIn(<InteractionsPage />) }];
