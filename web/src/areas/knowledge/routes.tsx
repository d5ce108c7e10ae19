import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { routes as digests } from './digests/routes.tsx';
import { routes as discussions } from './discussions/routes.tsx';
import { routes as dossiers } from './dossiers/routes.tsx';
import { routes as freshness } from './freshness/routes.tsx';
import { routes as news } from './news/routes.tsx';
import { routes as reports } from './reports/routes.tsx';
import { routes as wiki } from './wiki/routes.tsx';

/**
 * Wissen (/wissen/…): the pages of its parts — wiki, news, discussions, the neighbourhood knowledge
 * map, dossiers, following and digests, freshness — each part in a folder of its own.
 */
const KnowledgeHomePage = lazy(() => import('./KnowledgeHomePage.tsx'));

export const routes: RouteObject[] = [
  { path: 'wissen', element: <KnowledgeHomePage /> },
  ...wiki,
  ...freshness,
  ...news,
  ...discussions,
  ...reports,
  ...dossiers,
  ...digests,
];
