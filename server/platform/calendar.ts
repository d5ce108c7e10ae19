import type { Config } from '../config.ts';
import type { Area } from '../db/schema.ts';
import type { Executor } from '../db/tx.ts';
import type { Locale } from '../i18n/messages.ts';
import type { Actor } from '../policies/actor.ts';
import type { WebPath } from './webPath.ts';

/**
 * The one calendar across all areas (Räume & Brücken shows it at /raeume/kalender): every area that
 * has gatherings people can come to lists them through a `CalendarSource` in its manifest
 * (`calendar`), written in its own folder with its own rules of who may see what — the calendar
 * itself knows no area and shows only what a source gives the reader. Sources are registered when
 * the areas are put together (server/areas/index.ts), as the time bank's transfer sources are.
 *
 * Today: Räume & Brücken's events of organisations and communities, Mitmachen's shifts of published
 * opportunities (its events and projects among them), Mitgestalten's meetings of public projects.
 * Wissen has no gatherings yet; once it has, it adds a source and nothing here changes.
 *
 * Remote entries: events that arrived by ActivityPub from groups the town follows
 * (interop/activitypub/calendar.ts, a source of Räume & Brücken's, only while federation is on). They
 * carry `remote` (where they are from and the original's address) and are never linked to a page of
 * ours; they have no district, and nobody told us whether they are step-free or free.
 */

/** What kind of gathering an entry is (worded by the client). */
export const calendarKinds = ['event', 'shift', 'meeting'] as const;
export type CalendarKind = (typeof calendarKinds)[number];

/** Who invites: an organisation, a community, or a co-design project. */
export const calendarHostTypes = ['organisation', 'community', 'project'] as const;
export type CalendarHostType = (typeof calendarHostTypes)[number];

export interface CalendarEntry {
  /** unique across areas: `<area>.<kind>:<id>` */
  key: string;
  area: Area;
  kind: CalendarKind;
  /** the id of the thing in its area (an event, a shift, a meeting tool) */
  id: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  /** only a date is known (a meeting recorded by its day): startsAt is the local midnight, endsAt the next */
  allDay: boolean;
  host: { type: CalendarHostType; id: string; name: string } | null;
  districtId: string | null;
  districtName: string | null;
  /** where, as written (an address, a room); empty when it is online only or not said */
  place: string;
  /** can be joined online */
  online: boolean;
  /** the venue is step-free: true or false when the host said so, null when nobody said */
  accessible: boolean | null;
  /** free of charge: null when not said */
  free: boolean | null;
  /** what it costs, as the host wrote it (empty when free or not said) */
  price: string;
  cancelled: boolean;
  /** places in all (null: no limit or no registration) and still free */
  capacity: number | null;
  freePlaces: number | null;
  /** one can register, or sign up, on its page */
  registration: boolean;
  /** where the reader sees it and takes part: a page of ours, or for a remote entry the original (remote.url) */
  link: WebPath | null;
  /** it arrived from elsewhere by ActivityPub (link is null: the original is remote.url) */
  remote?: RemoteOrigin;
  /** in a person's own entries (`mine`): whether they have a place or wait for one */
  myStatus?: 'registered' | 'waitlisted';
}

/** Where a remote thing is from: the group that published it, its instance, and the original's address. */
export interface RemoteOrigin {
  originName: string;
  /** @group@instance, as people follow it */
  originHandle: string;
  domain: string;
  /** the original page (absolute, http or https) */
  url: string;
}

/** What the reader asks for: a time range and the calendar's filters (all optional). */
export interface CalendarQuery {
  networkId: string;
  /** entries that end after `from` and start before `to` */
  from: Date;
  to: Date;
  districtId?: string;
  /** a community's events only (sources without communities give none) */
  communityId?: string;
  accessible?: boolean;
  free?: boolean;
  online?: boolean;
  /** at most this many, earliest first */
  limit: number;
  locale: Locale;
}

/** A person's own entries: what they registered or signed up for. */
export interface PersonalQuery {
  networkId: string;
  accountId: string;
  from: Date;
  to: Date;
  limit: number;
  locale: Locale;
}

export interface CalendarSource {
  /** Whether the source takes part under this configuration (default: always). */
  enabled?(config: Config): boolean;
  /** The entries the reader may see in the range that pass the filters, earliest first, at most `limit`. */
  entries(db: Executor, actor: Actor, q: CalendarQuery): Promise<CalendarEntry[]>;
  /** The entries the person registered or signed up for (their personal feed), earliest first. */
  mine?(db: Executor, q: PersonalQuery): Promise<CalendarEntry[]>;
}

const sources: { area: Area; source: CalendarSource }[] = [];

/** Called once per area by server/areas/index.ts. */
export function registerCalendarSources(area: Area, list: readonly CalendarSource[]) {
  for (const source of list) if (!sources.some((s) => s.source === source)) sources.push({ area, source });
}

/** Every registered source enabled under `config`, with its area, in the order of the areas. */
export function calendarSources(config: Config): readonly { area: Area; source: CalendarSource }[] {
  return sources.filter(({ source }) => source.enabled?.(config) ?? true);
}

/**
 * Whether an entry passes the filters — the sources filter in their queries, and the calendar checks
 * each entry once more, so a source that overlooks a filter cannot widen what the reader asked for.
 */
export function passes(e: CalendarEntry, q: Omit<CalendarQuery, 'limit' | 'locale' | 'networkId'>): boolean {
  if (e.endsAt <= q.from || e.startsAt >= q.to) return false;
  if (q.districtId && e.districtId !== q.districtId) return false;
  if (q.communityId && !(e.host?.type === 'community' && e.host.id === q.communityId)) return false;
  if (q.accessible && e.accessible !== true) return false;
  if (q.free && e.free !== true) return false;
  if (q.online && !e.online) return false;
  return true;
}

/** Earliest first; at the same time by title, then key, so a page never shuffles. */
export function byStart(a: CalendarEntry, b: CalendarEntry): number {
  return (
    a.startsAt.getTime() - b.startsAt.getTime() ||
    a.title.localeCompare(b.title, 'de') ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  );
}
