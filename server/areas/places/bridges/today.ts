import { section, type TodaySource, todayFetch, wording } from '../../../platform/today.ts';
import { webPaths } from '../../../platform/webPaths.ts';
import { refOf } from './access.ts';
import { sidesOf, suggestionPolicy } from './policies/suggestion.ts';
import { listSuggestions, sidesOfActor } from './repositories/suggestions.ts';
import { fitText } from './wording.ts';

const say = wording({
  title: { de: 'Brücken, die sich lohnen', en: 'Bridges worth building' },
  meet: { de: '{own} und {other} kennenlernen?', en: 'Should {own} meet {other}?' },
  asked: { de: '{other} möchte {own} kennenlernen', en: '{other} would like to meet {own}' },
  met: { de: 'Haben sich {own} und {other} getroffen?', en: 'Did {own} and {other} meet?' },
});

/**
 * Räume & Brücken on the home: to the people who speak for an organisation (or keep a community), the
 * suggestions that wait for their side — a new one, one the other side already said yes to, and "did
 * you meet?" after an introduction — most pressing first.
 */
export const bridgesToday: TodaySource = async (tx, actor, ctx) => {
  const sides = await sidesOfActor(tx, ctx.networkId, actor);
  if (sides.organisations.length === 0 && sides.communities.length === 0) return [];
  const { rows } = await listSuggestions(tx, ctx.networkId, { sides, limit: 50, offset: 0 });
  const items = [];
  for (const r of rows) {
    const ref = await refOf(tx, ctx.networkId, r);
    const mine = sidesOf(actor, ref);
    const own = mine[0] === 'b' ? r.b_name : r.a_name;
    const other = mine[0] === 'b' ? r.a_name : r.b_name;
    const params = { own, other };
    const asked = suggestionPolicy.accept(actor, ref) && (r.status === 'accepted' || r.status === 'open');
    if (suggestionPolicy.answer(actor, ref))
      items.push({
        rank: 0,
        r,
        title: say(ctx.locale, 'met', params),
        at: r.follow_up_asked_at ?? r.updated_at,
      });
    else if (asked)
      items.push({
        rank: r.status === 'accepted' ? 1 : 2,
        r,
        title: say(ctx.locale, r.status === 'accepted' ? 'asked' : 'meet', params),
        at: r.updated_at,
      });
  }
  items.sort((x, y) => x.rank - y.rank || y.at.getTime() - x.at.getTime());
  return section({
    id: 'places.bridges',
    group: 'todo',
    order: 60,
    title: say(ctx.locale, 'title'),
    items: items.slice(0, todayFetch).map(({ r, title, at }) => ({
      key: `bridge_suggestion:${r.id}`,
      title,
      detail: fitText(ctx.locale, r),
      when: { at, kind: 'since' as const },
      link: webPaths.bridge(r.id),
    })),
    total: items.length,
    more: webPaths.bridges(),
  });
};
