import type { Executor } from '../db/tx.ts';
import type { Catalogue, Locale } from '../i18n/messages.ts';
import type { Actor } from '../policies/actor.ts';
import type { WebPath } from './webPath.ts';

/**
 * The personal home ("Heute", GET /api/v1/me/today): what needs a person today, put together from
 * what each area already knows. Each area contributes its own sections through its manifest
 * (`today` in server/areas/manifest.ts, written in the area's today.ts); the foundation adds its own
 * (routes/api/me/todaySections.ts). The home itself knows none of them: a new area brings its
 * sections and their words, and the web client shows them as they come.
 *
 * Sections are worded here, on the server, in the language of the request: they are made fresh for
 * each request (unlike a notification, which is stored and read later in any language), and so the
 * client needs no text of its own per area or kind.
 */

/**
 * Where a section belongs on the page: `todo` needs the person (a claim, an approval, a confirmation,
 * an answer), `upcoming` is what they have coming (a shift, a booking, a task they took on), `network`
 * is what lies unanswered in the network (for its coordinator, the instance admin), `suggestion` is
 * asked for only when nothing needs the person.
 */
export const todayGroups = ['todo', 'upcoming', 'network', 'suggestion'] as const;
export type TodayGroup = (typeof todayGroups)[number];

/** When an item is: `on` a date (a shift, a need), waiting `since` (a request), open `until` (an invitation). */
export interface TodayWhen {
  at: Date;
  kind: 'on' | 'since' | 'until';
}

export interface TodayItem {
  /** stable within the answer, e.g. `need:<id>` */
  key: string;
  /** the link's text: says what to do, in plain words ("„Einkauf für die Woche“ übernehmen") */
  title: string;
  /** one short line more: whose, where, how much */
  detail?: string;
  when?: TodayWhen;
  /** one tap from the action: the page where it is done */
  link: WebPath;
  /** the person's unread notifications this item stands for: read once they open it */
  notificationIds?: string[];
}

export interface TodaySection {
  /** `<area>.<what>`, e.g. `sharing.approve` */
  id: string;
  group: TodayGroup;
  /** the heading: what these items are */
  title: string;
  /** at most `todayLimit` */
  items: TodayItem[];
  /** how many there are in all */
  total: number;
  /** the full list, offered when there are more than the items shown */
  more?: WebPath;
  /** order within its group, lowest first (care for a person 10, approvals 20, answers 30, the rest 50) */
  order: number;
}

/** What a contributor is told about the request besides the actor. */
export interface TodayContext {
  networkId: string;
  accountId: string;
  locale: Locale;
  /**
   * Begun with an instance admin's sign-in link: nothing of a support circle may show (see
   * LoadedSession.assisted), exactly as the circles' own routes answer 404.
   */
  assisted: boolean;
  now: Date;
  /** the client's address, for the audit rows a look may write (a professional's look into a circle) */
  ip: string;
}

export type SignedInActor = Actor & { accountId: string };

export type TodaySource = (tx: Executor, actor: SignedInActor, ctx: TodayContext) => Promise<TodaySection[]>;

/** An area's (or the foundation's) part of the home. */
export interface TodayContributor {
  /** What needs the person and what they have coming. */
  sections: TodaySource;
  /** Asked only when nothing needs the person (no `todo` or `network` section): small things to start with. */
  suggestions?: TodaySource;
}

/** Items shown per section; the rest is behind the section's `more` link. */
export const todayLimit = 3;

/** How many rows a contributor reads to show `todayLimit` and know whether there are more. */
export const todayFetch = todayLimit + 1;

/**
 * A section, or none when it has no items (empty sections are never sent). `total` defaults to the
 * items given; only the first `todayLimit` are kept, and `more` is dropped when nothing is left out.
 */
export function section(
  s: Omit<TodaySection, 'total' | 'more' | 'items'> & {
    items: TodayItem[];
    total?: number;
    more?: WebPath;
  },
): TodaySection[] {
  if (s.items.length === 0) return [];
  const total = Math.max(s.total ?? s.items.length, s.items.length);
  const items = s.items.slice(0, todayLimit);
  const { more, ...rest } = s;
  return [{ ...rest, items, total, ...(more && total > items.length ? { more } : {}) }];
}

/** A wording function over a contributor's own texts ({name} placeholders, German and English). */
export function wording<C extends Catalogue>(catalogue: C) {
  return (locale: Locale, key: keyof C & string, params: Record<string, string | number> = {}) =>
    catalogue[key]![locale].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** 90 → "1 Std. 30 Min." / "1 h 30 min", as the web client writes durations. */
export function duration(locale: Locale, minutes: number): string {
  const h = Math.floor(Math.abs(minutes) / 60);
  const m = Math.abs(minutes) % 60;
  const de = locale === 'de';
  const hours = h === 0 ? '' : de ? `${h} Std.` : `${h} h`;
  const mins = m === 0 ? '' : de ? `${m} Min.` : `${m} min`;
  return [hours, mins].filter(Boolean).join(' ') || (de ? '0 Min.' : '0 min');
}

/** The day count between two instants, rounded down: "waiting for 9 days". */
export const daysBetween = (from: Date, to: Date) => Math.floor((to.getTime() - from.getTime()) / 86_400_000);
