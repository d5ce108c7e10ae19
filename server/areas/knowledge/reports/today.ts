import { section, type TodaySource, todayFetch, wording } from '../../../platform/today.ts';
import { webPaths } from '../../../platform/webPaths.ts';
import { waitingReports } from './repositories/reports.ts';

const say = wording({
  waitingTitle: {
    de: 'Neue Meldungen auf der Stadtteilkarte',
    en: 'New reports on the neighbourhood map',
  },
  waiting: { de: '„{title}“ prüfen und einen Stand setzen', en: 'Check “{title}” and set a status' },
  supported: {
    de: '{count} Personen haben das auch bemerkt',
    en: '{count} people noticed it too',
  },
  waitingFor: { de: 'wartet auf einen ersten Stand', en: 'waiting for a first status' },
});

/**
 * The map on the home: for the network's coordinator (instance admin), the reports still waiting for
 * a first status, oldest first — the town's offices see them on the map's list (filter "neu").
 */
export const reportsToday: TodaySource = async (tx, actor, ctx) => {
  if (!actor.isInstanceAdmin) return [];
  const { items, total } = await waitingReports(tx, ctx.networkId, todayFetch);
  return section({
    id: 'knowledge.mapReportsWaiting',
    group: 'network',
    order: 40,
    title: say(ctx.locale, 'waitingTitle'),
    items: items.map((r) => ({
      key: `map_report:${r.id}`,
      title: say(ctx.locale, 'waiting', { title: r.title }),
      detail:
        r.support_count > 0
          ? say(ctx.locale, 'supported', { count: r.support_count })
          : say(ctx.locale, 'waitingFor'),
      when: { at: r.created_at, kind: 'since' as const },
      link: webPaths.mapReport(r.id),
    })),
    total,
    more: webPaths.newMapReports(),
  });
};
