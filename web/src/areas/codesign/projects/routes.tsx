import type { RouteObject } from 'react-router';

// Projects: co-design projects, their organisations, phases, tools, participants and timeline.

/** Its pages, each loaded when first opened (joined by ../routes.tsx). */
export const routes: RouteObject[] = [];
