import { localDate, zonedTime } from '../../../platform/localTime.ts';
import { section, type TodaySource, todayFetch, wording } from '../../../platform/today.ts';
import { webPaths } from '../../../platform/webPaths.ts';
import { dueReviewsFor } from './repositories/accountability.ts';

/** The start of a local date (YYYY-MM-DD) in the network's time zone. */
const startOf = (date: string) => {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  return zonedTime(y, m, d, 0);
};

const say = wording({
  title: { de: 'Zeit für einen Rückblick', en: 'Time to look back' },
  item: { de: '„{title}“: Rückblick schreiben', en: '“{title}”: write the review' },
  detail: { de: 'Was hat funktioniert, was nicht?', en: 'What worked, what did not?' },
});

/**
 * Accountability on the home: the projects the person organises or facilitates whose review date has
 * come and that no review answered yet (the same rule as the reminder's).
 */
export const accountabilityToday: TodaySource = async (tx, actor, ctx) => {
  const due = await dueReviewsFor(tx, ctx.networkId, actor, localDate(ctx.now), todayFetch);
  return section({
    id: 'codesign.reviewDue',
    group: 'todo',
    order: 50,
    title: say(ctx.locale, 'title'),
    items: due.map((d) => ({
      key: `codesign_review:${d.id}`,
      title: say(ctx.locale, 'item', { title: d.title }),
      detail: say(ctx.locale, 'detail'),
      ...(d.review_on ? { when: { at: startOf(d.review_on), kind: 'since' as const } } : {}),
      link: webPaths.codesignImpact(d.id),
    })),
  });
};
