import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { signedIn } from '../../../app/RequireAccount.tsx';

// Projects: co-design projects, their organisations, phases, tools, participants and timeline.
const CodesignHomePage = lazy(() =>
  import('./CodesignHomePage.tsx').then((m) => ({ default: m.CodesignHomePage })),
);
const ProjectPage = lazy(() => import('./ProjectPage.tsx').then((m) => ({ default: m.ProjectPage })));
const ProjectCreatePage = lazy(() =>
  import('./ProjectCreatePage.tsx').then((m) => ({ default: m.ProjectCreatePage })),
);
const ProjectManagePage = lazy(() =>
  import('./ProjectManagePage.tsx').then((m) => ({ default: m.ProjectManagePage })),
);
const ToolPage = lazy(() => import('./ToolPage.tsx').then((m) => ({ default: m.ToolPage })));
const JoinByLinkPage = lazy(() =>
  import('./JoinByLinkPage.tsx').then((m) => ({ default: m.JoinByLinkPage })),
);

/** Its pages, each loaded when first opened (joined by ../routes.tsx). */
export const routes: RouteObject[] = [
  { path: 'mitgestalten', element: <CodesignHomePage /> },
  { path: 'mitgestalten/projekte/neu', element: signedIn(<ProjectCreatePage />) },
  { path: 'mitgestalten/projekte/:id', element: <ProjectPage /> },
  { path: 'mitgestalten/projekte/:id/verwalten', element: signedIn(<ProjectManagePage />) },
  { path: 'mitgestalten/projekte/:projectId/werkzeuge/:toolId', element: <ToolPage /> },
  { path: 'mitgestalten/beitreten', element: <JoinByLinkPage /> },
];
