import { lazy } from 'react';
import type { RouteObject } from 'react-router';

// Votes: dot voting with a budget of dots per person, and ranking. In a project the pages of
// ../tools.tsx show them; this is a vote's short link of its own.
const VotePage = lazy(() => import('./VotePage.tsx').then((m) => ({ default: m.VotePage })));

/** Its pages, each loaded when first opened (joined by ../routes.tsx). */
export const routes: RouteObject[] = [{ path: 'mitgestalten/abstimmungen/:toolId', element: <VotePage /> }];
