import type { RouteObject } from 'react-router';

/** Its pages, each loaded when first opened (joined by ../routes.tsx). */
export const routes: RouteObject[] = [];
