/**
 * Following and digests: what a person follows, the daily or weekly email of what is new there,
 * one-click unsubscribe.
 */
import type { KnowledgePart } from '../part.ts';
import { followRoutes } from './routes/follows/index.ts';

export const digestsPart: KnowledgePart = {
  routes: [{ prefix: '/follows', plugin: followRoutes }],
};
