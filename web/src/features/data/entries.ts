/**
 * Every feed, calendar, map layer and interface the "Daten & Schnittstellen" page lists, in one array:
 * adding an export is one entry here (and its words under `data.entries.<key>` in i18n/de.json and
 * en.json). The page builds its sections, copyable addresses and licence notes from it; the pages an
 * export belongs to show it with <Subscribe> (Subscribe.tsx).
 */

/** What kind of file an address answers. */
export type DataFormat = 'rss' | 'atom' | 'ics' | 'geojson' | 'hsds' | 'openapi';

export type DataGroup = 'feeds' | 'calendars' | 'maps' | 'interfaces';

/** Whose terms apply (worded under `data.licence.<key>`). */
export type Licence = 'authors' | 'facts' | 'software';

export interface DataEntry {
  /** its words: data.entries.<key>.title, .contains (and .each when it exists one by one too) */
  key: string;
  group: DataGroup;
  /** the network-wide addresses (paths on this server); none for a personal, secret one */
  formats: { format: DataFormat; path: string }[];
  /** the page of this site it belongs to, where it is linked */
  page: string;
  licence?: Licence;
  /** it exists one by one too (per organisation, per thread …): `data.entries.<key>.each` says where */
  each?: boolean;
  /** a person's own, behind a secret address made on `page` */
  personal?: boolean;
}

const api = (path: string) => `/api/v1${path}`;

export const dataEntries: readonly DataEntry[] = [
  // ---- Feeds ----------------------------------------------------------------------------------
  {
    key: 'news',
    group: 'feeds',
    formats: [
      { format: 'rss', path: api('/news/feed.rss') },
      { format: 'atom', path: api('/news/feed.atom') },
    ],
    page: '/wissen/neuigkeiten',
    licence: 'authors',
    each: true,
  },
  {
    key: 'discussions',
    group: 'feeds',
    formats: [
      { format: 'rss', path: api('/discussions/feed.rss') },
      { format: 'atom', path: api('/discussions/feed.atom') },
    ],
    page: '/wissen/diskussionen',
    licence: 'authors',
    each: true,
  },
  // ---- Calendars --------------------------------------------------------------------------------
  {
    key: 'calendar',
    group: 'calendars',
    formats: [{ format: 'ics', path: api('/places/events/calendar.ics') }],
    page: '/raeume/kalender',
    licence: 'facts',
  },
  { key: 'shifts', group: 'calendars', formats: [], page: '/mitmachen', licence: 'facts', each: true },
  { key: 'myCalendar', group: 'calendars', formats: [], page: '/raeume/kalender', personal: true },
  { key: 'myBookings', group: 'calendars', formats: [], page: '/teilen/buchungen', personal: true },
  // ---- Map layers (GeoJSON) -----------------------------------------------------------------------
  {
    key: 'resources',
    group: 'maps',
    formats: [{ format: 'geojson', path: api('/resources/geojson') }],
    page: '/teilen/karte',
    licence: 'facts',
  },
  {
    key: 'organisations',
    group: 'maps',
    formats: [{ format: 'geojson', path: api('/organisations/geojson') }],
    page: '/organisationen',
    licence: 'facts',
  },
  {
    key: 'opportunities',
    group: 'maps',
    formats: [{ format: 'geojson', path: api('/opportunities/geojson') }],
    page: '/mitmachen/karte',
    licence: 'facts',
  },
  {
    key: 'events',
    group: 'maps',
    formats: [{ format: 'geojson', path: api('/places/events/geojson') }],
    page: '/raeume/kalender',
    licence: 'facts',
  },
  {
    key: 'mapReports',
    group: 'maps',
    formats: [{ format: 'geojson', path: api('/map-reports/geojson') }],
    page: '/wissen/karte',
    licence: 'authors',
  },
  {
    key: 'districts',
    group: 'maps',
    formats: [{ format: 'geojson', path: api('/districts/geojson') }],
    page: '/organisationen',
    licence: 'facts',
  },
  // ---- Interfaces for programs --------------------------------------------------------------------
  {
    key: 'hsds',
    group: 'interfaces',
    formats: [{ format: 'hsds', path: api('/hsds/export') }],
    page: '/organisationen',
    licence: 'facts',
  },
  {
    key: 'openapi',
    group: 'interfaces',
    formats: [{ format: 'openapi', path: '/api/openapi.json' }],
    page: '/api/docs',
    licence: 'software',
  },
];

export const dataGroups: readonly DataGroup[] = ['feeds', 'calendars', 'maps', 'interfaces'];

/** The media type a link announces (`type` on <a> and <link rel="alternate">). */
export const mediaTypes: Record<DataFormat, string> = {
  rss: 'application/rss+xml',
  atom: 'application/atom+xml',
  ics: 'text/calendar',
  geojson: 'application/geo+json',
  hsds: 'application/json',
  openapi: 'application/json',
};

/** What a format is, in plain words: data.explain.<kind>. */
export const explanationOf = (f: DataFormat) => (f === 'rss' || f === 'atom' ? 'feed' : f);

/** An address as people copy it: absolute, on this site. */
export const absolute = (path: string) => `${window.location.origin}${path}`;
