import type { RouteObject } from 'react-router';

// Consensus: proposals decided by agree / abstain / disagree / block, outcomes and review dates. Its
// page is a tool page (../tools.tsx), shown under the project's header by the projects part.

/** Its pages, each loaded when first opened (joined by ../routes.tsx). */
export const routes: RouteObject[] = [];
