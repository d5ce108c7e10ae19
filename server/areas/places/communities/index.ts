/**
 * Communities: groups of interest and identity not bound to a district — open or by request, with
 * owners, moderators and members, a page, and discussions that are Wissen's threads (their rule of who
 * reads and writes them is registered with Wissen here). Their events are the calendar's.
 */
import { registerCommunityThreadRules } from '../../knowledge/index.ts';
import type { AreaPart } from '../../parts.ts';
import { communityRoutes } from './routes/communities/index.ts';
import { seedCommunities } from './seed.ts';
import { communityThreadRules } from './threadRules.ts';
import { communitiesSuggestions, communitiesToday } from './today.ts';

registerCommunityThreadRules(communityThreadRules);

export const communitiesPart: AreaPart = {
  routes: [{ prefix: '/places/communities', plugin: communityRoutes }],
  seed: seedCommunities,
  /** requests waiting for an answer: to those who give it, and the person's own */
  today: communitiesToday,
  /** communities that fit the person's interests or districts */
  suggestions: communitiesSuggestions,
};
