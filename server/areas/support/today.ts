import type { Executor } from '../../db/tx.ts';
import {
  type SignedInActor,
  section,
  type TodayContext,
  type TodayContributor,
  type TodayItem,
  todayLimit,
  wording,
} from '../../platform/today.ts';
import { webPaths } from '../../platform/webPaths.ts';
import { circlePolicy } from './policies/circle.ts';
import { type CircleForMember, findCircleFor, listCirclesOf } from './repositories/circles.ts';
import { listNeeds, type NeedRow } from './repositories/circles-needs.ts';
import { accessOf, logRead } from './routes/circles/access.ts';

const say = wording({
  openTitle: { de: 'Hilfe gesucht in Ihren Kreisen', en: 'Help wanted in your circles' },
  open: { de: '„{title}“ übernehmen', en: 'Take on “{title}”' },
  mineTitle: { de: 'Was Sie übernommen haben', en: 'What you have taken on' },
  mine: { de: '„{title}“ ansehen', en: 'See “{title}”' },
  updatesTitle: { de: 'Neues aus Ihren Kreisen', en: 'News from your circles' },
  update: { de: 'Neuigkeit von {name} lesen', en: 'Read the news from {name}' },
  updates: { de: '{count} Neuigkeiten lesen', en: 'Read {count} new posts' },
});

/** How far ahead the home looks into the care calendars (the circle page shows four weeks). */
const horizonDays = 14;

interface OpenCircle {
  circle: CircleForMember;
  access: ReturnType<typeof accessOf>;
}

/** The live circles the person belongs to, each with what the policy lets them do in it. */
async function myCircles(tx: Executor, ctx: TodayContext): Promise<OpenCircle[]> {
  const listed = await listCirclesOf(tx, ctx.networkId, ctx.accountId);
  const out: OpenCircle[] = [];
  for (const row of listed) {
    const circle = await findCircleFor(tx, ctx.networkId, row.id, ctx.accountId);
    if (!circle) continue;
    const access = accessOf(circle);
    if (!access.live) continue; // frozen: nothing to do in it, and nobody but its owner sees it
    out.push({ circle, access });
  }
  return out;
}

function needItem(c: OpenCircle, n: NeedRow, ctx: TodayContext, key: 'open' | 'mine'): TodayItem {
  return {
    key: `need:${n.id}`,
    title: say(ctx.locale, key, { title: n.title }),
    detail: [c.circle.person_label, n.place].filter(Boolean).join(' · '),
    when: { at: n.starts_at, kind: 'on' },
    link: webPaths.circleNeed(c.circle.id, n.id),
  };
}

/**
 * Unterstützungskreise on the home: needs nobody has claimed yet in the circles where the person may
 * claim them, the ones they took on, and new posts. Only for the circles' members, by the circle
 * policy (consent scope, each need's visibility), only live circles — and nothing at all in a session
 * begun with an admin's sign-in link. A professional's look at a calendar is written to the owner's
 * access log, as when they open it.
 */
export const supportToday: TodayContributor = {
  async sections(tx, _actor: SignedInActor, ctx) {
    if (ctx.assisted) return [];
    const circles = await myCircles(tx, ctx);
    const open: { at: Date; item: TodayItem }[] = [];
    const mine: { at: Date; item: TodayItem }[] = [];
    const to = new Date(ctx.now.getTime() + horizonDays * 86_400_000);
    const read = new Set<string>();
    for (const c of circles) {
      if (!circlePolicy.viewNeeds(c.access)) continue;
      const needs = await listNeeds(tx, ctx.networkId, c.circle.id, { from: ctx.now, to });
      for (const n of needs) {
        if (n.done_at !== null || n.starts_at < ctx.now) continue;
        if (!circlePolicy.seeItem(c.access, n.visibility)) continue;
        const state = { open: true, claimed: n.claimed_by !== null, mine: n.claimed_by === ctx.accountId };
        if (circlePolicy.claimNeed(c.access, state)) {
          open.push({ at: n.starts_at, item: needItem(c, n, ctx, 'open') });
          read.add(c.circle.id);
        } else if (state.mine) {
          mine.push({ at: n.starts_at, item: needItem(c, n, ctx, 'mine') });
          read.add(c.circle.id);
        }
      }
    }
    for (const c of circles)
      if (read.has(c.circle.id))
        await logRead(
          tx,
          { circle: c.circle, access: c.access, accountId: ctx.accountId },
          { networkId: ctx.networkId, circleId: c.circle.id, what: '/:id/needs', ip: ctx.ip },
        );
    const byTime = (a: { at: Date }, b: { at: Date }) => a.at.getTime() - b.at.getTime();
    return [
      ...section({
        id: 'support.open',
        group: 'todo',
        order: 10,
        title: say(ctx.locale, 'openTitle'),
        items: open.sort(byTime).map((x) => x.item),
        more: circles.length === 1 ? webPaths.circle(circles[0]!.circle.id) : webPaths.circles(),
      }),
      ...section({
        id: 'support.mine',
        group: 'upcoming',
        order: 10,
        title: say(ctx.locale, 'mineTitle'),
        items: mine.sort(byTime).map((x) => x.item),
        more: circles.length === 1 ? webPaths.circle(circles[0]!.circle.id) : webPaths.circles(),
      }),
      ...(await newPosts(tx, circles, ctx)),
    ];
  },
};

/** Unread notifications of new posts and replies, one item per circle whose updates the person may read. */
async function newPosts(tx: Executor, circles: OpenCircle[], ctx: TodayContext) {
  const readable = new Map<string, OpenCircle>(
    circles
      .filter((c) => circlePolicy.viewUpdates(c.access))
      .map((c) => [webPaths.circle(c.circle.id) as string, c]),
  );
  if (readable.size === 0) return [];
  const rows = await tx
    .selectFrom('notification')
    .select(['id', 'link', 'params', 'created_at'])
    .where('network_id', '=', ctx.networkId)
    .where('account_id', '=', ctx.accountId)
    .where('read_at', 'is', null)
    .where('kind', 'in', ['circle.update_posted', 'circle.comment_posted'])
    .where('link', 'in', [...readable.keys()])
    .orderBy('created_at', 'desc')
    .limit(200)
    .execute();
  const byCircle = new Map<string, typeof rows>();
  for (const r of rows) {
    const list = byCircle.get(r.link ?? '') ?? [];
    list.push(r);
    byCircle.set(r.link ?? '', list);
  }
  const items: TodayItem[] = [];
  for (const [link, list] of byCircle) {
    const c = readable.get(link)!;
    const latest = list[0]!;
    items.push({
      key: `circle-news:${c.circle.id}`,
      title:
        list.length === 1
          ? say(ctx.locale, 'update', { name: String(latest.params.name ?? '') })
          : say(ctx.locale, 'updates', { count: list.length }),
      detail: c.circle.person_label,
      when: { at: latest.created_at, kind: 'since' },
      link: webPaths.circle(c.circle.id),
      notificationIds: list.map((r) => r.id),
    });
  }
  return section({
    id: 'support.news',
    group: 'todo',
    order: 30,
    title: say(ctx.locale, 'updatesTitle'),
    items: items.slice(0, todayLimit),
    total: items.length,
    more: webPaths.circles(),
  });
}
