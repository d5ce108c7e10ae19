import type { RouteObject } from 'react-router';

// Ideas: ideas and proposals with comments and pro/contra points; merging duplicates.

/** Its pages, each loaded when first opened (joined by ../routes.tsx). */
export const routes: RouteObject[] = [];
