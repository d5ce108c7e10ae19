import type { Executor } from '../../../db/tx.ts';
import {
  type SignedInActor,
  section,
  type TodayContext,
  type TodaySection,
  todayFetch,
  wording,
} from '../../../platform/today.ts';
import { webPaths } from '../../../platform/webPaths.ts';
import { draftsFor, recentFromFollowed } from './repositories/posts.ts';

const say = wording({
  draftsTitle: { de: 'Entwürfe Ihrer Organisation', en: 'Your organisation’s drafts' },
  draft: { de: 'Entwurf „{title}“ fertigstellen', en: 'Finish the draft “{title}”' },
  followedTitle: {
    de: 'Neues von Organisationen, denen Sie folgen',
    en: 'New from organisations you follow',
  },
  followed: { de: '„{title}“ lesen', en: 'Read “{title}”' },
});

/** How far back the home suggests posts of followed organisations. */
export const recentDays = 14;

function organisationsActedFor(actor: SignedInActor) {
  return [...actor.roles.entries()]
    .filter(([, role]) => role === 'admin' || role === 'staff')
    .map(([id]) => id);
}

/** News on the personal home: the drafts waiting in the organisations the person writes for. */
export async function newsToday(
  tx: Executor,
  actor: SignedInActor,
  ctx: TodayContext,
): Promise<TodaySection[]> {
  const orgs = organisationsActedFor(actor);
  const { items, total } = await draftsFor(tx, ctx.networkId, orgs, todayFetch);
  return section({
    id: 'news.drafts',
    group: 'todo',
    order: 60,
    title: say(ctx.locale, 'draftsTitle'),
    total,
    ...(orgs.length === 1 ? { more: webPaths.newsOfOrganisation(orgs[0]!) } : {}),
    items: items.map((p) => ({
      key: `news_draft:${p.id}`,
      title: say(ctx.locale, 'draft', { title: p.title }),
      detail: p.organisation_name,
      when: { at: p.updated_at, kind: 'since' as const },
      link: webPaths.newsPost(p.id),
    })),
  });
}

/** When nothing needs the person: what the organisations they follow published lately. */
export async function newsSuggestions(
  tx: Executor,
  actor: SignedInActor,
  ctx: TodayContext,
): Promise<TodaySection[]> {
  const since = new Date(ctx.now.getTime() - recentDays * 86_400_000);
  const { items, total } = await recentFromFollowed(tx, ctx.networkId, actor, since, todayFetch);
  return section({
    id: 'news.followed',
    group: 'suggestion',
    order: 60,
    title: say(ctx.locale, 'followedTitle'),
    total,
    more: webPaths.newsList(),
    items: items.map((p) => ({
      key: `news_post:${p.id}`,
      title: say(ctx.locale, 'followed', { title: p.title }),
      detail: p.organisation_name,
      when: { at: p.published_at ?? p.updated_at, kind: 'on' as const },
      link: webPaths.newsPost(p.id),
    })),
  });
}
