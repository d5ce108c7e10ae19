/** News: each organisation's blog with comments, subscriptions and RSS/Atom feeds. */
import type { AreaPart } from '../../parts.ts';
import { newsActivity } from './activity.ts';
import { newsFeedRoutes } from './routes/feeds/index.ts';
import { newsRoutes } from './routes/posts/index.ts';
import { seedNews } from './seed.ts';
import { newsSuggestions, newsToday } from './today.ts';

export const newsPart: AreaPart = {
  routes: [
    { prefix: '/news', plugin: newsRoutes },
    { prefix: '/news', plugin: newsFeedRoutes },
  ],
  seed: seedNews,
  today: newsToday,
  suggestions: newsSuggestions,
  activity: newsActivity,
};
