import type { AvailabilitySlot } from '../../db/schema.ts';
import type { Executor } from '../../db/tx.ts';
import { hiddenIds } from '../../platform/moderation.ts';
import {
  duration,
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
import { checkInOpensMinutes } from './commands/checkInToShift.ts';
import { hoursPolicy } from './policies/hours.ts';
import { listHours } from './repositories/hours.ts';
import { pendingInvitations, suggestionCandidates } from './repositories/opportunities.ts';
import { signupsOf } from './repositories/shifts.ts';
import { opportunitiesWithoutSignups } from './repositories/today.ts';
import { scoreCandidate } from './routes/opportunities/suggestions.ts';

const say = wording({
  checkInTitle: { de: 'Jetzt einchecken', en: 'Check in now' },
  checkIn: { de: 'Bei „{title}“ einchecken', en: 'Check in to “{title}”' },
  shiftsTitle: { de: 'Ihre nächsten Einsätze', en: 'Your next shifts' },
  shift: { de: 'Einsatz „{title}“ ansehen', en: 'See your shift “{title}”' },
  signedUp: { de: 'Sie sind angemeldet', en: 'you are signed up' },
  waitlisted: { de: 'Sie stehen auf der Warteliste', en: 'you are on the waitlist' },
  hoursTitle: { de: 'Stunden, die Sie bestätigen', en: 'Hours for you to confirm' },
  hours: { de: 'Stunden von {name} bestätigen', en: 'Confirm the hours of {name}' },
  partnersTitle: { de: 'Einladungen zur Zusammenarbeit', en: 'Invitations to work together' },
  partner: { de: 'Einladung von {lead} beantworten', en: 'Answer the invitation from {lead}' },
  partnerFor: {
    de: '„{title}“ gemeinsam anbieten · für {organisation}',
    en: 'run “{title}” together · for {organisation}',
  },
  messagesTitle: { de: 'Nachrichten zu Ihren Einsätzen', en: 'Messages about your shifts' },
  message: { de: 'Nachricht zu „{title}“ lesen', en: 'Read the message about “{title}”' },
  noSignupsTitle: {
    de: 'Angebote, für die sich noch niemand meldet',
    en: 'Opportunities nobody has signed up for',
  },
  noSignups: { de: '„{title}“ ansehen', en: 'See “{title}”' },
  nobodyYet: { de: 'noch niemand angemeldet', en: 'nobody signed up yet' },
  miniTitle: { de: 'Eine kleine Aufgabe in Ihrer Nähe', en: 'A small task near you' },
  miniTitleAny: { de: 'Eine kleine Aufgabe zum Einstieg', en: 'A small task to start with' },
  mini: { de: '„{title}“ ansehen', en: 'See “{title}”' },
  miniDetail: { de: 'dauert etwa {effort}', en: 'takes about {effort}' },
  online: { de: 'von zu Hause aus', en: 'from home' },
});

/** How far ahead the network's coordinator is told of opportunities nobody signed up for. */
export const noSignupsWithinDays = 14;

function organisationsActedFor(actor: SignedInActor) {
  return [...actor.roles.entries()]
    .filter(([, role]) => role === 'admin' || role === 'staff')
    .map(([id]) => id);
}

/**
 * Mitmachen on the home: a shift whose check-in is open, the next shifts, hours waiting for the
 * person's confirmation (coordinators, never their own), invitations to run an opportunity jointly,
 * messages about their shifts; for the network's coordinator, opportunities nobody signed up for; as
 * a suggestion, a mini task — near where the person lives when there is one.
 */
export const participationToday: TodayContributor = {
  async sections(tx, actor, ctx) {
    return [
      ...(await shifts(tx, ctx)),
      ...(await hoursToConfirm(tx, actor, ctx)),
      ...(await partnerInvitations(tx, actor, ctx)),
      ...(await messages(tx, ctx)),
      ...(actor.isInstanceAdmin ? await withoutSignups(tx, ctx) : []),
    ];
  },
  suggestions: miniTasks,
};

async function shifts(tx: Executor, ctx: TodayContext) {
  const now = ctx.now.getTime();
  const rows = (await signupsOf(tx, ctx.networkId, ctx.accountId, true)).filter(
    (s) => s.status === 'signed_up' || s.status === 'waitlisted',
  );
  const open = rows.filter(
    (s) =>
      s.status === 'signed_up' &&
      now >= s.starts_at.getTime() - checkInOpensMinutes * 60_000 &&
      now <= s.ends_at.getTime(),
  );
  const later = rows.filter((s) => !open.includes(s));
  return [
    ...section({
      id: 'participation.checkIn',
      group: 'todo',
      order: 5,
      title: say(ctx.locale, 'checkInTitle'),
      items: open.map((s) => ({
        key: `signup:${s.id}`,
        title: say(ctx.locale, 'checkIn', { title: s.opportunity_title }),
        when: { at: s.starts_at, kind: 'on' as const },
        link: webPaths.myShifts(),
      })),
      more: webPaths.myShifts(),
    }),
    ...section({
      id: 'participation.shifts',
      group: 'upcoming',
      order: 20,
      title: say(ctx.locale, 'shiftsTitle'),
      items: later.map((s) => ({
        key: `signup:${s.id}`,
        title: say(ctx.locale, 'shift', { title: s.opportunity_title }),
        detail: say(ctx.locale, s.status === 'waitlisted' ? 'waitlisted' : 'signedUp'),
        when: { at: s.starts_at, kind: 'on' as const },
        link: webPaths.myShifts(),
      })),
      more: webPaths.myShifts(),
    }),
  ];
}

/** Pending hours of the organisations the person coordinates, oldest first; never their own. */
async function hoursToConfirm(tx: Executor, actor: SignedInActor, ctx: TodayContext) {
  const entries = [];
  let total = 0;
  for (const organisationId of organisationsActedFor(actor)) {
    const page = await listHours(tx, ctx.networkId, {
      organisationId,
      status: 'pending',
      limit: todayFetch,
      offset: 0,
    });
    const mayDecide = page.items.filter((h) => hoursPolicy.decide(actor, h));
    // the person's own entries are in the total of the list, not among what they decide
    total += Number(page.total) - (page.items.length - mayDecide.length);
    entries.push(...mayDecide);
  }
  entries.sort((a, b) => a.created_at.getTime() - b.created_at.getTime());
  return section({
    id: 'participation.hours',
    group: 'todo',
    order: 20,
    title: say(ctx.locale, 'hoursTitle'),
    items: entries.map((h) => ({
      key: `hours:${h.id}`,
      title: say(ctx.locale, 'hours', { name: h.volunteer_name }),
      detail: `${h.activity} · ${duration(ctx.locale, h.minutes)}`,
      when: { at: h.created_at, kind: 'since' as const },
      link: webPaths.hoursToConfirm(h.organisation_id),
    })),
    total,
    more: webPaths.coordination(),
  });
}

async function partnerInvitations(tx: Executor, actor: SignedInActor, ctx: TodayContext) {
  const { items, total } = await pendingInvitations(tx, ctx.networkId, organisationsActedFor(actor), {
    limit: todayFetch,
    offset: 0,
  });
  return section({
    id: 'participation.partners',
    group: 'todo',
    order: 25,
    title: say(ctx.locale, 'partnersTitle'),
    items: items.map((i) => ({
      key: `partner:${i.opportunity_id}:${i.organisation_id}`,
      title: say(ctx.locale, 'partner', { lead: i.lead_name }),
      detail: say(ctx.locale, 'partnerFor', { title: i.title, organisation: i.organisation_name }),
      when: { at: i.added_at, kind: 'since' as const },
      link: webPaths.partnerInvitations(i.organisation_id),
    })),
    total,
    more: webPaths.coordination(),
  });
}

/** Unread messages from coordinators about shifts the person is on, one item per opportunity. */
async function messages(tx: Executor, ctx: TodayContext) {
  const rows = await tx
    .selectFrom('notification')
    .select(['id', 'link', 'params', 'created_at'])
    .where('network_id', '=', ctx.networkId)
    .where('account_id', '=', ctx.accountId)
    .where('read_at', 'is', null)
    .where('kind', '=', 'shift.message')
    .orderBy('created_at', 'desc')
    .limit(200)
    .execute();
  const byLink = new Map<string, typeof rows>();
  for (const r of rows) if (r.link) byLink.set(r.link, [...(byLink.get(r.link) ?? []), r]);
  const items: TodayItem[] = [...byLink.values()].map((list) => {
    const latest = list[0]!;
    return {
      key: `shift-message:${latest.link}`,
      title: say(ctx.locale, 'message', { title: String(latest.params.title ?? '') }),
      detail: String(latest.params.subject ?? ''),
      when: { at: latest.created_at, kind: 'since' as const },
      link: latest.link as TodayItem['link'],
      notificationIds: list.map((r) => r.id),
    };
  });
  return section({
    id: 'participation.messages',
    group: 'todo',
    order: 30,
    title: say(ctx.locale, 'messagesTitle'),
    items: items.slice(0, todayLimit),
    total: items.length,
    more: webPaths.notifications(),
  });
}

async function withoutSignups(tx: Executor, ctx: TodayContext) {
  const { items, total } = await opportunitiesWithoutSignups(
    tx,
    ctx.networkId,
    ctx.now,
    noSignupsWithinDays,
    todayFetch,
  );
  return section({
    id: 'participation.noSignups',
    group: 'network',
    order: 20,
    title: say(ctx.locale, 'noSignupsTitle'),
    items: items.map((o) => ({
      key: `opportunity:${o.id}`,
      title: say(ctx.locale, 'noSignups', { title: o.title }),
      detail: [o.organisations, say(ctx.locale, 'nobodyYet')].filter(Boolean).join(' · '),
      when: { at: o.next_shift_at, kind: 'on' as const },
      link: webPaths.opportunity(o.id),
    })),
    total,
    more: webPaths.opportunities(),
  });
}

const candidatePool = 300;

/**
 * A mini task (at most two hours, once) someone could still take: in the person's district first,
 * then one that fits their profile (skills, interests, free time), then the soonest; online ones fit
 * every district. Nothing they signed up for already, nothing a moderator hid.
 */
async function miniTasks(tx: Executor, _actor: SignedInActor, ctx: TodayContext) {
  const profile = await getProfile(tx, ctx.networkId, ctx.accountId);
  const districts = profile?.district_ids ?? [];
  const candidates = (await suggestionCandidates(tx, ctx.networkId, ctx.accountId, candidatePool)).filter(
    (c) => c.level === 'mini' && c.next_shift_at !== null,
  );
  const hidden = await hiddenIds(
    tx,
    ctx.networkId,
    'opportunity',
    candidates.map((c) => c.id),
  );
  const p = {
    skills: profile?.skills ?? [],
    interests: profile?.interests ?? [],
    languages: profile?.languages ?? [],
    availability: (profile?.availability ?? []) as unknown as AvailabilitySlot[],
    districtIds: districts,
  };
  const nearby = (c: (typeof candidates)[number]) =>
    c.district_id !== null && districts.includes(c.district_id) ? 2 : c.mode === 'online' ? 1 : 0;
  const ranked = candidates
    .filter((c) => !hidden.has(c.id))
    .map((c) => ({ c, near: nearby(c), fit: scoreCandidate(p, c).score }))
    .sort(
      (a, b) =>
        b.near - a.near ||
        b.fit - a.fit ||
        new Date(a.c.next_shift_at!).getTime() - new Date(b.c.next_shift_at!).getTime(),
    );
  // near home, fitting the profile, or asking for no particular skill; else the soonest of any
  const fitting = ranked.filter((r) => r.near === 2 || r.fit > 0 || r.c.skills.length === 0);
  const items: TodayItem[] = (fitting.length > 0 ? fitting : ranked).map(({ c }) => ({
    key: `opportunity:${c.id}`,
    title: say(ctx.locale, 'mini', { title: c.title }),
    detail: [
      c.effort_minutes
        ? say(ctx.locale, 'miniDetail', { effort: duration(ctx.locale, c.effort_minutes) })
        : '',
      c.mode === 'online' ? say(ctx.locale, 'online') : c.place,
    ]
      .filter(Boolean)
      .join(' · '),
    when: { at: new Date(c.next_shift_at!), kind: 'on' as const },
    link: webPaths.opportunity(c.id),
  }));
  return section({
    id: 'participation.mini',
    group: 'suggestion',
    order: 10,
    title: say(ctx.locale, ranked[0] && ranked[0].near === 2 ? 'miniTitle' : 'miniTitleAny'),
    items,
    more: webPaths.miniTasks(),
  });
}
