import { createElement } from 'react';
import type { RouteObject } from 'react-router';
import { RouteErrorPage } from '../features/feedback/ErrorPage.tsx';
import { routes as codesign } from './codesign/index.ts';
import { routes as knowledge } from './knowledge/index.ts';
import { routes as participation } from './participation/index.ts';
import { routes as places } from './places/index.ts';
import { routes as sharing } from './sharing/index.ts';
import { routes as support } from './support/index.ts';
import { routes as timebank } from './timebank/index.ts';

/**
 * An area's pages, each loaded when first opened, behind the error page: one whose code cannot be
 * fetched (after an update) or that fails shows a translated page with a way back.
 */
const guarded = (routes: RouteObject[]): RouteObject => ({
  errorElement: createElement(RouteErrorPage),
  children: routes,
});

/**
 * The pages of every area, the one list the router (app/router.tsx) takes them from. Adding an area
 * means adding its routes here.
 */
export const areaRoutes: RouteObject[] = [
  sharing,
  timebank,
  participation,
  support,
  places,
  knowledge,
  codesign,
].map(guarded);
