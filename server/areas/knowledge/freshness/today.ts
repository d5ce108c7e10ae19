import type { FreshnessTarget } from '../../../db/schema.ts';
import { section, type TodaySource, todayFetch, wording } from '../../../platform/today.ts';
import { webPaths } from '../../../platform/webPaths.ts';
import { listStale, type StaleRow } from './repositories/freshness.ts';

const say = wording({
  dueTitle: { de: 'Noch aktuell? Bitte prüfen', en: 'Still correct? Please check' },
  due: { de: '„{title}“ prüfen', en: 'Check “{title}”' },
  wikiPage: { de: 'Wiki-Seite', en: 'Wiki page' },
  mapReport: { de: 'Eintrag auf der Wissenskarte', en: 'Entry on the knowledge map' },
  notes: { de: 'Hinweis „stimmt nicht mehr“', en: '“no longer correct” note' },
  notesMany: { de: '{count} Hinweise „stimmt nicht mehr“', en: '{count} “no longer correct” notes' },
  staleTitle: { de: 'Veraltete Inhalte im Wissen', en: 'Out-of-date content in Wissen' },
  stale: { de: '„{title}“ ist möglicherweise veraltet', en: '“{title}” may be out of date' },
});

const kindWord = (locale: 'de' | 'en', t: FreshnessTarget) =>
  say(locale, t === 'wiki_page' ? 'wikiPage' : 'mapReport');

async function withNotes(tx: Parameters<TodaySource>[0], networkId: string, rows: StaleRow[]) {
  if (rows.length === 0) return new Map<string, number>();
  const notes = await tx
    .selectFrom('knowledge_outdated')
    .select(['target_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('network_id', '=', networkId)
    .where(
      'target_id',
      'in',
      rows.map((r) => r.id),
    )
    .where('resolved_at', 'is', null)
    .groupBy('target_id')
    .execute();
  return new Map(notes.map((n) => [n.target_id, Number(n.n)]));
}

/**
 * Freshness on the home: the things the person keeps current whose check is due or that a reader
 * said are out of date (`todo`), and for the network's coordinator (an instance admin) how much
 * content is stale in all, leading to the list (`network`). The same rule as the list's (listStale).
 */
export const freshnessToday: TodaySource = async (tx, actor, ctx) => {
  const mine = await listStale(tx, ctx.networkId, actor, {
    scope: 'owned',
    limit: todayFetch,
    offset: 0,
    now: ctx.now,
  });
  const notes = await withNotes(tx, ctx.networkId, mine.items);
  const detail = (r: StaleRow) => {
    const n = notes.get(r.id) ?? 0;
    const kind = kindWord(ctx.locale, r.target_type);
    if (n === 0) return kind;
    return `${kind} · ${n === 1 ? say(ctx.locale, 'notes') : say(ctx.locale, 'notesMany', { count: n })}`;
  };
  const out = section({
    id: 'knowledge.freshnessDue',
    group: 'todo',
    order: 50,
    title: say(ctx.locale, 'dueTitle'),
    items: mine.items.map((r) => ({
      key: `${r.target_type}:${r.id}`,
      title: say(ctx.locale, 'due', { title: r.title }),
      detail: detail(r),
      when: { at: r.due_at, kind: 'since' as const },
      link: webPaths.freshnessCheck(r.target_type, r.id),
    })),
    total: mine.total,
    more: webPaths.freshnessList(),
  });
  if (!actor.isInstanceAdmin) return out;
  const all = await listStale(tx, ctx.networkId, actor, {
    scope: 'confirmable',
    limit: todayFetch,
    offset: 0,
    now: ctx.now,
  });
  return [
    ...out,
    ...section({
      id: 'knowledge.freshnessStale',
      group: 'network',
      order: 60,
      title: say(ctx.locale, 'staleTitle'),
      items: all.items.map((r) => ({
        key: `${r.target_type}:${r.id}`,
        title: say(ctx.locale, 'stale', { title: r.title }),
        detail: kindWord(ctx.locale, r.target_type),
        when: { at: r.due_at, kind: 'since' as const },
        link: webPaths.freshnessCheck(r.target_type, r.id),
      })),
      total: all.total,
      more: webPaths.freshnessList(),
    }),
  ];
};
