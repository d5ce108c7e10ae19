import type { RouteObject } from 'react-router';

// Commitments: the agreed measures as named commitments (a room or a loan, shifts, time credits, a task), linked both ways.

/** Its pages, each loaded when first opened (joined by ../routes.tsx). */
export const routes: RouteObject[] = [];
