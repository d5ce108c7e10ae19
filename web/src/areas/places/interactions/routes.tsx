import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { signedIn } from '../../../app/RequireAccount.tsx';

// One's interactions, fetched when opened.
const InteractionsPage = lazy(() =>
  import('./InteractionsPage.tsx').then((m) => ({ default: m.InteractionsPage })),
);

/** One's interactions: those one logged and those others logged with one, to confirm. */
export const routes: RouteObject[] = [{ path: 'begegnungen', element: signedIn(<InteractionsPage />) }];
