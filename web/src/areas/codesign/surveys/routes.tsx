import type { RouteObject } from 'react-router';

// Surveys: questions of the usual types, anonymous or named, results with the small-cell rule.

/** Its pages, each loaded when first opened (joined by ../routes.tsx). */
export const routes: RouteObject[] = [];
