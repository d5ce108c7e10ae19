import type { RouteObject } from 'react-router';

// Votes: dot voting with a budget of dots per person, and ranking.

/** Its pages, each loaded when first opened (joined by ../routes.tsx). */
export const routes: RouteObject[] = [];
