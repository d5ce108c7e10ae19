import type { RouteObject } from 'react-router';
import { routes as accountability } from './accountability/routes.tsx';
import { routes as commitments } from './commitments/routes.tsx';
import { routes as consensus } from './consensus/routes.tsx';
import { routes as ideas } from './ideas/routes.tsx';
import { routes as offline } from './offline/routes.tsx';
import { routes as projects } from './projects/routes.tsx';
import { routes as surveys } from './surveys/routes.tsx';
import { routes as votes } from './votes/routes.tsx';

/**
 * Mitgestalten (/mitgestalten/…): the pages of its parts (projects, ideas, consensus, votes, surveys,
 * offline participation, commitments, accountability), each part in a folder of its own.
 */
export const routes: RouteObject[] = [
  ...projects,
  ...ideas,
  ...consensus,
  ...votes,
  ...surveys,
  ...offline,
  ...commitments,
  ...accountability,
];
