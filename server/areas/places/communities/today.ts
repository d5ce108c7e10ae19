import { section, type TodaySource, todayFetch, wording } from '../../../platform/today.ts';
import { webPaths } from '../../../platform/webPaths.ts';
import { myRequests, requestsForSteward, suggestionsFor } from './repositories/communities.ts';

const say = wording({
  answerTitle: { de: 'Anfragen an Ihre Gemeinschaften', en: 'Requests to your communities' },
  answer: { de: '{name} möchte bei „{community}“ mitmachen', en: '{name} would like to join “{community}”' },
  waitingTitle: { de: 'Ihre Anfragen an Gemeinschaften', en: 'Your requests to communities' },
  waiting: { de: '„{community}“ hat noch nicht geantwortet', en: '“{community}” has not answered yet' },
  suggestTitle: { de: 'Gemeinschaften, die zu Ihnen passen', en: 'Communities that may suit you' },
  suggest: { de: '„{community}“ ansehen', en: 'Look at “{community}”' },
  becauseInterest: { de: 'Passt zu Ihrem Interesse „{interest}“', en: 'Fits your interest “{interest}”' },
  becauseDistrict: { de: 'Trifft sich in {district}', en: 'Meets in {district}' },
});

/**
 * Communities on the personal home: requests to join that wait for the person's answer (as an owner or
 * moderator: something to do), and their own requests still waiting for one (something coming).
 */
export const communitiesToday: TodaySource = async (tx, _actor, ctx) => {
  const toAnswer = await requestsForSteward(tx, ctx.networkId, ctx.accountId, todayFetch);
  const mine = await myRequests(tx, ctx.networkId, ctx.accountId, todayFetch);
  return [
    ...section({
      id: 'places.community_requests',
      group: 'todo',
      order: 30,
      title: say(ctx.locale, 'answerTitle'),
      items: toAnswer.rows.map((r) => ({
        key: `community_request:${r.id}:${r.account_id}`,
        title: say(ctx.locale, 'answer', { name: r.display_name, community: r.name }),
        when: { at: r.created_at, kind: 'since' as const },
        link: webPaths.communityManage(r.slug),
      })),
      total: toAnswer.total,
      more: webPaths.communities(),
    }),
    ...section({
      id: 'places.community_waiting',
      group: 'upcoming',
      order: 50,
      title: say(ctx.locale, 'waitingTitle'),
      items: mine.map((r) => ({
        key: `community_waiting:${r.id}`,
        title: say(ctx.locale, 'waiting', { community: r.name }),
        when: { at: r.created_at, kind: 'since' as const },
        link: webPaths.community(r.slug),
      })),
    }),
  ];
};

/**
 * When nothing needs the person: communities they are not in whose name or summary holds one of the
 * interests on their profile, or that meet in one of their districts — each saying which, so the
 * suggestion is honest about why it is there. Nothing is guessed beyond what they said themselves.
 */
export const communitiesSuggestions: TodaySource = async (tx, _actor, ctx) => {
  const rows = await suggestionsFor(tx, ctx.networkId, ctx.accountId, todayFetch);
  return section({
    id: 'places.community_suggestions',
    group: 'suggestion',
    order: 60,
    title: say(ctx.locale, 'suggestTitle'),
    items: rows.map((r) => ({
      key: `community_suggestion:${r.id}`,
      title: say(ctx.locale, 'suggest', { community: r.name }),
      detail: r.interest
        ? say(ctx.locale, 'becauseInterest', { interest: r.interest })
        : say(ctx.locale, 'becauseDistrict', { district: r.district_name ?? '' }),
      link: webPaths.community(r.slug),
    })),
    more: webPaths.communities(),
  });
};
