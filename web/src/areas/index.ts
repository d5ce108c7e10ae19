import type { RouteObject } from 'react-router';
import { routes as participation } from './participation/index.ts';
import { routes as places } from './places/index.ts';
import { routes as sharing } from './sharing/index.ts';
import { routes as support } from './support/index.ts';
import { routes as timebank } from './timebank/index.ts';

/**
 * The pages of every area, the one list the router (app/router.tsx) takes them from. Adding an area
 * means adding its routes here.
 */
export const areaRoutes: RouteObject[] = [...sharing, ...timebank, ...participation, ...support, ...places];
