import type { Executor } from '../../db/tx.ts';
import type { Locale } from '../../i18n/messages.ts';
import { hiddenIds } from '../../platform/moderation.ts';
import {
  type SignedInActor,
  section,
  type TodayContext,
  type TodayContributor,
  type TodayItem,
  todayFetch,
  todayLimit,
  wording,
} from '../../platform/today.ts';
import { webPaths } from '../../platform/webPaths.ts';
import { getProfile } from '../../repositories/accounts.ts';
import { bookingPolicy, bookingRef } from './policies/booking.ts';
import {
  longWaitingRequests,
  offersForWant,
  openPostsOf,
  requestsToDecide,
  type TodayBookingRow,
  unansweredWants,
  unreadNotifications,
  upcomingBookingsOf,
  wantsForSkills,
} from './repositories/today.ts';

const say = wording({
  approveTitle: { de: 'Buchungen, die auf Ihre Antwort warten', en: 'Bookings waiting for your answer' },
  approve: { de: 'Anfrage für „{resource}“ beantworten', en: 'Answer the request for “{resource}”' },
  requestedBy: { de: 'von {name}', en: 'from {name}' },
  mineTitle: { de: 'Ihre nächsten Buchungen', en: 'Your next bookings' },
  mine: { de: 'Buchung „{resource}“ ansehen', en: 'See your booking of “{resource}”' },
  status_requested: { de: 'wartet noch auf Zusage', en: 'waiting for approval' },
  status_approved: { de: 'zugesagt', en: 'approved' },
  status_handed_over: { de: 'bei Ihnen', en: 'with you' },
  repliesTitle: { de: 'Antworten im Tauschring', en: 'Answers in the exchange ring' },
  reply: { de: 'Antwort von {name} lesen', en: 'Read the answer from {name}' },
  replies: { de: '{count} neue Antworten lesen', en: 'Read {count} new answers' },
  about: { de: 'zu „{title}“', en: 'about “{title}”' },
  postsTitle: { de: 'Ihre Einträge im Tauschring', en: 'Your posts in the exchange ring' },
  post_want: { de: 'Ihr Gesuch „{title}“ ansehen', en: 'See your request “{title}”' },
  post_offer: { de: 'Ihr Angebot „{title}“ ansehen', en: 'See your offer “{title}”' },
  noAnswer: { de: 'noch keine Antwort', en: 'no answer yet' },
  answers: { de: '{count} Antworten', en: '{count} answers' },
  oneAnswer: { de: '1 Antwort', en: '1 answer' },
  wantsTitle: {
    de: 'Gesuche ohne Antwort im Tauschring',
    en: 'Requests without an answer in the exchange ring',
  },
  want: { de: 'Gesuch „{title}“ ansehen', en: 'See the request “{title}”' },
  wantBy: { de: 'von {name} · noch ohne Antwort', en: 'by {name} · no answer yet' },
  waitingTitle: { de: 'Buchungsanfragen, die lange warten', en: 'Booking requests waiting long' },
  waiting: { de: 'Anfrage für „{resource}“ ansehen', en: 'See the request for “{resource}”' },
  waitingBy: {
    de: '{name} wartet seit {days} Tagen auf {owner}',
    en: '{name} has been waiting for {owner} for {days} days',
  },
  matchesTitle: { de: 'Passt zu Ihnen im Tauschring', en: 'Matches for you in the exchange ring' },
  offer: { de: 'Angebot „{title}“ ansehen', en: 'See the offer “{title}”' },
  offerFor: { de: 'passt zu Ihrem Gesuch „{want}“', en: 'matches your request “{want}”' },
  wantFor: { de: 'Jemand sucht Hilfe: „{title}“ ansehen', en: 'Someone needs help: see “{title}”' },
  wantForSkill: { de: 'passt zu Ihrer Fähigkeit „{skill}“', en: 'matches your skill “{skill}”' },
});

/** The network's coordinator hears of a want nobody answered after this many days … */
export const unansweredAfterDays = 7;
/** … and of a booking request nobody decided after this many. */
export const undecidedAfterDays = 3;

const days = (from: Date, to: Date) => Math.max(1, Math.floor((to.getTime() - from.getTime()) / 86_400_000));
const ownerName = (b: TodayBookingRow, locale: Locale) =>
  b.owner_organisation_name ?? (locale === 'de' ? 'die Person, der es gehört' : 'its owner');

/**
 * Teilen on the home: booking requests the person decides (their own resources and their
 * organisations'), their own upcoming bookings, answers to their posts in the Tauschring and those
 * posts themselves; for the network's coordinator, wants nobody answered and requests nobody decided;
 * as suggestions, offers that match a want of theirs and wants that match a skill.
 */
export const sharingToday: TodayContributor = {
  async sections(tx, actor, ctx) {
    return [
      ...(await approvals(tx, actor, ctx)),
      ...(await myBookings(tx, ctx)),
      ...(await replies(tx, ctx)),
      ...(await myPosts(tx, ctx)),
      ...(actor.isInstanceAdmin ? await stale(tx, actor, ctx) : []),
    ];
  },
  suggestions: matches,
};

async function approvals(tx: Executor, actor: SignedInActor, ctx: TodayContext) {
  const organisationIds = [...actor.roles.entries()]
    .filter(([, role]) => role === 'admin' || role === 'staff')
    .map(([id]) => id);
  const { items, total } = await requestsToDecide(
    tx,
    ctx.networkId,
    { personId: ctx.accountId, organisationIds },
    ctx.now,
    todayFetch,
  );
  return section({
    id: 'sharing.approve',
    group: 'todo',
    order: 20,
    title: say(ctx.locale, 'approveTitle'),
    items: items
      .filter((b) => bookingPolicy.approve(actor, bookingRef(b)))
      .map((b) => ({
        key: `booking:${b.id}`,
        title: say(ctx.locale, 'approve', { resource: b.resource_title }),
        detail: [say(ctx.locale, 'requestedBy', { name: b.requester_name }), b.note]
          .filter(Boolean)
          .join(' · '),
        when: { at: b.starts_at, kind: 'on' as const },
        link: webPaths.booking(b.id),
      })),
    total,
    more: webPaths.bookingRequests(),
  });
}

async function myBookings(tx: Executor, ctx: TodayContext) {
  const { items, total } = await upcomingBookingsOf(tx, ctx.networkId, ctx.accountId, ctx.now, todayFetch);
  return section({
    id: 'sharing.mine',
    group: 'upcoming',
    order: 30,
    title: say(ctx.locale, 'mineTitle'),
    items: items.map((b) => ({
      key: `booking:${b.id}`,
      title: say(ctx.locale, 'mine', { resource: b.resource_title }),
      detail: say(ctx.locale, `status_${b.status as 'requested' | 'approved' | 'handed_over'}`),
      when: { at: b.starts_at, kind: 'on' as const },
      link: webPaths.booking(b.id),
    })),
    total,
    more: webPaths.myBookings(),
  });
}

/** Unread answers to the person's posts (or to their answers), one item per post. */
async function replies(tx: Executor, ctx: TodayContext) {
  const rows = await unreadNotifications(tx, ctx.networkId, ctx.accountId, 'exchange.message');
  const byPost = new Map<string, typeof rows>();
  for (const r of rows) {
    if (!r.link) continue;
    byPost.set(r.link, [...(byPost.get(r.link) ?? []), r]);
  }
  const items: TodayItem[] = [...byPost.values()].map((list) => {
    const latest = list[0]!;
    return {
      key: `replies:${latest.link}`,
      title:
        list.length === 1
          ? say(ctx.locale, 'reply', { name: String(latest.params.from ?? '') })
          : say(ctx.locale, 'replies', { count: list.length }),
      detail: say(ctx.locale, 'about', { title: String(latest.params.title ?? '') }),
      when: { at: latest.created_at, kind: 'since' as const },
      // the notification's own link: the post, where the conversation is
      link: latest.link as TodayItem['link'],
      notificationIds: list.map((r) => r.id),
    };
  });
  return section({
    id: 'sharing.replies',
    group: 'todo',
    order: 30,
    title: say(ctx.locale, 'repliesTitle'),
    items: items.slice(0, todayLimit),
    total: items.length,
    more: webPaths.notifications(),
  });
}

async function myPosts(tx: Executor, ctx: TodayContext) {
  const { items, total } = await openPostsOf(tx, ctx.networkId, ctx.accountId, ctx.now, todayFetch);
  return section({
    id: 'sharing.posts',
    group: 'upcoming',
    order: 40,
    title: say(ctx.locale, 'postsTitle'),
    items: items.map((p) => ({
      key: `post:${p.id}`,
      title: say(ctx.locale, p.kind === 'want' ? 'post_want' : 'post_offer', { title: p.title }),
      detail:
        p.answers === 0
          ? say(ctx.locale, 'noAnswer')
          : p.answers === 1
            ? say(ctx.locale, 'oneAnswer')
            : say(ctx.locale, 'answers', { count: p.answers }),
      when: { at: p.expires_at, kind: 'until' as const },
      link: webPaths.exchangePost(p.id),
    })),
    total,
    more: webPaths.exchange(),
  });
}

/** For the instance admin: what lies unanswered in Teilen. */
async function stale(tx: Executor, actor: SignedInActor, ctx: TodayContext) {
  const wants = await unansweredWants(tx, ctx.networkId, ctx.now, unansweredAfterDays, todayFetch);
  const waiting = await longWaitingRequests(tx, ctx.networkId, ctx.now, undecidedAfterDays, todayFetch);
  return [
    ...section({
      id: 'sharing.unansweredWants',
      group: 'network',
      order: 30,
      title: say(ctx.locale, 'wantsTitle'),
      items: wants.items.map((p) => ({
        key: `post:${p.id}`,
        title: say(ctx.locale, 'want', { title: p.title }),
        detail: say(ctx.locale, 'wantBy', { name: p.author_name }),
        when: { at: p.created_at, kind: 'since' as const },
        link: webPaths.exchangePost(p.id),
      })),
      total: wants.total,
      more: webPaths.exchange(),
    }),
    ...section({
      id: 'sharing.waitingRequests',
      group: 'network',
      order: 40,
      title: say(ctx.locale, 'waitingTitle'),
      items: waiting.items
        .filter((b) => bookingPolicy.view(actor, bookingRef(b)))
        .map((b) => ({
          key: `booking:${b.id}`,
          title: say(ctx.locale, 'waiting', { resource: b.resource_title }),
          detail: say(ctx.locale, 'waitingBy', {
            name: b.requester_name,
            owner: ownerName(b, ctx.locale),
            days: days(b.created_at, ctx.now),
          }),
          when: { at: b.starts_at, kind: 'on' as const },
          link: webPaths.booking(b.id),
        })),
      total: waiting.total,
    }),
  ];
}

/**
 * Suggestions: open offers of others that fit one of the person's open wants, then open wants that
 * name one of their skills. Nothing a moderator hid.
 */
async function matches(tx: Executor, _actor: SignedInActor, ctx: TodayContext) {
  const items: TodayItem[] = [];
  const seen = new Set<string>();
  const own = await openPostsOf(tx, ctx.networkId, ctx.accountId, ctx.now, todayLimit);
  for (const want of own.items.filter((p) => p.kind === 'want')) {
    for (const m of await offersForWant(tx, ctx.networkId, want, ctx.now, todayLimit)) {
      if (seen.has(m.id)) continue;
      seen.add(m.id);
      items.push({
        key: `post:${m.id}`,
        title: say(ctx.locale, 'offer', { title: m.title }),
        detail: say(ctx.locale, 'offerFor', { want: want.title }),
        link: webPaths.exchangePost(m.id),
      });
    }
  }
  const profile = await getProfile(tx, ctx.networkId, ctx.accountId);
  for (const w of await wantsForSkills(
    tx,
    ctx.networkId,
    ctx.accountId,
    profile?.skills ?? [],
    ctx.now,
    todayFetch,
  )) {
    if (seen.has(w.id)) continue;
    seen.add(w.id);
    const text = w.title.toLowerCase();
    const skill = (profile?.skills ?? []).find((k) => text.includes(k.trim().toLowerCase())) ?? '';
    items.push({
      key: `post:${w.id}`,
      title: say(ctx.locale, 'wantFor', { title: w.title }),
      detail: say(ctx.locale, 'wantForSkill', { skill }),
      link: webPaths.exchangePost(w.id),
    });
  }
  const hidden = await hiddenIds(
    tx,
    ctx.networkId,
    'exchange_post',
    items.map((i) => i.key.slice('post:'.length)),
  );
  const shown = items.filter((i) => !hidden.has(i.key.slice('post:'.length)));
  return section({
    id: 'sharing.matches',
    group: 'suggestion',
    order: 20,
    title: say(ctx.locale, 'matchesTitle'),
    items: shown,
    more: webPaths.exchange(),
  });
}
