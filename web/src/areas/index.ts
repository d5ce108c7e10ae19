import { createElement } from 'react';
import type { RouteObject } from 'react-router';
import { type TextUnit, textsFor } from '../app/i18n.ts';
import { Loading } from '../app/ui.tsx';
import { RouteErrorPage } from '../features/feedback/ErrorPage.tsx';

/**
 * An area's pages, each loaded when first opened, behind the error page: one whose code or texts
 * cannot be fetched (after an update) or that fails shows a translated page with a way back. The
 * loader fetches the texts the pages speak (the area's own and those of the areas whose parts they
 * show) before a page appears; on a first visit the layout shows the polite loading text meanwhile.
 */
const guarded = (routes: RouteObject[], texts: TextUnit[]): RouteObject => ({
  errorElement: createElement(RouteErrorPage),
  loader: textsFor(...texts),
  HydrateFallback: Loading,
  children: routes,
});

interface Area {
  /** The first segment of each of its paths: opening one fetches the area's routes. */
  paths: string[];
  routes: () => Promise<RouteObject[]>;
  /** The texts its pages speak: its own, and those of the areas and features whose parts they show. */
  texts: TextUnit[];
}

/**
 * Every area, the one list the router (app/router.tsx) learns their pages from. Adding an area means
 * adding it here, with the first segments of its paths and the texts its pages need.
 */
const areas: Area[] = [
  {
    paths: ['teilen', 'tauschring'],
    routes: () => import('./sharing/index.ts').then((m) => m.routes),
    // a booking shows what it is committed to (codesign), a resource whom to ask (help); feeds (data)
    texts: ['sharing', 'codesign', 'help', 'data'],
  },
  {
    paths: ['zeitbank'],
    routes: () => import('./timebank/index.ts').then((m) => m.routes),
    texts: ['timebank', 'sharing'], // under the sharing navigation
  },
  {
    paths: ['mitmachen'],
    routes: () => import('./participation/index.ts').then((m) => m.routes),
    texts: ['participation', 'codesign', 'data'], // CommittedTo, MethodUsage; feeds
  },
  {
    paths: ['kreise'],
    routes: () => import('./support/index.ts').then((m) => m.routes),
    texts: ['support', 'timebank'], // accounts' names in the calendar
  },
  {
    paths: ['raeume', 'begegnungen'],
    routes: () => import('./places/index.ts').then((m) => m.routes),
    texts: ['places', 'data'],
  },
  {
    paths: ['wissen'],
    routes: () => import('./knowledge/index.ts').then((m) => m.routes),
    texts: ['knowledge', 'data'],
  },
  {
    paths: ['mitgestalten'],
    routes: () => import('./codesign/index.ts').then((m) => m.routes),
    texts: ['codesign'],
  },
];

const found = new Set<Area>();

/**
 * The pages of the area that `path` belongs to, the first time it is opened (the router's
 * `patchRoutesOnNavigation`): the start bundle holds no area's route table, only their first
 * path segments. Null for a path of no area, or of an area already there.
 */
export async function areaRoutesFor(path: string): Promise<RouteObject | null> {
  const first = path.replace(/^\//, '').split('/')[0] ?? '';
  const area = areas.find((a) => a.paths.includes(first));
  if (!area || found.has(area)) return null;
  const routes = await area.routes();
  if (found.has(area)) return null; // a navigation meanwhile found it
  found.add(area);
  return guarded(routes, area.texts);
}
