import { excerpt } from '../../../platform/markdown.ts';
import { section, type TodaySource, todayFetch, wording } from '../../../platform/today.ts';
import { webPaths } from '../../../platform/webPaths.ts';
import { threadPolicy } from './policies/discussion.ts';
import { pendingPosts } from './repositories/discussions.ts';

const say = wording({
  reviewTitle: { de: 'Erste Beiträge, die auf Freigabe warten', en: 'First posts waiting for review' },
  review: { de: 'Beitrag von {name} prüfen', en: 'Review the post by {name}' },
  reviewDetail: { de: 'in „{thread}“: {text}', en: 'in “{thread}”: {text}' },
  someone: { de: 'einer neuen Person', en: 'a new person' },
});

/** For the network's coordinators (instance admins): first posts of new accounts waiting for them. */
export const discussionsToday: TodaySource = async (tx, actor, ctx) => {
  if (!threadPolicy.review(actor)) return [];
  const { items, total } = await pendingPosts(tx, ctx.networkId, { limit: todayFetch, offset: 0 });
  return section({
    id: 'discussions.review',
    group: 'network',
    title: say(ctx.locale, 'reviewTitle'),
    order: 40,
    total,
    more: webPaths.discussionReview(),
    items: items.map((p) => ({
      key: `discussion_post:${p.id}`,
      title: say(ctx.locale, 'review', { name: p.author_name ?? say(ctx.locale, 'someone') }),
      detail: say(ctx.locale, 'reviewDetail', { thread: p.thread_title, text: excerpt(p.body, 80) }),
      when: { at: p.created_at, kind: 'since' },
      link: webPaths.discussionReview(),
    })),
  });
};
