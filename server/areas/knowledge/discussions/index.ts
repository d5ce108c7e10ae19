/** Discussions: threads by theme and district, replies, quotes, @mentions, following, solutions, first-post review. */
import type { AreaPart } from '../../parts.ts';
import { discussionRoutes } from './routes/discussions/index.ts';
import { discussionFeedRoutes } from './routes/feeds/index.ts';
import { seedDiscussions } from './seed.ts';
import { discussionsToday } from './today.ts';

export const discussionsPart: AreaPart = {
  routes: [
    { prefix: '/discussions', plugin: discussionRoutes },
    { prefix: '/discussions', plugin: discussionFeedRoutes },
  ],
  seed: seedDiscussions,
  today: discussionsToday,
};
